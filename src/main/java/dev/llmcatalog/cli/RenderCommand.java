package dev.llmcatalog.cli;

import dev.llmcatalog.chart.ChartFiles;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.diff.TextDiff;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.render.CatalogRenderer;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Write the catalog markdown from the config's template and the latest snapshots, and the trend"
        + " charts beside it whose data changed.")
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
    List<Path> charts = List.of();
    try (SnapshotStore store = SnapshotStore.open(root.db, root.context.clock())) {
      rendered = new CatalogRenderer(config).render(store, target);
      if (!check) {
        charts = ChartFiles.write(config, store, target);
      }
    }
    charts.forEach(c -> root.context.out().println("wrote " + c));
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
