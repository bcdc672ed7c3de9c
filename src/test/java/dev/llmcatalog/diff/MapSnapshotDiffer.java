package dev.llmcatalog.diff;

import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The test oracle: SnapshotDiffer as it was before it streamed (commit dc45123), verbatim but for name and visibility,
 * so the streaming merge can be checked against it on random states. It indexes both states whole in
 * TreeMaps, so it orders ids by UTF-16 units where the store (and the streaming differ) orders by code point;
 * the two agree unless a character beyond U+FFFF meets one in U+E000..U+FFFF.
 *
 * <p>Original summary: compares two states of one source. Both must come from successful snapshots: a failed
 * fetch is never a state, so it can never show up as removals. Downloads and likes change all the time; they are reported
 * only beyond a relative threshold, so the review is not drowned in counters.
 */
final class MapSnapshotDiffer {
  /**
   * Keys a reviewer does not need to see change: Hub fields that follow the revision or are noise, and the
   * date a board stamps on a whole edition (it changes for every row at once; the values say what changed).
   */
  private static final Set<String> QUIET = Set.of(Fields.LAST_MODIFIED, Fields.CREATED_AT, Fields.TAGS, "edition_date");
  private static final Set<String> COUNTERS = Set.of(Fields.DOWNLOADS, Fields.LIKES);

  private final double counterThreshold;

  /** @param counterThreshold relative change of downloads/likes below which it is not reported (0.1 = 10%) */
  MapSnapshotDiffer(double counterThreshold) {
    this.counterThreshold = counterThreshold;
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
        compare(source, id[0], id[1], key, a.get(key), b.get(key)).ifPresent(changes::add);
      }
    }
    return changes;
  }

  private Optional<Change> compare(String source, String model, String variant, String key, String a, String b) {
    if (a != null && a.equals(b) || key.startsWith(Fields.RANK_PREFIX) || QUIET.contains(key)) {
      return Optional.empty();
    }
    Optional<BigDecimal> x = Scores.parse(a);
    Optional<BigDecimal> y = Scores.parse(b);
    if (COUNTERS.contains(key)) {
      if (x.isPresent() && y.isPresent() && !beyondThreshold(x.get(), y.get())) {
        return Optional.empty();
      }
      return Optional.of(new Change.FieldChanged(source, model, variant, key, a, b));
    }
    boolean numeric = (a == null || x.isPresent()) && (b == null || y.isPresent()) && !key.equals(Fields.PARAMETERS);
    if (numeric) {
      String delta = x.isPresent() && y.isPresent() ? signed(y.get().subtract(x.get())) : null;
      return Optional.of(new Change.MetricChanged(source, model, variant, key, a, b, delta));
    }
    return Optional.of(new Change.FieldChanged(source, model, variant, key, a, b));
  }

  private boolean beyondThreshold(BigDecimal a, BigDecimal b) {
    if (a.signum() == 0) {
      return b.signum() != 0;
    }
    BigDecimal relative = b.subtract(a).abs().divide(a.abs(), MathContext.DECIMAL64);
    return relative.doubleValue() >= counterThreshold;
  }

  private static String signed(BigDecimal delta) {
    String text = Scores.format(delta);
    return delta.signum() > 0 ? "+" + text : text;
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
