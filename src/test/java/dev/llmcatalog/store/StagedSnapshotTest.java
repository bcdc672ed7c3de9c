package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, staged writes: values handed while a source fetches are stored under a snapshot nobody reads, and the
 * commit makes exactly the state a one-transaction write gives, on SQLite and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class StagedSnapshotTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  /** More values than one batch, so that batches are written while values are still handed. */
  private static final int MODELS = 1_500;

  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;
  private TestDatabase db;
  private SnapshotStore store;

  @BeforeEach
  void open() {
    db = TestDatabase.create(kind, dir, "catalog.db");
    store = db.open(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Model {@code m}'s values in generation {@code g}: every 10th model changes its downloads each generation. */
  private static List<Observation> model(int m, int g) {
    String id = "org/m" + m;
    String url = "https://huggingface.co/api/models/" + id;
    return List.of(new Observation(id, "sha", "s" + m, url),
        new Observation(id, "downloads", String.valueOf(m % 10 == 0 ? 1000 + g : 7), url),
        new Observation(id, "likes", String.valueOf(m % 13), url),
        new Observation(id, "pipeline_tag", "text-generation", url),
        new Observation(id, "library_name", "transformers", url),
        new Observation(id, "tags", "a,b", url),
        new Observation(id, "rank:top", String.valueOf(m + 1), url));
  }

  private static List<Observation> state(int models, int g) {
    List<Observation> all = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      all.addAll(model(m, g));
    }
    return all;
  }

  private static SourceData data(List<Observation> state) {
    return new SourceData(state, List.of(new MissingModel("org/gone", 404, "RepoNotFound")), List.of());
  }

  /** Writes {@code state} through a staged snapshot, each model handed on its own. */
  private SnapshotInfo stageAndCommit(List<Observation> state) {
    StagedSnapshot staged = store.stage(store.beginRun("test"), "hub", T0);
    handModels(staged, state);
    return staged.commit(data(state), List.of(), WriteProgress.NONE);
  }

  private static void handModels(StagedSnapshot staged, List<Observation> state) {
    int from = 0;
    for (int i = 1; i <= state.size(); i++) {
      if (i == state.size() || !state.get(i).subject().equals(state.get(from).subject())) {
        staged.accept(state.subList(from, i));
        from = i;
      }
    }
  }

  private static List<Observation> sorted(List<Observation> state) {
    List<Observation> copy = new ArrayList<>(state);
    copy.sort(StateOrder.KEYS);
    return copy;
  }

  @Test
  void theCommittedStateIsWhatWasHandedAndWhatAOneTransactionWriteGives() throws Exception {
    SnapshotInfo first = stageAndCommit(state(MODELS, 0));
    assertThat(first.ok()).isTrue();
    assertThat(first.subjects()).isEqualTo(MODELS);
    assertThat(first.missing()).isEqualTo(1);
    assertThat(first.valuesAdded()).isEqualTo(7L * MODELS);
    assertThat(store.loadState(first)).isEqualTo(sorted(state(MODELS, 0)));
    assertThat(store.loadMissing(first)).containsExactly(new MissingModel("org/gone", 404, "RepoNotFound"));

    // the next generation: a tenth of the models changed, 100 models gone, 50 new
    List<Observation> next = new ArrayList<>(state(MODELS - 100, 1));
    for (int m = MODELS; m < MODELS + 50; m++) {
      next.addAll(model(m, 1));
    }
    SnapshotInfo second = stageAndCommit(next);
    assertThat(store.loadState(second)).isEqualTo(sorted(next));
    assertThat(store.loadState(first)).isEqualTo(sorted(state(MODELS, 0))); // the past is unchanged
    assertThat(second.valuesAdded()).isEqualTo((MODELS - 100) / 10 + 50 * 7L);
    assertThat(second.valuesClosed()).isEqualTo((MODELS - 100) / 10 + 100 * 7L);

    // the same two states written in one transaction each give the same counts and the same rows
    TestDatabase other = TestDatabase.create(kind, dir, "other.db");
    try (SnapshotStore plain = other.open(Clock.fixed(T0, ZoneOffset.UTC))) {
      plain.writeSnapshot(plain.beginRun("test"), "hub", T0, data(state(MODELS, 0)), List.of());
      SnapshotInfo again = plain.writeSnapshot(plain.beginRun("test"), "hub", T0, data(next), List.of());
      assertThat(again.valuesAdded()).isEqualTo(second.valuesAdded());
      assertThat(again.valuesClosed()).isEqualTo(second.valuesClosed());
      assertThat(plain.loadState(again)).isEqualTo(store.loadState(second));
    }

    // an unchanged third sync stores nothing: the digests were kept by the staged write
    SnapshotInfo third = stageAndCommit(next);
    assertThat(third.valuesAdded()).isZero();
    assertThat(third.valuesClosed()).isZero();
    assertThat(store.loadState(third)).isEqualTo(sorted(next));
  }

  @Test
  void noReaderSeesAStagedValueBeforeTheCommit() throws Exception {
    SnapshotInfo first = stageAndCommit(state(10, 0));
    StagedSnapshot staged = store.stage(store.beginRun("test"), "hub", T0);
    List<Observation> next = state(MODELS, 1);
    handModels(staged, next);
    ((JdbcStagedSnapshot) staged).flush(); // written now, as while a source still fetches

    assertThat(db.count("SELECT count(*) FROM staged_snapshot")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM observation o JOIN staged_snapshot g ON g.snapshot_id = o.from_snapshot"))
        .as("values staged before the commit").isPositive();
    assertThat(store.findLatest("hub")).contains(first);
    assertThat(store.loadState(first)).isEqualTo(sorted(state(10, 0)));
    assertThat(store.listSnapshots()).containsExactly(first);
    assertThat(store.findLatestFailure("hub")).isEmpty();
    assertThat(db.count("SELECT count(*) FROM latest_value")).isEqualTo(70);
    assertThat(db.count("SELECT count(*) FROM value_history")).isEqualTo(70);

    SnapshotInfo second = staged.commit(data(next), List.of(), WriteProgress.NONE);
    assertThat(store.findLatest("hub")).contains(second);
    assertThat(db.count("SELECT count(*) FROM latest_value")).isEqualTo(7L * MODELS);
    assertThat(db.count("SELECT count(*) FROM staged_snapshot")).isZero();
  }

  @Test
  void aModelHandedAgainReplacesWhatWasHandedForIt() {
    List<Observation> state = state(MODELS, 0);
    StagedSnapshot staged = store.stage(store.beginRun("test"), "hub", T0);
    handModels(staged, state(MODELS, 5)); // other downloads
    staged.accept(List.of(new Observation("org/m3", "likes", "99", null))); // fewer values, then the settled ones
    handModels(staged, state); // every model again, settled

    SnapshotInfo snapshot = staged.commit(data(state), List.of(), WriteProgress.NONE);

    assertThat(store.loadState(snapshot)).isEqualTo(sorted(state));
    assertThat(snapshot.valuesAdded()).isEqualTo(state.size());
  }

  @Test
  void valuesHandedThatAreNotTheStateMakeNothingVisible() throws Exception {
    SnapshotInfo first = stageAndCommit(state(10, 0));
    StagedSnapshot staged = store.stage(store.beginRun("test"), "hub", T0);
    handModels(staged, state(MODELS, 1));

    assertThatThrownBy(() -> staged.commit(data(state(MODELS + 1, 1)), List.of(), WriteProgress.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("hub handed " + 7 * MODELS + " values of " + MODELS + " models while fetching, but its state has "
            + 7 * (MODELS + 1) + " values of " + (MODELS + 1) + " models; nothing of it became visible");
    SnapshotInfo failed = staged.abandon("the values handed were not the state");

    assertThat(failed.ok()).isFalse();
    assertThat(failed.error()).isEqualTo("the values handed were not the state");
    assertThat(store.findLatest("hub")).contains(first);
    assertThat(store.listSnapshots()).containsExactly(first, failed);
    assertThat(db.count("SELECT count(*) FROM observation")).isEqualTo(70);
    assertThat(db.count("SELECT count(*) FROM staged_snapshot")).isZero();
  }

  @Test
  void aKeyHandedTwiceFailsTheSourceAndLeavesNothing() throws Exception {
    StagedSnapshot staged = store.stage(store.beginRun("test"), "hub", T0);
    List<Observation> twice = new ArrayList<>(model(1, 0));
    twice.add(new Observation("org/m1", "likes", "5", null));
    handModels(staged, state(MODELS, 0));
    staged.accept(twice);

    assertThatThrownBy(() -> staged.commit(data(state(MODELS, 0)), List.of(), WriteProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("hub reported likes of org/m1 twice");
    SnapshotInfo failed = staged.abandon("hub reported likes of org/m1 twice");

    assertThat(failed.ok()).isFalse();
    assertThat(store.findLatest("hub")).isEmpty();
    assertThat(db.count("SELECT count(*) FROM observation")).isZero();
  }

  @Test
  void theLeftoversOfASyncThatDiedAreRemovedByTheNextWriteOfItsSource() throws Exception {
    SnapshotInfo first = stageAndCommit(state(10, 0));
    StagedSnapshot dead = store.stage(store.beginRun("test"), "hub", T0);
    handModels(dead, state(MODELS, 1));
    ((JdbcStagedSnapshot) dead).flush();
    ((JdbcStagedSnapshot) dead).dieForTest(); // no commit, no abandon: its lock and connection go
    long leftover = db.count("SELECT max(snapshot_id) FROM staged_snapshot");
    assertThat(db.count("SELECT count(*) FROM observation WHERE from_snapshot = " + leftover)).isPositive();
    assertThat(store.loadState(store.findLatest("hub").orElseThrow())).isEqualTo(sorted(state(10, 0)));

    SnapshotInfo next = stageAndCommit(state(20, 2));

    assertThat(db.count("SELECT count(*) FROM observation WHERE from_snapshot = " + leftover)).isZero();
    assertThat(store.loadState(next)).isEqualTo(sorted(state(20, 2)));
    SnapshotInfo interrupted = store.findSnapshot(leftover).orElseThrow();
    assertThat(interrupted.ok()).isFalse();
    assertThat(interrupted.error()).isEqualTo(JdbcStagedSnapshot.INTERRUPTED);
    assertThat(store.listSnapshots()).containsExactly(first, interrupted, next);
  }

  @Test
  void aOneTransactionWriteOfTheSourceRemovesLeftoversToo() throws Exception {
    StagedSnapshot dead = store.stage(store.beginRun("test"), "hub", T0);
    handModels(dead, state(MODELS, 1));
    ((JdbcStagedSnapshot) dead).flush();
    ((JdbcStagedSnapshot) dead).dieForTest();

    SnapshotInfo written = store.writeSnapshot(store.beginRun("test"), "hub", T0, data(state(3, 0)), List.of());

    assertThat(store.loadState(written)).isEqualTo(sorted(state(3, 0)));
    assertThat(db.count("SELECT count(*) FROM observation")).isEqualTo(21);
  }

  @Test
  void aSecondSyncOfTheSourceWaitsForTheFirstAndBothLand() throws Exception {
    stageAndCommit(state(10, 0));
    Stores.Lock firstTurn = store.lockSource("hub");
    StagedSnapshot slow = store.stage(store.beginRun("test"), "hub", T0);
    handModels(slow, state(MODELS, 1));
    ((JdbcStagedSnapshot) slow).flush();
    CompletableFuture<SnapshotInfo> second;
    try (SnapshotStore other = db.open(Clock.fixed(T0, ZoneOffset.UTC))) { // a `sync` beside the daemon's job
      second = CompletableFuture.supplyAsync(() -> {
        try (Stores.Lock turn = other.lockSource("hub")) {
          StagedSnapshot staged = other.stage(other.beginRun("test"), "hub", T0);
          handModels(staged, state(12, 3));
          return staged.commit(data(state(12, 3)), List.of(), WriteProgress.NONE);
        }
      });
      assertThat(second).isNotDone(); // it cannot be: the first holds the source

      SnapshotInfo first = slow.commit(data(state(MODELS, 1)), List.of(), WriteProgress.NONE);
      firstTurn.close();
      SnapshotInfo later = second.get(60, TimeUnit.SECONDS);

      assertThat(first.ok()).isTrue();
      assertThat(store.loadState(first)).isEqualTo(sorted(state(MODELS, 1)));
      assertThat(later.ok()).isTrue();
      assertThat(later.id()).isGreaterThan(first.id());
      assertThat(store.loadState(later)).isEqualTo(sorted(state(12, 3)));
      // all but the 82 values equal in both (models 0 and 10 have other downloads)
      assertThat(later.valuesClosed()).isEqualTo(7L * MODELS - (7 * 12 - 2));
    }
  }

  @Test
  void aWriteThatDidNotWaitRemovesTheStagedValuesAndTheStagingSyncFailsLoudly() throws Exception {
    stageAndCommit(state(10, 0));
    StagedSnapshot slow = store.stage(store.beginRun("test"), "hub", T0);
    handModels(slow, state(MODELS, 1));
    ((JdbcStagedSnapshot) slow).flush();
    long slowId = db.count("SELECT max(snapshot_id) FROM staged_snapshot");
    SnapshotInfo other = stageAndCommit(state(12, 3)); // without the source's turn: it takes the first for dead

    assertThatThrownBy(() -> { // the first goes on: its next batch fails, and so does what follows
      handModels(slow, state(MODELS, 1));
      slow.commit(data(state(MODELS, 1)), List.of(), WriteProgress.NONE);
    }).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another sync of hub removed the values this one had staged");
    slow.abandon("two syncs of hub at once");

    assertThat(db.count("SELECT count(*) FROM observation WHERE from_snapshot = " + slowId)).isZero();
    assertThat(store.findLatest("hub")).contains(other);
    assertThat(store.loadState(other)).isEqualTo(sorted(state(12, 3)));
  }

  @Test
  void aSourceThatHandsNothingIsWrittenWholeByTheCommit() {
    StagedSnapshot staged = store.stage(store.beginRun("test"), "arena", T0);
    List<Observation> state = List.of(new Observation("org/a", "elo", "1200", null));

    SnapshotInfo snapshot = staged.commit(data(state), List.of("Unknown Model"), WriteProgress.NONE);

    assertThat(store.loadState(snapshot)).isEqualTo(state);
    assertThat(store.loadUnresolved(snapshot)).containsExactly("Unknown Model");
  }

  @Test
  void randomStatesReadBackExactly() {
    Random random = new Random(17);
    for (int g = 0; g < 4; g++) {
      List<Observation> state = new ArrayList<>();
      for (int m = 0; m < 2_000; m++) {
        if (random.nextInt(8) > 0) {
          state.addAll(model(m, random.nextInt(3)).subList(0, 1 + random.nextInt(7)));
        }
      }
      SnapshotInfo snapshot = stageAndCommit(state);
      assertThat(store.loadState(snapshot)).as("generation %d", g).isEqualTo(sorted(state));
    }
  }
}
