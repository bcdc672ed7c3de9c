package dev.llmcatalog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  OutputFormat format;

  /** A configured model: its current Hub id and status ({@code ok}, {@code missing} or {@code no data}). */
  record Model(String configured, String hubId, String status) {}

  /** A board name a source's latest snapshot could not resolve. */
  record Unresolved(String source, String name) {}

  @Override
  public Integer call() {
    CatalogConfig config = root.loadConfig();
    PrintWriter out = root.context.out();
    try (SnapshotStore store = root.openStore()) {
      if (unresolved) {
        printUnresolved(loadUnresolved(config, store), out);
      } else {
        printModels(loadModels(config, store), out);
      }
    }
    return ExitCodes.OK;
  }

  private static List<Unresolved> loadUnresolved(CatalogConfig config, SnapshotStore store) {
    List<Unresolved> names = new ArrayList<>();
    for (String source : config.storedSources()) {
      Optional<SnapshotInfo> latest = store.findLatest(source);
      latest.ifPresent(s -> store.loadUnresolved(s).forEach(name -> names.add(new Unresolved(source, name))));
    }
    return names;
  }

  private static List<Model> loadModels(CatalogConfig config, SnapshotStore store) {
    Map<String, String> aliases = store.loadAliases();
    Optional<SnapshotInfo> hub = store.findLatest("hub");
    TreeSet<String> present = new TreeSet<>();
    hub.ifPresent(s -> present.addAll(store.loadSubjects(s)));
    TreeSet<String> missing = new TreeSet<>();
    hub.ifPresent(s -> store.loadMissing(s).forEach(m -> missing.add(m.modelId())));
    List<Model> models = new ArrayList<>();
    for (String id : config.listedModels()) {
      String canonical = aliases.getOrDefault(id, id);
      models.add(new Model(id, canonical, missing.contains(id) ? "missing" : present.contains(canonical) ? "ok" : "no data"));
    }
    return models;
  }

  private void printUnresolved(List<Unresolved> names, PrintWriter out) {
    if (format.json()) {
      ObjectNode json = Json.object();
      ArrayNode list = json.putArray("unresolved");
      names.forEach(n -> list.addObject().put("source", n.source()).put("name", n.name()));
      Json.print(out, json);
      return;
    }
    names.forEach(n -> out.println(n.source() + "\t" + n.name()));
    if (names.isEmpty()) {
      out.println("every board name is resolved");
    }
  }

  private void printModels(List<Model> models, PrintWriter out) {
    if (format.json()) {
      ObjectNode json = Json.object();
      ArrayNode list = json.putArray("models");
      models.forEach(m -> list.addObject().put("configured", m.configured()).put("hub_id", m.hubId())
          .put("status", m.status().replace(' ', '_')));
      Json.print(out, json);
      return;
    }
    String columns = "%-45s  %-45s  %s%n";
    out.printf(columns, "CONFIGURED", "HUB ID", "STATUS");
    models.forEach(m -> out.printf(columns, m.configured(), m.hubId(), m.status()));
  }
}
