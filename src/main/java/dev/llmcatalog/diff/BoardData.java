package dev.llmcatalog.diff;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.StateCursor;
import dev.llmcatalog.store.StateReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest successful snapshot of one leaderboard: per model, per variant, key -> value. Variants
 * and models are in sorted order, so every choice made from them is deterministic.
 */
public record BoardData(String source, Optional<SnapshotInfo> snapshot, Map<String, Map<String, Map<String, String>>> models) {

  public static BoardData load(StateReader store, String source) {
    Optional<SnapshotInfo> latest = store.findLatest(source);
    Map<String, Map<String, Map<String, String>>> models = new TreeMap<>();
    latest.ifPresent(s -> fill(store.loadState(s), models));
    return new BoardData(source, latest, models);
  }

  /**
   * As {@link #load(StateReader, String)}, reading only {@code keys}: a table of the Hub's models reads the few values
   * it shows, not a state of a million values.
   */
  public static BoardData load(StateReader store, String source, Collection<String> keys) {
    Optional<SnapshotInfo> latest = store.findLatest(source);
    Map<String, Map<String, Map<String, String>>> models = new TreeMap<>();
    if (latest.isPresent()) {
      List<Observation> values = new ArrayList<>();
      try (StateCursor cursor = store.openValues(latest.get(), keys)) {
        cursor.forEachRemaining(values::add);
      }
      fill(values, models);
    }
    return new BoardData(source, latest, models);
  }

  public static BoardData of(String source, Optional<SnapshotInfo> snapshot, List<Observation> observations) {
    Map<String, Map<String, Map<String, String>>> models = new TreeMap<>();
    fill(observations, models);
    return new BoardData(source, snapshot, models);
  }

  private static void fill(List<Observation> observations, Map<String, Map<String, Map<String, String>>> models) {
    for (Observation o : observations) {
      models.computeIfAbsent(o.subject(), k -> new TreeMap<>())
          .computeIfAbsent(o.variant(), k -> new TreeMap<>())
          .put(o.key(), o.value());
    }
  }

  public Map<String, Map<String, String>> variants(String model) {
    return models.getOrDefault(model, Map.of());
  }
}
