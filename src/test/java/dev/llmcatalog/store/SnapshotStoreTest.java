package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's contract, on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class SnapshotStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;
  private TestDatabase db;
  private SnapshotStore store;

  @BeforeEach
  void open() {
    db = TestDatabase.create(kind, dir.resolve("nested"), "catalog.db");
    store = db.open(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Observation obs(String subject, String key, String value) {
    return new Observation(subject, key, value, "https://hub/api/models/" + subject);
  }

  private SnapshotInfo write(List<Observation> observations) {
    long run = store.beginRun("test");
    return store.writeSnapshot(run, "hub", T0, new SourceData(observations, List.of(), List.of()), List.of());
  }

  private long count(String sql) throws Exception {
    return db.count(sql);
  }

  @Test
  void anUnchangedValueIsNotStoredAgain() throws Exception {
    List<Observation> data = List.of(obs("a/b", "downloads", "10"), obs("a/b", "license", "mit"));
    SnapshotInfo first = write(data);
    SnapshotInfo second = write(data);

    assertThat(first.valuesAdded()).isEqualTo(2);
    assertThat(second.valuesAdded()).isZero();
    assertThat(second.valuesClosed()).isZero();
    assertThat(count("SELECT count(*) FROM observation")).isEqualTo(2);
    assertThat(store.loadState(second)).containsExactlyElementsOf(data);
  }

  /** Issue 16: the history a trend chart draws: each version once, with the snapshots it was held in. */
  @Test
  void theHistoryOfSomeValuesIsEachVersionWithItsSnapshots() {
    SnapshotInfo s1 = write(List.of(obs("a/b", "downloads", "10"), obs("a/b", "license", "mit"), obs("C/d", "downloads", "5")));
    SnapshotInfo s2 = write(List.of(obs("a/b", "downloads", "10"), obs("a/b", "license", "mit"), obs("C/d", "downloads", "6")));
    SnapshotInfo s3 = write(List.of(obs("a/b", "downloads", "12"), obs("a/b", "license", "mit")));

    List<ValueVersion> history = store.loadHistory("hub", List.of("a/b", "C/d"), List.of("downloads"));

    String at = T0.toString();
    // by code point ('C' before 'a') on both stores, as StateOrder.KEYS
    assertThat(history).containsExactly(
        new ValueVersion("C/d", "", "downloads", "5", s1.id(), at, OptionalLong.of(s2.id())),
        new ValueVersion("C/d", "", "downloads", "6", s2.id(), at, OptionalLong.of(s3.id())),
        new ValueVersion("a/b", "", "downloads", "10", s1.id(), at, OptionalLong.of(s3.id())),
        new ValueVersion("a/b", "", "downloads", "12", s3.id(), at, OptionalLong.empty()));
    assertThat(history.get(2).heldAt(s2.id())).isTrue();
    assertThat(history.get(2).heldAt(s3.id())).isFalse();
    assertThat(history.get(3).heldAt(s3.id() + 100)).isTrue();
    assertThat(store.loadHistory("hub", List.of("x/y"), List.of("downloads"))).isEmpty();
    assertThat(store.loadHistory("hub", List.of(), List.of("downloads"))).isEmpty();
  }

  @Test
  void everyPastSnapshotReadsBackExactly() {
    List<Observation> v1 = List.of(obs("a/b", "downloads", "10"), obs("a/b", "license", "mit"), obs("c/d", "likes", "1"));
    List<Observation> v2 = List.of(obs("a/b", "downloads", "11"), obs("a/b", "license", "mit"));
    List<Observation> v3 = List.of(obs("a/b", "downloads", "11"), obs("a/b", "license", "apache-2.0"), obs("c/d", "likes", "1"));
    SnapshotInfo s1 = write(v1);
    SnapshotInfo s2 = write(v2);
    SnapshotInfo s3 = write(v3);

    assertThat(store.loadState(s1)).containsExactlyElementsOf(v1);
    assertThat(store.loadState(s2)).containsExactlyElementsOf(v2);
    assertThat(store.loadState(s3)).containsExactlyElementsOf(v3);
    assertThat(s2.valuesAdded()).isEqualTo(1);
    assertThat(s2.valuesClosed()).isEqualTo(2);
    assertThat(s3.valuesAdded()).isEqualTo(2);
    assertThat(s3.valuesClosed()).isEqualTo(1);
  }

  @Test
  void aFailureKeepsThePreviousStateCurrent() {
    SnapshotInfo good = write(List.of(obs("a/b", "downloads", "10")));
    long run = store.beginRun("test");
    SnapshotInfo failed = store.recordFailure(run, "hub", T0, "GET https://hub/api/models/a/b -> HTTP 500");

    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).isEqualTo("GET https://hub/api/models/a/b -> HTTP 500");
    assertThat(store.findLatest("hub")).contains(good);
    assertThat(store.loadState(store.findLatest("hub").orElseThrow())).containsExactly(obs("a/b", "downloads", "10"));
    assertThat(store.listSnapshots()).extracting(SnapshotInfo::status).containsExactly("ok", "failed");
  }

  @Test
  void missingModelsAndAliasesAreRecorded() {
    long run = store.beginRun("test");
    SnapshotInfo s = store.writeSnapshot(run, "hub", T0, new SourceData(List.of(obs("zai-org/chatglm3-6b", "likes", "5")),
        List.of(new MissingModel("gone/model", 401, "RepoNotFound")), List.of(new Alias("THUDM/chatglm3-6b", "zai-org/chatglm3-6b"))), List.of("Some-Board-Name"));

    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.subjects()).isEqualTo(1);
    assertThat(store.loadMissing(s)).containsExactly(new MissingModel("gone/model", 401, "RepoNotFound"));
    assertThat(store.loadAliases()).containsEntry("THUDM/chatglm3-6b", "zai-org/chatglm3-6b");
    assertThat(store.loadUnresolved(s)).containsExactly("Some-Board-Name");
  }

  @Test
  void sourcesAreVersionedIndependently() {
    long run = store.beginRun("test");
    SnapshotInfo hub = store.writeSnapshot(run, "hub", T0, new SourceData(List.of(obs("a/b", "likes", "1")), List.of(), List.of()), List.of());
    SnapshotInfo other = store.writeSnapshot(run, "other", T0, new SourceData(List.of(obs("x/y", "score", "2")), List.of(), List.of()), List.of());

    assertThat(store.loadState(hub)).containsExactly(obs("a/b", "likes", "1"));
    assertThat(store.loadState(other)).containsExactly(obs("x/y", "score", "2"));
    assertThat(store.findLatest("hub")).contains(hub);
  }

  @Test
  void variantsAndRawValuesAreVersionedToo() {
    long run = store.beginRun("test");
    Observation bf16 = new Observation("a/b", "bfloat16", "mmlu", "63.37", "0.6337", "u");
    Observation fp16 = new Observation("a/b", "float16", "mmlu", "63.1", "0.631", "u");
    SnapshotInfo s1 = store.writeSnapshot(run, "board", T0, SourceData.of(List.of(bf16, fp16), "2024-06-12"), List.of());
    Observation fp16Rescored = new Observation("a/b", "float16", "mmlu", "63.1", "0.6310", "u");
    SnapshotInfo s2 = store.writeSnapshot(run, "board", T0, SourceData.of(List.of(bf16, fp16Rescored), "2024-06-13"), List.of());

    assertThat(s1.dataDate()).isEqualTo("2024-06-12");
    assertThat(s2.valuesAdded()).isEqualTo(1);
    assertThat(store.loadState(s1)).containsExactly(bf16, fp16);
    assertThat(store.loadState(s2)).containsExactly(bf16, fp16Rescored);
    assertThat(new Observation("x/y", "", "k", "1", "1", null).raw()).isNull();
  }

  @Test
  void pragmasAreSetAndEveryMigrationApplied() throws Exception {
    write(List.of(obs("a/b", "likes", "1")));
    if (db.isPostgresql()) {
      // the SQL files and V3, the readable views, which store.V3__Readable_views makes from SQLite's V10
      assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success"))
          .isEqualTo(migrations("db/migration-postgresql") + 1);
      // Ordered text is compared by code point there too, whatever the database's own collation.
      assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'observation'"
          + " AND column_name IN ('source', 'subject', 'variant', 'key') AND collation_name = 'C'")).isEqualTo(4);
      return;
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success = 0")).isZero();
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(migrations("db/migration"));
  }

  /** The migrations shipped in {@code folder} (counted, so that a new migration needs no edit here). */
  private static long migrations(String folder) throws Exception {
    long migrations;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
      migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
    assertThat(migrations).isGreaterThanOrEqualTo(2);
    return migrations;
  }

  @Test
  void aSnapshotStoresOnlyWhatChangedAndClosesWhatVanishedOrChanged() throws Exception {
    SnapshotInfo s1 = write(List.of(obs("a/b", "likes", "1"), obs("a/b", "sha", "x"), obs("c/d", "likes", "5")));
    SnapshotInfo s2 = write(List.of(obs("a/b", "likes", "1"), obs("a/b", "sha", "y"), obs("e/f", "likes", "9")));
    SnapshotInfo s3 = write(List.of(obs("a/b", "likes", "1"), obs("a/b", "sha", "y"), obs("e/f", "likes", "9")));

    assertThat(List.of(s1.valuesAdded(), s1.valuesClosed())).containsExactly(3L, 0L);
    assertThat(List.of(s2.valuesAdded(), s2.valuesClosed())).containsExactly(2L, 2L); // sha changed, c/d gone
    assertThat(List.of(s3.valuesAdded(), s3.valuesClosed())).containsExactly(0L, 0L);
    assertThat(count("SELECT count(*) FROM observation")).isEqualTo(5);
    assertThat(store.loadState(s1)).containsExactly(obs("a/b", "likes", "1"), obs("a/b", "sha", "x"), obs("c/d", "likes", "5"));
    assertThat(store.loadState(s3)).containsExactly(obs("a/b", "likes", "1"), obs("a/b", "sha", "y"), obs("e/f", "likes", "9"));
    assertThat(store.loadSubjects(s1)).containsExactlyInAnyOrder("a/b", "c/d");
    assertThat(store.loadSubjects(s3)).containsExactlyInAnyOrder("a/b", "e/f");
  }

  @Test
  void aStateHoldingAKeyTwiceIsRefusedAndStoresNothing() throws Exception {
    write(List.of(obs("a/b", "likes", "1")));

    assertThatThrownBy(() -> write(List.of(obs("a/b", "likes", "2"), obs("c/d", "likes", "3"), obs("a/b", "likes", "4"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("hub reported likes of a/b twice");

    assertThat(count("SELECT count(*) FROM observation")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM observation WHERE to_snapshot IS NULL AND value = '1'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM snapshot")).isEqualTo(1);
  }

  @Test
  void readingAStateWalksTheStateIndexWithoutSorting() throws Exception {
    SnapshotInfo s = write(List.of(obs("a/b", "likes", "1")));
    StringBuilder plan = new StringBuilder();
    try (Connection c = db.connect()) {
      if (db.isPostgresql()) {
        // A one-row table is read faster without the index; what matters is that the index can give the order.
        try (Statement noSeqScan = c.createStatement()) {
          noSeqScan.execute("SET enable_seqscan = off");
        }
      }
      try (PreparedStatement ps = c.prepareStatement((db.isPostgresql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ")
          + JdbcSnapshotStore.SELECT_STATE)) {
        ps.setString(1, "hub");
        ps.setLong(2, s.id());
        ps.setLong(3, s.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(db.isPostgresql() ? 1 : 4)).append('\n');
          }
        }
      }
    }
    assertThat(plan.toString()).contains("observation_state").doesNotContain("TEMP B-TREE").doesNotContain("Sort");
  }

  @Test
  void aCursorReadsTheStateInCodePointOrder() {
    // Given in no order; read as SQLite orders UTF-8: "a/b" before "a/b-c", U+FF21 before U+1D538.
    List<Observation> state = List.of(obs("a/b-c", "likes", "1"), obs("Board \uD835\uDD38", "likes", "2"),
        new Observation("a/b", "x", "likes", "3", null, "u"), obs("Board \uFF21", "likes", "4"), obs("a/b", "sha", "s"),
        obs("a/b", "likes", "5"), obs("Board A", "likes", "6"));
    SnapshotInfo s = write(state);

    List<Observation> read = new ArrayList<>();
    try (StateCursor cursor = store.openState(s)) {
      cursor.forEachRemaining(read::add);
      assertThat(cursor.hasNext()).isFalse();
    }

    assertThat(read).containsExactly(state.get(6), state.get(3), state.get(1), state.get(5), state.get(4), state.get(2),
        state.get(0));
    assertThat(read).isSortedAccordingTo(StateOrder.KEYS).isEqualTo(store.loadState(s));
  }

  @Test
  void twoCursorsReadSideBySide() {
    SnapshotInfo s1 = write(List.of(obs("a/b", "likes", "1"), obs("c/d", "likes", "2")));
    SnapshotInfo s2 = write(List.of(obs("a/b", "likes", "1"), obs("c/d", "likes", "3"), obs("e/f", "likes", "4")));

    try (StateCursor before = store.openState(s1); StateCursor after = store.openState(s2)) {
      assertThat(before.next()).isEqualTo(obs("a/b", "likes", "1"));
      assertThat(after.next()).isEqualTo(obs("a/b", "likes", "1"));
      assertThat(after.next()).isEqualTo(obs("c/d", "likes", "3"));
      assertThat(before.next()).isEqualTo(obs("c/d", "likes", "2"));
      assertThat(before.hasNext()).isFalse();
      assertThat(after.next()).isEqualTo(obs("e/f", "likes", "4"));
      assertThat(after.hasNext()).isFalse();
    }
    // the cursors closed their statements: the connection still writes
    assertThat(write(List.of(obs("a/b", "likes", "2"))).valuesAdded()).isEqualTo(1);
  }

  @Test
  void anUnchangedStateOfNamesOutsideTheBasicPlaneAddsNothing() throws Exception {
    // SQLite orders text by code point, Java's compareTo by UTF-16 unit: these two sort differently in each
    List<Observation> state = List.of(obs("Board \uD835\uDD38", "likes", "1"), obs("Board \uFF21", "likes", "2"),
        obs("Board A", "likes", "3"));
    write(state);
    SnapshotInfo again = write(List.of(state.get(2), state.get(0), state.get(1)));

    assertThat(List.of(again.valuesAdded(), again.valuesClosed())).containsExactly(0L, 0L);
    assertThat(store.loadState(again)).containsExactlyInAnyOrderElementsOf(state);
  }

  @Test
  void valuesWithTabsNewlinesBackslashesAndNullsReadBackAsWritten() {
    // PostgreSQL writes values with COPY, whose text format escapes these.
    List<Observation> state = List.of(new Observation("a/b", "v\t1", "card", "line 1\nline 2\r\n", "C:\\x\\N\t", null),
        new Observation("a/b", "", "k\\N", "\\N", null, "https://hub/a\tb"), obs("c/d", "likes", ""));
    SnapshotInfo s = write(state);

    assertThat(store.loadState(s)).containsExactlyInAnyOrderElementsOf(state);
    assertThat(write(state).valuesAdded()).isZero();
  }
}
