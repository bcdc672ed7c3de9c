package dev.llmcatalog.testsupport;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.source.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the shipped config that write every generated file into a test's own folder. */
public final class TestConfigs {
  /** The sources the shipped config syncs, in order: a sync of the test world makes one snapshot of each. */
  public static final java.util.List<String> SOURCES = load(Path.of("config/catalog.yaml")).sources();

  private TestConfigs() {}

  /** Loads {@code file} as the CLI does, against the sources of this build. */
  public static CatalogConfig load(Path file) {
    return ConfigLoader.load(file, Sources.known());
  }

  /**
   * The shipped {@code config/catalog.yaml} written to {@code dir/catalog.yaml}, reading the shipped template
   * but writing the catalog ({@code dir/catalog.md}) and the review files into {@code dir}.
   */
  public static Path shippedIn(Path dir) {
    return shippedIn(dir, text -> text);
  }

  /** {@code config} with its top-level {@code schedules:} section replaced by {@code section} (YAML, from the key on). */
  public static String withSchedules(String config, String section) {
    String replaced = config.replaceFirst("(?m)^schedules:.*\n(?:^[ #].*\n|^\\s*\n)*", java.util.regex.Matcher.quoteReplacement(section));
    if (replaced.equals(config)) {
      throw new IllegalStateException("the shipped config has no schedules section: update TestConfigs");
    }
    return replaced;
  }

  /** As {@link #shippedIn(Path)}, with {@code edit} applied to the config text first. */
  public static Path shippedIn(Path dir, java.util.function.UnaryOperator<String> edit) {
    try {
      String text = Files.readString(Path.of("config/catalog.yaml"))
          .replace("template: catalog.template.md", "template: " + Path.of("config/catalog.template.md").toAbsolutePath())
          .replace("output: ../db/catalog.md", "output: catalog.md");
      if (text.contains("\nreview:")) {
        throw new IllegalStateException("the shipped config has a review section: update TestConfigs");
      }
      // One attempt: failure tests must not wait through real retry back-off (the retry layer has its own tests).
      text += "\nreview:\n  diff: catalog.diff\n  summary: summary.md\nfetch:\n  attempts: 1\n";
      Path file = dir.resolve("catalog.yaml");
      Files.writeString(file, edit.apply(text));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
