package dev.llmcatalog.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffs read from the store: streamed for sources without a ranked table, whole (for the ranks) otherwise. */
class StoreDifferTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir
  Path dir;
  private SnapshotStore store;

  @BeforeEach
  void open() {
    store = SnapshotStore.open(dir.resolve("catalog.db"), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Observation obs(String subject, String key, String value) {
    return new Observation(subject, key, value, "u");
  }

  private void sync(String source, List<Observation> state, List<Alias> aliases) {
    store.writeSnapshot(store.beginRun("test"), source, T0, new SourceData(state, List.of(), aliases), List.of());
  }

  @Test
  void aHubDiffStreamsBothStatesInTheStoresOrder() {
    // Non-ASCII ids: the differ refuses rows out of order, so this also shows SQL and Java agree on the order.
    List<Observation> before = List.of(obs("a/b", "license", "mit"), obs("a/b-c", "sha", "s1"), obs("old/id", "sha", "s1"),
        obs("x/\uD835\uDD38", "sha", "s1"), obs("x/\uFF21", "sha", "s1"), obs("x/\u00E9", "sha", "s1"));
    List<Observation> after = List.of(obs("a/b", "license", "apache-2.0"), obs("a/b-c", "sha", "s2"),
        obs("new/id", "sha", "s2"), obs("x/\uD835\uDD38", "sha", "s1"), obs("x/\uFF21", "sha", "s2"), obs("x/\u4E2D", "sha", "s1"));
    sync("hub", before, List.of());
    sync("hub", after, List.of(new Alias("old/id", "new/id")));

    List<SourceDiff> diffs = new StoreDiffer(store, 0.1, List.of()).diff(List.of("hub"), OptionalLong.empty(),
        OptionalLong.empty());

    assertThat(diffs).containsExactly(new SourceDiff("hub", 1, 2, List.of(
        new Change.ModelRenamed("hub", "old/id", "new/id"),
        new Change.ModelAdded("hub", "x/\u4E2D"),
        new Change.ModelRemoved("hub", "x/\u00E9"),
        new Change.FieldChanged("hub", "a/b", "", "license", "mit", "apache-2.0"),
        new Change.FieldChanged("hub", "a/b-c", "", "sha", "s1", "s2"),
        new Change.FieldChanged("hub", "new/id", "", "sha", "s1", "s2"),
        new Change.FieldChanged("hub", "x/\uFF21", "", "sha", "s1", "s2"))));
    assertThat(diffs.get(0).changes())
        .isEqualTo(new SnapshotDiffer(0.1).diff("hub", before, after, Map.of("old/id", "new/id")));
  }

  @Test
  void aSourceWithARankedTableAlsoReportsRankChanges() {
    TableConfig top = new TableConfig("top", "board", "Model", false, List.of(new TableConfig.Column("score", "Score")), 2,
        "score", Optional.empty(), List.of(), Optional.empty(), 2);
    sync("board", List.of(obs("a/a", "score", "3"), obs("b/b", "score", "2"), obs("c/c", "score", "1")), List.of());
    sync("board", List.of(obs("a/a", "score", "3"), obs("b/b", "score", "0.5"), obs("c/c", "score", "1")), List.of());

    List<SourceDiff> diffs = new StoreDiffer(store, 0.1, List.of(top)).diff(List.of("board"), OptionalLong.empty(),
        OptionalLong.empty());

    assertThat(diffs).containsExactly(new SourceDiff("board", 1, 2, List.of(
        new Change.MetricChanged("board", "b/b", "", "score", "2", "0.5", "-1.5"),
        new Change.RankChanged("board", "b/b", "top", 2, 0),
        new Change.RankChanged("board", "c/c", "top", 0, 2))));
  }
}
