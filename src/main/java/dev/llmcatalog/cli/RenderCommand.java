package dev.llmcatalog.cli;

import dev.llmcatalog.chart.ChartFiles;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.diff.TextDiff;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.render.CatalogRenderer;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
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

  @Option(names = "--check", description = "Write nothing; print the unified diff (and the charts that would change) and"
      + " exit 1 if anything would change.")
  boolean check;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    Path target = out != null ? out : config.output();
    String rendered;
    List<Path> charts;
    try (SnapshotStore store = root.openStore()) {
      rendered = new CatalogRenderer(config).render(store, target);
      charts = check ? ChartFiles.findStale(config, store, target) : ChartFiles.write(config, store, target);
    }
    PrintWriter print = root.context.out();
    String current = CatalogFile.read(target);
    if (check) {
      if (!rendered.equals(current)) {
        print.print(TextDiff.unified(target.toString(), current, rendered));
      }
      charts.forEach(c -> print.println(c + " would change"));
      boolean upToDate = rendered.equals(current) && charts.isEmpty();
      if (upToDate) {
        print.println(target + " is up to date");
      }
      return upToDate ? ExitCodes.OK : ExitCodes.FAILURE;
    }
    if (rendered.equals(current)) {
      print.println(target + " unchanged");
    } else {
      CatalogFile.write(target, rendered);
      print.println("wrote " + target);
    }
    charts.forEach(c -> print.println("wrote " + c));
    return ExitCodes.OK;
  }
}
