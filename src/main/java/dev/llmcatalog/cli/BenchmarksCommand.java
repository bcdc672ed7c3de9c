package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.source.Upstreams;
import dev.llmcatalog.source.hubbench.Benchmark;
import dev.llmcatalog.source.hubbench.HubBenchConfig;
import dev.llmcatalog.source.hubbench.HubBenchSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "List the Hub's official benchmark datasets (their leaderboards can be added under hub_benchmarks"
        + " in the config), in the Hub's order, and whether the config reads each.")
final class BenchmarksCommand implements Callable<Integer> {
  private static final String FORMAT = "%-40s  %-6s  %6s  %10s  %-10s  %s%n";

  @ParentCommand
  RootCommand root;

  @Mixin
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    CatalogConfig config = root.loadConfig();
    Set<String> configured = config.section(HubBenchConfig.SECTION).boards().stream().map(HubBenchConfig.Board::id)
        .collect(Collectors.toSet());
    List<Benchmark> benchmarks;
    try (SyncService hub = SyncService.online(config, root.context.world())) {
      benchmarks = hub.ask(Upstreams.HUB.key(), HubBenchSource::fetchOfficial);
    }
    PrintWriter out = root.context.out();
    if (format.json()) {
      ObjectNode json = Json.object();
      ArrayNode list = json.putArray("benchmarks");
      for (Benchmark b : benchmarks) {
        ObjectNode o = list.addObject().put("id", b.id());
        if ("false".equals(b.gated())) {
          o.put("gated", false); // as the Hub gives it: false, "auto" or "manual"
        } else {
          o.put("gated", b.gated());
        }
        o.put("likes", b.likes()).put("downloads", b.downloads()).put("last_modified", b.lastModified())
            .put("configured", configured.contains(b.id()));
      }
      Json.print(out, json);
      return ExitCodes.OK;
    }
    if (benchmarks.isEmpty()) {
      out.println("the Hub lists no official benchmark datasets");
      return ExitCodes.OK;
    }
    out.printf(FORMAT, "DATASET", "GATED", "LIKES", "DOWNLOADS", "CONFIGURED", "LAST MODIFIED");
    for (Benchmark b : benchmarks) {
      out.printf(FORMAT, b.id(), orNone(b.gated()), orNone(b.likes()), orNone(b.downloads()),
          configured.contains(b.id()) ? "yes" : "no", orNone(b.lastModified()));
    }
    out.printf("%d official benchmarks; add one as a board under hub_benchmarks.boards of the config (docs/config.md)%n",
        benchmarks.size());
    return ExitCodes.OK;
  }

  private static String orNone(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }
}
