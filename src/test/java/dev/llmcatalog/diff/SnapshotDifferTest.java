package dev.llmcatalog.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.StateOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streaming merge: exact changes, and the same changes as the map-based differ it replaced. */
class SnapshotDifferTest {
  private final SnapshotDiffer differ = new SnapshotDiffer(0.1);
  private final MapSnapshotDiffer oracle = new MapSnapshotDiffer(0.1);

  private static Observation obs(String subject, String key, String value) {
    return new Observation(subject, key, value, "u");
  }

  private static Observation obs(String subject, String variant, String key, String value) {
    return new Observation(subject, variant, key, value, null, "u");
  }

  private static Change.MetricChanged metric(String model, String variant, String key, String a, String b, String delta) {
    return new Change.MetricChanged("s", model, variant, key, a, b, delta);
  }

  @Test
  void idsThatArePrefixesOfEachOtherKeepTheirOrder() {
    List<Observation> before = List.of(obs("a/b", "score", "1"), obs("a/b", "x", "score", "1"), obs("a/b-c", "score", "1"),
        obs("a/b/c", "score", "1"));
    List<Observation> after = List.of(obs("a/b0", "score", "1"), obs("a/b/c", "score", "1"), obs("a/b-c", "score", "3"),
        obs("a/b", "x", "score", "1.5"), obs("a/b", "score", "2"), obs("a/b.c", "score", "1"));

    List<Change> changes = differ.diff("s", before, after, Map.of());

    assertThat(changes).containsExactly(new Change.ModelAdded("s", "a/b.c"), new Change.ModelAdded("s", "a/b0"),
        metric("a/b", "", "score", "1", "2", "+1"), metric("a/b", "x", "score", "1", "1.5", "+0.5"),
        metric("a/b-c", "", "score", "1", "3", "+2"));
    assertThat(changes).isEqualTo(oracle.diff("s", before, after, Map.of()));
  }

  @Test
  void idsAreInCodePointOrderAsSqliteReadsThem() {
    // U+FF21 before U+1D538 by code point; UTF-16 units (the old TreeMaps) put the surrogate pair first.
    List<Observation> after = List.of(obs("x/\uD835\uDD38", "score", "1"), obs("x/\uFF21", "score", "1"),
        obs("x/\u00E9", "score", "1"), obs("x/\u4E2D", "score", "1"));

    assertThat(differ.diff("s", List.of(), after, Map.of())).extracting(Change::model)
        .containsExactly("x/\u00E9", "x/\u4E2D", "x/\uFF21", "x/\uD835\uDD38");
  }

  @Test
  void emptyStates() {
    List<Observation> state = List.of(obs("b/b", "score", "1"), obs("a/a", "score", "1"), obs("a/a", "sha", "x"));

    assertThat(differ.diff("s", List.of(), List.of(), Map.of())).isEmpty();
    assertThat(differ.diff("s", List.of(), state, Map.of("a/a", "c/c")))
        .containsExactly(new Change.ModelAdded("s", "a/a"), new Change.ModelAdded("s", "b/b"));
    assertThat(differ.diff("s", state, List.of(), Map.of()))
        .containsExactly(new Change.ModelRemoved("s", "a/a"), new Change.ModelRemoved("s", "b/b"));
    assertThat(differ.diff("s", state, state, Map.of())).isEmpty();
  }

  @Test
  void renamesToAnIdSortingEarlierOrLaterComeOutInTheirPlace() {
    List<Observation> before = List.of(obs("a/x", "score", "1"), obs("b/old", "score", "1"), obs("b/old", "license", "mit"),
        obs("m/m", "score", "1"), obs("y/old", "score", "1"));
    List<Observation> after = List.of(obs("a/x", "score", "2"), obs("c/new", "score", "2"), obs("m/m", "score", "2"),
        obs("x/new", "score", "2"), obs("x/new", "license", "mit"), obs("z/z", "score", "1"));
    Map<String, String> renames = new LinkedHashMap<>();
    renames.put("b/old", "x/new"); // renamed to an id after the ones around it
    renames.put("y/old", "c/new"); // and to one before

    List<Change> changes = differ.diff("s", before, after, renames);

    assertThat(changes).containsExactly(new Change.ModelRenamed("s", "b/old", "x/new"),
        new Change.ModelRenamed("s", "y/old", "c/new"), new Change.ModelAdded("s", "z/z"),
        metric("a/x", "", "score", "1", "2", "+1"), metric("c/new", "", "score", "1", "2", "+1"),
        metric("m/m", "", "score", "1", "2", "+1"), metric("x/new", "", "score", "1", "2", "+1"));
    assertThat(changes).isEqualTo(oracle.diff("s", before, after, renames));
  }

  @Test
  void swappedAndChainedRenamesMatchTheMapBasedDiffer() {
    List<Observation> before = List.of(obs("a/1", "score", "1"), obs("a/2", "score", "2"), obs("b/1", "score", "3"));
    List<Observation> after = List.of(obs("a/1", "score", "2"), obs("a/2", "score", "1"), obs("b/3", "score", "4"));
    Map<String, String> renames = new LinkedHashMap<>();
    renames.put("a/1", "a/2");
    renames.put("a/2", "a/1");
    renames.put("b/1", "b/2");
    renames.put("b/2", "b/3");

    assertThat(differ.diff("s", before, after, renames)).isEqualTo(oracle.diff("s", before, after, renames));
  }

  @Test
  void aKeyGivenTwiceCountsWithItsLaterValue() {
    List<Observation> before = List.of(obs("a/a", "score", "1"));
    List<Observation> after = List.of(obs("a/a", "score", "5"), obs("a/a", "score", "2"));

    assertThat(differ.diff("s", before, after, Map.of())).containsExactly(metric("a/a", "", "score", "1", "2", "+1"));
  }

  @Test
  void aStateOutOfOrderIsRefused() {
    List<Observation> sorted = List.of(obs("a/a", "score", "1"), obs("b/b", "score", "1"));
    List<Observation> unsorted = List.of(obs("b/b", "score", "1"), obs("a/a", "score", "2"));

    assertThatThrownBy(() -> differ.diff("s", sorted.iterator(), unsorted.iterator(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the after state is not in (subject, variant, key) order: b/b score then a/a score");
  }

  // Random states over ids that are prefixes of each other, non-ASCII ids (all below U+E000 or beyond U+FFFF, where
  // code point and UTF-16 order agree), variants, counters, quiet and rank keys, text and numbers, keys given twice,
  // and renames of every kind (valid, to an id already there, from an id still there, swapped, chained, unknown).
  private static final String[] MODELS = {"a/b", "a/b-c", "a/b.c", "a/b/c", "a/bc", "A/b", "\u00E9/m", "\u4E2D/\u6A21",
      "x/\uD83D\uDE00", "x/\uD83D\uDE00-2", "z/z", "m/n", "m/n-old"};
  private static final String[] VARIANTS = {"", "", "v1", "v1/x", "v2"};
  private static final String[] KEYS = {"downloads", "likes", "license", "sha", "parameters", "score", "score.b",
      "rank:top", "last_modified", "gated", "Waimai"};
  private static final String[] VALUES = {"0", "1", "10", "11", "100", "1.5", "-3", "mit", "apache-2.0", "true", "x"};

  @Test
  void onRandomStatesTheChangesAreExactlyThoseOfTheMapBasedDiffer() {
    for (long seed = 0; seed < 1000; seed++) {
      Random random = new Random(seed);
      List<Observation> before = randomState(random);
      Map<String, String> renames = new LinkedHashMap<>();
      List<Observation> after = mutate(random, before, renames);
      List<Change> expected = oracle.diff("s", before, after, renames);

      assertThat(differ.diff("s", before, after, renames)).as("seed %d", seed).isEqualTo(expected);
      List<Observation> a = sortedUnique(before);
      List<Observation> b = sortedUnique(after);
      assertThat(differ.diff("s", a.iterator(), b.iterator(), renames)).as("seed %d, streamed", seed).isEqualTo(expected);
    }
  }

  private static List<Observation> randomState(Random random) {
    List<Observation> state = new ArrayList<>();
    for (String model : MODELS) {
      if (random.nextInt(10) < 6) {
        for (String variant : VARIANTS) {
          for (String key : KEYS) {
            if (random.nextInt(3) == 0) {
              state.add(obs(model, variant, key, pick(random, VALUES)));
            }
          }
        }
      }
    }
    Collections.shuffle(state, random);
    return state;
  }

  /** A later state: models gone, moved to another id (most recorded in {@code renames}), values changed or new. */
  private static List<Observation> mutate(Random random, List<Observation> before, Map<String, String> renames) {
    Map<String, String> moved = new LinkedHashMap<>();
    Set<String> gone = new HashSet<>();
    for (String model : MODELS) {
      int roll = random.nextInt(10);
      if (roll < 2) {
        moved.put(model, pick(random, MODELS));
      } else if (roll < 3) {
        gone.add(model);
      }
    }
    moved.forEach((from, to) -> {
      if (random.nextInt(4) > 0) {
        renames.put(from, to);
      }
    });
    for (int i = random.nextInt(3); i > 0; i--) { // renames the states do not bear out
      renames.put(pick(random, MODELS), pick(random, MODELS));
    }
    List<Observation> after = new ArrayList<>();
    for (Observation o : before) {
      int roll = random.nextInt(10);
      Observation kept = o.withSubject(moved.getOrDefault(o.subject(), o.subject()));
      if (gone.contains(o.subject()) || roll == 9) {
        continue;
      }
      after.add(roll < 7 ? kept : obs(kept.subject(), kept.variant(), kept.key(), pick(random, VALUES)));
    }
    after.addAll(randomState(random).subList(0, random.nextInt(5)));
    if (!after.isEmpty() && random.nextInt(5) == 0) {
      Observation twice = after.get(random.nextInt(after.size()));
      after.add(obs(twice.subject(), twice.variant(), twice.key(), pick(random, VALUES)));
    }
    Collections.shuffle(after, random);
    return after;
  }

  /** What the store would read: sorted as SQLite sorts, one value per key (the later one, as a map keeps it). */
  private static List<Observation> sortedUnique(List<Observation> state) {
    Map<String, Observation> byKey = new LinkedHashMap<>();
    state.forEach(o -> byKey.put(o.subject() + "\u0000" + o.variant() + "\u0000" + o.key(), o));
    List<Observation> sorted = new ArrayList<>(byKey.values());
    sorted.sort(StateOrder.KEYS);
    return sorted;
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
