package dev.llmcatalog.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.render.CatalogRenderer;
import dev.llmcatalog.store.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Write the catalog markdown from the config's template and the latest snapshots.")
final class RenderCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of the config's output path.")
  Path out;

  @Option(names = "--check", description = "Write nothing; print the unified diff and exit 1 if the file would change.")
  boolean check;

  @Override
  public Integer call() {
    CatalogConfig config = ConfigLoader.load(root.config);
    Path target = out != null ? out : config.output();
    String rendered;
    try (SnapshotStore store = SnapshotStore.open(root.db, root.context.clock())) {
      rendered = new CatalogRenderer(config).render(store, target);
    }
    String current = read(target);
    if (check) {
      if (rendered.equals(current)) {
        root.context.out().println(target + " is up to date");
        return ExitCodes.OK;
      }
      root.context.out().print(unifiedDiff(target.toString(), current, rendered));
      return ExitCodes.FAILURE;
    }
    if (rendered.equals(current)) {
      root.context.out().println(target + " unchanged");
      return ExitCodes.OK;
    }
    write(target, rendered);
    root.context.out().println("wrote " + target);
    return ExitCodes.OK;
  }

  static String unifiedDiff(String name, String before, String after) {
    List<String> original = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
    List<String> revised = List.of(after.split("\n", -1));
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, original,
        DiffUtils.diff(original, revised), 3);
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a catalog. */
  private static void write(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".llm-catalog-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
