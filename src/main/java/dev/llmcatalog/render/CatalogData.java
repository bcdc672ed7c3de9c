package dev.llmcatalog.render;

import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.StateCursor;
import dev.llmcatalog.store.StateReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data a render reads: per model of the latest Hub state the fields it shows, aliases and missing models. */
record CatalogData(Map<String, Map<String, String>> models, Map<String, String> aliases, Map<String, MissingModel> missing) {

  /**
   * Reads only {@code keys} (the fields a model line shows and the groups' ranks), streamed from the store into one
   * small immutable map per model with repeated values shared, so a 100,000-model group renders in a small heap.
   */
  static CatalogData load(StateReader store, String source, Collection<String> keys) {
    Optional<SnapshotInfo> latest = store.findLatest(source);
    Map<String, Map<String, String>> models = new HashMap<>();
    Map<String, MissingModel> missing = new HashMap<>();
    if (latest.isPresent()) {
      Map<String, String> shared = new HashMap<>(); // licenses, dates and small counts repeat across models
      List<Map.Entry<String, String>> fields = new ArrayList<>();
      String subject = null;
      try (StateCursor state = store.openValues(latest.get(), keys)) {
        while (state.hasNext()) {
          Observation o = state.next();
          if (!o.subject().equals(subject)) {
            freeze(subject, fields, models);
            subject = o.subject();
          }
          fields.add(Map.entry(o.key(), shared.computeIfAbsent(o.value(), v -> v)));
        }
      }
      freeze(subject, fields, models);
      store.loadMissing(latest.get()).forEach(m -> missing.put(m.modelId(), m));
    }
    return new CatalogData(models, store.loadAliases(), missing);
  }

  @SuppressWarnings("unchecked")
  private static void freeze(String model, List<Map.Entry<String, String>> fields, Map<String, Map<String, String>> models) {
    if (model != null) {
      models.put(model, Map.ofEntries(fields.toArray(Map.Entry[]::new)));
    }
    fields.clear();
  }

  /** The canonical id of a configured id, following renames. */
  String canonical(String id) {
    return Alias.follow(aliases, id);
  }

  Map<String, String> fields(String canonicalId) {
    return models.getOrDefault(canonicalId, Map.of());
  }

  /** Models holding {@code key} (a rank), ordered by its numeric value. */
  List<String> rankedBy(String key) {
    record Ranked(long rank, String id) {}
    List<Ranked> ranked = new ArrayList<>();
    models.forEach((id, fields) -> {
      String rank = fields.get(key);
      if (rank != null) {
        ranked.add(new Ranked(Long.parseLong(rank), id));
      }
    });
    ranked.sort(Comparator.comparingLong(Ranked::rank).thenComparing(Ranked::id));
    return ranked.stream().map(Ranked::id).toList();
  }
}
