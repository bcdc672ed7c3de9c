package dev.llmcatalog.render;

import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The data a render reads: the latest Hub state per model, aliases and missing models. */
record CatalogData(Map<String, Map<String, String>> models, Map<String, String> aliases, Map<String, MissingModel> missing) {

  static CatalogData load(SnapshotStore store, String source) {
    Optional<SnapshotInfo> latest = store.findLatest(source);
    Map<String, Map<String, String>> models = new HashMap<>();
    Map<String, MissingModel> missing = new HashMap<>();
    if (latest.isPresent()) {
      for (Observation o : store.loadState(latest.get())) {
        models.computeIfAbsent(o.subject(), k -> new TreeMap<>()).put(o.key(), o.value());
      }
      store.loadMissing(latest.get()).forEach(m -> missing.put(m.modelId(), m));
    }
    return new CatalogData(models, store.loadAliases(), missing);
  }

  /** The canonical id of a configured id, following renames. */
  String canonical(String id) {
    String current = id;
    for (int hops = 0; hops < 10 && aliases.containsKey(current); hops++) {
      current = aliases.get(current);
    }
    return current;
  }

  Map<String, String> fields(String canonicalId) {
    return models.getOrDefault(canonicalId, Map.of());
  }

  /** Models holding {@code key} (a rank), ordered by its numeric value. */
  List<String> rankedBy(String key) {
    return models.entrySet().stream()
        .filter(e -> e.getValue().containsKey(key))
        .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, String>> e) -> Long.parseLong(e.getValue().get(key)))
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }
}
