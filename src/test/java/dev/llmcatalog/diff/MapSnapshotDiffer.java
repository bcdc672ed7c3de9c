package dev.llmcatalog.diff;

import dev.llmcatalog.normalize.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The test oracle: SnapshotDiffer as it was before it streamed (commit dc45123), verbatim but for name, visibility and its
 * per-value comparison (the real differ's: it is not what the oracle is for),
 * so the streaming merge can be checked against it on random states. It indexes both states whole in
 * TreeMaps, so it orders ids by UTF-16 units where the store (and the streaming differ) orders by code point;
 * the two agree unless a character beyond U+FFFF meets one in U+E000..U+FFFF.
 *
 * <p>Original summary: compares two states of one source. Both must come from successful snapshots: a failed
 * fetch is never a state, so it can never show up as removals. Downloads and likes change all the time; they are reported
 * only beyond a relative threshold, so the review is not drowned in counters.
 */
final class MapSnapshotDiffer {
  /** How one value changed is not what this oracle checks: it uses the real differ's comparison. */
  private final SnapshotDiffer values;

  /** @param counterThreshold relative change of downloads/likes below which it is not reported (0.1 = 10%) */
  MapSnapshotDiffer(double counterThreshold) {
    this.values = new SnapshotDiffer(counterThreshold);
  }

  /**
   * @param renames old id -> new id recorded between the two snapshots
   */
  List<Change> diff(String source, List<Observation> before, List<Observation> after, Map<String, String> renames) {
    Map<String, Map<String, String>> old = index(before);
    Map<String, Map<String, String>> now = index(after);
    TreeSet<String> oldModels = models(old);
    TreeSet<String> newModels = models(now);
    List<Change> changes = new ArrayList<>();
    renames.forEach((from, to) -> {
      if (oldModels.contains(from) && newModels.contains(to) && !newModels.contains(from)) {
        changes.add(new Change.ModelRenamed(source, from, to));
      }
    });
    for (String model : newModels) {
      if (!oldModels.contains(model) && !renames.containsValue(model)) {
        changes.add(new Change.ModelAdded(source, model));
      }
    }
    for (String model : oldModels) {
      if (!newModels.contains(model) && !renames.containsKey(model)) {
        changes.add(new Change.ModelRemoved(source, model));
      }
    }
    TreeSet<String> rows = new TreeSet<>(old.keySet());
    rows.addAll(now.keySet());
    for (String row : rows) {
      String[] id = row.split("\u0000", 2);
      String oldModel = renamedFrom(id[0], renames, oldModels);
      Map<String, String> a = old.getOrDefault(oldModel + "\u0000" + id[1], Map.of());
      Map<String, String> b = now.getOrDefault(row, Map.of());
      if (!newModels.contains(id[0]) || !oldModels.contains(oldModel)) {
        continue; // whole model added or removed: already reported
      }
      TreeSet<String> keys = new TreeSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (String key : keys) {
        values.compare(source, id[0], id[1], key, a.get(key), b.get(key)).ifPresent(changes::add);
      }
    }
    return changes;
  }

  private static String renamedFrom(String model, Map<String, String> renames, Set<String> oldModels) {
    for (Map.Entry<String, String> e : renames.entrySet()) {
      if (e.getValue().equals(model) && oldModels.contains(e.getKey())) {
        return e.getKey();
      }
    }
    return model;
  }

  /** subject NUL variant -> key -> value, sorted. */
  private static Map<String, Map<String, String>> index(List<Observation> observations) {
    Map<String, Map<String, String>> rows = new TreeMap<>();
    for (Observation o : observations) {
      rows.computeIfAbsent(o.subject() + "\u0000" + o.variant(), k -> new TreeMap<>()).put(o.key(), o.value());
    }
    return rows;
  }

  private static TreeSet<String> models(Map<String, Map<String, String>> rows) {
    TreeSet<String> models = new TreeSet<>();
    rows.keySet().forEach(r -> models.add(r.substring(0, r.indexOf('\u0000'))));
    return models;
  }
}
