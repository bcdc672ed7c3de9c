package dev.llmcatalog.cli;

import dev.llmcatalog.chart.ChartFiles;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.render.CatalogFile;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "chart", mixinStandardHelpOptions = true,
    description = "Draw the trend chart of one leaderboard table (its top models' score over time) as SVG.")
final class ChartCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Parameters(paramLabel = "TABLE", description = "A table id of the config's tables.")
  String table;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the SVG here (default: standard output).")
  Path out;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    String svg;
    try (SnapshotStore store = root.openStore()) {
      svg = ChartFiles.drawTable(config, store, table);
    }
    if (out == null) {
      root.context.out().print(svg);
    } else {
      CatalogFile.write(out, svg);
      root.context.out().println("wrote " + out);
    }
    return ExitCodes.OK;
  }
}
