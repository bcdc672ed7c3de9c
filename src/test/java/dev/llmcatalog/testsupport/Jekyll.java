package dev.llmcatalog.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The {@code jekyll} command of this machine (Debian's package, which {@code .ci/run} installs), building a one-post
 * site with the markdown settings of GitHub Pages: kramdown with GFM input.
 */
public final class Jekyll {
  /** The system property that makes a missing jekyll a failure outside CI too ({@code -Dllmcatalog.jekyll=required}). */
  public static final String REQUIRED_PROPERTY = "llmcatalog.jekyll";
  private static final String CONFIG = """
      markdown: kramdown
      kramdown:
        input: GFM
      """;
  /** Shows the front matter's fields, so that a test sees what Jekyll read of it. */
  private static final String POST_LAYOUT = """
      <!DOCTYPE html>
      <html><head><meta charset="utf-8"><title>{{ page.title }}</title>
      <meta name="categories" content="{{ page.categories | join: ',' }}">
      <meta name="tags" content="{{ page.tags | join: ',' }}"></head>
      <body><article>{{ content }}</article></body></html>
      """;

  private final Path command;

  private Jekyll(Path command) {
    this.command = command;
  }

  /** The jekyll on {@code PATH}, if any. */
  public static Optional<Jekyll> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "jekyll"))
        .filter(Files::isExecutable).findFirst().map(Jekyll::new);
  }

  /**
   * Whether a missing jekyll must fail the test rather than skip it: under CI ({@code CI} set, as for {@code .ci/run}),
   * or when asked with {@link #REQUIRED_PROPERTY}.
   */
  public static boolean required() {
    String ci = System.getenv("CI");
    return (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"))
        || "required".equals(System.getProperty(REQUIRED_PROPERTY));
  }

  /** One built page: its path under {@code _site} (from the front matter's date and categories) and its HTML. */
  public record Page(String path, Document html) {}

  /** Builds a site in {@code dir} holding {@code markdown} as its one post, and returns the page Jekyll made of it. */
  public Page buildPost(Path dir, String markdown) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("_layouts"));
    Files.createDirectories(dir.resolve("_posts"));
    Files.writeString(dir.resolve("_config.yml"), CONFIG, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("_layouts/post.html"), POST_LAYOUT, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("_posts/2024-01-01-catalog.md"), markdown, StandardCharsets.UTF_8);
    Path site = dir.resolve("_site");
    Path log = dir.resolve("jekyll.log");
    ProcessBuilder build = new ProcessBuilder(command.toString(), "build", "--source", dir.toString(), "--destination",
        site.toString(), "--disable-disk-cache", "--quiet")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // Fixed, so that the page's path (its date) and the reading of the files do not depend on the machine's settings.
    build.environment().putAll(Map.of("TZ", "UTC", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8"));
    Process process = build.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("jekyll build did not end within 3 minutes: " + Files.readString(log));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("jekyll build exited " + process.exitValue() + ": " + Files.readString(log));
    }
    List<Path> pages;
    try (Stream<Path> files = Files.walk(site)) {
      pages = files.filter(f -> f.toString().endsWith(".html")).toList();
    }
    if (pages.size() != 1) {
      throw new AssertionError("expected one page in " + site + ", got " + pages + "; jekyll said: " + Files.readString(log));
    }
    Path page = pages.get(0);
    return new Page(site.relativize(page).toString().replace(File.separatorChar, '/'),
        Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return command.toString();
  }
}
