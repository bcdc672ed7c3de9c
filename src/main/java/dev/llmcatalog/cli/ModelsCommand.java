package dev.llmcatalog.cli;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the configured models with their Hub id and status, or (--unresolved) the leaderboard"
        + " names no Hub id was found for.")
final class ModelsCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Option(names = "--unresolved", description = "List board model names that were not resolved to a Hub id, per source,"
      + " from each source's latest snapshot. Map them with 'aliases' in the config.")
  boolean unresolved;

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    PrintWriter out = root.context.out();
    try (SnapshotStore store = root.openStore()) {
      if (unresolved) {
        printUnresolved(config, store, out);
      } else {
        printModels(config, store, out);
      }
    }
    return ExitCodes.OK;
  }

  private static void printUnresolved(CatalogConfig config, SnapshotStore store, PrintWriter out) {
    int count = 0;
    for (String source : config.storedSources()) {
      Optional<SnapshotInfo> latest = store.findLatest(source);
      if (latest.isEmpty()) {
        continue;
      }
      for (String name : store.loadUnresolved(latest.get())) {
        out.println(source + "\t" + name);
        count++;
      }
    }
    if (count == 0) {
      out.println("every board name is resolved");
    }
  }

  private static void printModels(CatalogConfig config, SnapshotStore store, PrintWriter out) {
    Map<String, String> aliases = store.loadAliases();
    Optional<SnapshotInfo> hub = store.findLatest("hub");
    TreeSet<String> present = new TreeSet<>();
    hub.ifPresent(s -> present.addAll(store.loadSubjects(s)));
    TreeSet<String> missing = new TreeSet<>();
    hub.ifPresent(s -> store.loadMissing(s).forEach(m -> missing.add(m.modelId())));
    String format = "%-45s  %-45s  %s%n";
    out.printf(format, "CONFIGURED", "HUB ID", "STATUS");
    for (String id : config.listedModels()) {
      String canonical = aliases.getOrDefault(id, id);
      String status = missing.contains(id) ? "missing" : present.contains(canonical) ? "ok" : "no data";
      out.printf(format, id, canonical, status);
    }
  }
}
