package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.diff.TextDiff;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.render.CatalogRenderer;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
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
    CatalogConfig config = root.loadConfig();
    Path target = out != null ? out : config.output();
    String rendered;
    try (SnapshotStore store = root.openStore()) {
      rendered = new CatalogRenderer(config).render(store, target);
    }
    String current = CatalogFile.read(target);
    if (check) {
      if (rendered.equals(current)) {
        root.context.out().println(target + " is up to date");
        return ExitCodes.OK;
      }
      root.context.out().print(TextDiff.unified(target.toString(), current, rendered));
      return ExitCodes.FAILURE;
    }
    if (rendered.equals(current)) {
      root.context.out().println(target + " unchanged");
      return ExitCodes.OK;
    }
    CatalogFile.write(target, rendered);
    root.context.out().println("wrote " + target);
    return ExitCodes.OK;
  }
}
