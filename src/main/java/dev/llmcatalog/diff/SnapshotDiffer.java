package dev.llmcatalog.diff;

import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.store.StateOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two states of one source. Both must come from successful snapshots: a failed fetch is never a
 * state, so it can never show up as removals. Downloads and likes change all the time; they are reported
 * only beyond a relative threshold, so the review is not drowned in counters.
 */
public final class SnapshotDiffer {
  /**
   * Keys a reviewer does not need to see change: Hub fields that follow the revision or are noise, and the
   * date a board stamps on a whole edition (it changes for every row at once; the values say what changed).
   */
  static final Set<String> QUIET = Set.of(Fields.LAST_MODIFIED, Fields.CREATED_AT, Fields.TAGS, "edition_date");
  static final Set<String> COUNTERS = Set.of(Fields.DOWNLOADS, Fields.LIKES);

  private final double counterThreshold;

  /** @param counterThreshold relative change of downloads/likes below which it is not reported (0.1 = 10%) */
  public SnapshotDiffer(double counterThreshold) {
    this.counterThreshold = counterThreshold;
  }

  /**
   * Diffs two states given as lists in any order (a copy of each is sorted first). When a list holds a key twice,
   * the later value counts.
   *
   * @param renames old id -> new id recorded between the two snapshots
   */
  public List<Change> diff(String source, List<Observation> before, List<Observation> after, Map<String, String> renames) {
    return diff(source, ordered(before).iterator(), ordered(after).iterator(), renames);
  }

  /**
   * Diffs two states read in {@link StateOrder#KEYS} order (as {@link dev.llmcatalog.store.StateReader#openState}
   * reads them) in one pass over both, holding one value of each at a time; only the models named in
   * {@code renames} are held whole until the end, since a rename compares two different ids. Changes come as
   * renames (in the order of {@code renames}), models added, models removed, then metric and field changes by
   * model, variant and key.
   *
   * @param renames old id -> new id recorded between the two snapshots
   * @throws IllegalArgumentException when a state is not in that order (the merge would be wrong)
   */
  public List<Change> diff(String source, Iterator<Observation> before, Iterator<Observation> after,
      Map<String, String> renames) {
    return new Merge(source, renames, new Rows(before, "before"), new Rows(after, "after")).run();
  }

  /** The state of one diff: what was seen so far and what is held for the end. */
  private final class Merge {
    private final String source;
    private final Map<String, String> renames;
    private final Set<String> involved = new HashSet<>();
    private final Rows old;
    private final Rows now;
    private final List<String> added = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<Change> changed = new ArrayList<>();
    /** Models named in a rename: model -> variant -> key -> value. */
    private final Map<String, Map<String, Map<String, String>>> oldHeld = new TreeMap<>(StateOrder.CODE_POINTS);
    private final Map<String, Map<String, Map<String, String>>> newHeld = new TreeMap<>(StateOrder.CODE_POINTS);

    Merge(String source, Map<String, String> renames, Rows old, Rows now) {
      this.source = source;
      this.renames = renames;
      this.old = old;
      this.now = now;
      involved.addAll(renames.keySet());
      involved.addAll(renames.values());
    }

    List<Change> run() {
      while (old.head() != null || now.head() != null) {
        String model = first(old.model(), now.model());
        boolean inOld = old.at(model);
        boolean inNew = now.at(model);
        if (involved.contains(model)) {
          if (inOld) {
            oldHeld.put(model, old.takeModel(model));
          }
          if (inNew) {
            newHeld.put(model, now.takeModel(model));
          }
        } else if (inOld && inNew) {
          compareModel(model);
        } else if (inNew) {
          now.skipModel(model);
          added.add(model);
        } else {
          old.skipModel(model);
          removed.add(model);
        }
      }
      return assemble();
    }

    /** One model both states list: a merge of its values by (variant, key). */
    private void compareModel(String model) {
      while (true) {
        Observation a = old.at(model) ? old.head() : null;
        Observation b = now.at(model) ? now.head() : null;
        if (a == null && b == null) {
          return;
        }
        int order = a == null ? 1 : b == null ? -1 : compareVariantAndKey(a, b);
        Observation row = order <= 0 ? a : b;
        compare(source, model, row.variant(), row.key(), order <= 0 ? a.value() : null, order >= 0 ? b.value() : null)
            .ifPresent(changed::add);
        if (order <= 0) {
          old.take();
        }
        if (order >= 0) {
          now.take();
        }
      }
    }

    /**
     * Adds what the held (renamed) models contribute, each in its place in the order. A new id compares against
     * the values of the old id it was renamed from, in the variants either state lists under the new id. An id
     * that is the target of a rename is never reported as added, nor one that is renamed away as removed.
     */
    private List<Change> assemble() {
      List<Change> changes = new ArrayList<>();
      renames.forEach((from, to) -> {
        if (oldHeld.containsKey(from) && newHeld.containsKey(to) && !newHeld.containsKey(from)) {
          changes.add(new Change.ModelRenamed(source, from, to));
        }
      });
      TreeSet<String> held = new TreeSet<>(StateOrder.CODE_POINTS);
      held.addAll(oldHeld.keySet());
      held.addAll(newHeld.keySet());
      List<String> heldAdded = new ArrayList<>();
      List<String> heldRemoved = new ArrayList<>();
      List<Change> heldChanged = new ArrayList<>();
      for (String model : held) {
        boolean inOld = oldHeld.containsKey(model);
        boolean inNew = newHeld.containsKey(model);
        if (inNew && !inOld && !renames.containsValue(model)) {
          heldAdded.add(model);
        }
        if (inOld && !inNew && !renames.containsKey(model)) {
          heldRemoved.add(model);
        }
        String from = renamedFrom(model);
        if (inNew && oldHeld.containsKey(from)) {
          Map<String, Map<String, String>> before = oldHeld.get(from);
          Map<String, Map<String, String>> after = newHeld.get(model);
          TreeSet<String> variants = new TreeSet<>(StateOrder.CODE_POINTS);
          variants.addAll(oldHeld.getOrDefault(model, Map.of()).keySet());
          variants.addAll(after.keySet());
          for (String variant : variants) {
            Map<String, String> a = before.getOrDefault(variant, Map.of());
            Map<String, String> b = after.getOrDefault(variant, Map.of());
            TreeSet<String> keys = new TreeSet<>(StateOrder.CODE_POINTS);
            keys.addAll(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys) {
              compare(source, model, variant, key, a.get(key), b.get(key)).ifPresent(heldChanged::add);
            }
          }
        }
      }
      merge(added, heldAdded, StateOrder.CODE_POINTS).forEach(m -> changes.add(new Change.ModelAdded(source, m)));
      merge(removed, heldRemoved, StateOrder.CODE_POINTS).forEach(m -> changes.add(new Change.ModelRemoved(source, m)));
      changes.addAll(merge(changed, heldChanged, Comparator.comparing(Change::model, StateOrder.CODE_POINTS)));
      return changes;
    }

    /** The old id {@code model} was renamed from (the first rename to it whose old id the older state lists). */
    private String renamedFrom(String model) {
      for (Map.Entry<String, String> e : renames.entrySet()) {
        if (e.getValue().equals(model) && oldHeld.containsKey(e.getKey())) {
          return e.getKey();
        }
      }
      return model;
    }
  }

  /** How one value changed, if a reviewer should see it (package-private: the tests' reference differ uses it too). */
  Optional<Change> compare(String source, String model, String variant, String key, String a, String b) {
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

  private static int compareVariantAndKey(Observation a, Observation b) {
    int order = StateOrder.CODE_POINTS.compare(a.variant(), b.variant());
    return order != 0 ? order : StateOrder.CODE_POINTS.compare(a.key(), b.key());
  }

  private static String first(String a, String b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return StateOrder.CODE_POINTS.compare(a, b) <= 0 ? a : b;
  }

  /** Two lists sorted by {@code order}, merged; on a tie, {@code a} first. */
  private static <T> List<T> merge(List<T> a, List<T> b, Comparator<? super T> order) {
    if (b.isEmpty()) {
      return a;
    }
    List<T> merged = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || i < a.size() && order.compare(a.get(i), b.get(j)) <= 0) {
        merged.add(a.get(i++));
      } else {
        merged.add(b.get(j++));
      }
    }
    return merged;
  }

  /** A sorted copy without repeated keys (the later value of a key wins, as a map would keep it). */
  private static List<Observation> ordered(List<Observation> state) {
    List<Observation> sorted = new ArrayList<>(state);
    sorted.sort(StateOrder.KEYS); // stable: of equal keys, the later stays later
    List<Observation> unique = new ArrayList<>(sorted.size());
    for (Observation o : sorted) {
      int last = unique.size() - 1;
      if (last >= 0 && StateOrder.KEYS.compare(unique.get(last), o) == 0) {
        unique.set(last, o);
      } else {
        unique.add(o);
      }
    }
    return unique;
  }

  /** A state with one value of lookahead; refuses values out of order, which would make the merge silently wrong. */
  private static final class Rows {
    private final Iterator<Observation> rows;
    private final String side;
    private Observation head;

    Rows(Iterator<Observation> rows, String side) {
      this.rows = rows;
      this.side = side;
      this.head = rows.hasNext() ? rows.next() : null;
    }

    Observation head() {
      return head;
    }

    /** The model of the next value, or null at the end. */
    String model() {
      return head == null ? null : head.subject();
    }

    boolean at(String model) {
      return head != null && head.subject().equals(model);
    }

    Observation take() {
      Observation taken = head;
      head = rows.hasNext() ? rows.next() : null;
      if (head != null && StateOrder.KEYS.compare(taken, head) >= 0) {
        throw new IllegalArgumentException("the " + side + " state is not in (subject, variant, key) order: "
            + describe(taken) + " then " + describe(head));
      }
      return taken;
    }

    void skipModel(String model) {
      while (at(model)) {
        take();
      }
    }

    /** The values of {@code model}: variant -> key -> value. */
    Map<String, Map<String, String>> takeModel(String model) {
      Map<String, Map<String, String>> variants = new TreeMap<>(StateOrder.CODE_POINTS);
      while (at(model)) {
        Observation o = take();
        variants.computeIfAbsent(o.variant(), v -> new TreeMap<>(StateOrder.CODE_POINTS)).put(o.key(), o.value());
      }
      return variants;
    }

    private static String describe(Observation o) {
      return o.subject() + (o.variant().isEmpty() ? "" : " [" + o.variant() + "]") + " " + o.key();
    }
  }
}
