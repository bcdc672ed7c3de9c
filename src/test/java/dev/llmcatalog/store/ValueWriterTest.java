package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writing states through the per-model digests (V8): every snapshot still reads back exactly what was written, on
 * SQLite and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ValueWriterTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

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

  private Dialect dialect() {
    return db.isPostgresql() ? Dialect.POSTGRESQL : Dialect.SQLITE;
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SnapshotInfo write(List<Observation> state) {
    return store.writeSnapshot(store.beginRun("test"), "hub", T0, new SourceData(state, List.of(), List.of()), List.of());
  }

  private static List<Observation> sorted(List<Observation> state) {
    List<Observation> copy = new ArrayList<>(state);
    copy.sort(StateOrder.KEYS);
    return copy;
  }

  private long count(String sql) throws Exception {
    return db.count(sql);
  }

  /** A random state: some of 40 models (a few with names outside the basic plane), each with some of 4 keys. */
  private static List<Observation> randomState(Random random) {
    List<Observation> state = new ArrayList<>();
    for (int m = 0; m < 40; m++) {
      if (random.nextInt(10) == 0) {
        continue; // the model is absent this time
      }
      String model = (m % 7 == 0 ? "org\uD835\uDD38/m" : "org/m") + m;
      for (String key : List.of("downloads", "likes", "sha", "rank:top")) {
        if (random.nextInt(6) > 0) {
          String value = String.valueOf(random.nextInt(3));
          String raw = random.nextInt(8) == 0 ? value + ".0" : null;
          String url = random.nextInt(8) == 0 ? "https://mirror/" + model : "https://hub/" + model;
          state.add(new Observation(model, random.nextInt(10) == 0 ? "v" + random.nextInt(2) : "", key, value, raw, url));
        }
      }
    }
    return state;
  }

  @Test
  void everySnapshotOfARandomHistoryReadsBackExactlyWhatWasWritten() throws Exception {
    Random random = new Random(11);
    List<SnapshotInfo> snapshots = new ArrayList<>();
    List<List<Observation>> states = new ArrayList<>();
    List<Observation> state = randomState(random);
    for (int i = 0; i < 60; i++) {
      if (i % 5 == 4) {
        state = randomState(random); // a wholesale change: the full merge
      } else if (i % 5 != 2) { // i % 5 == 2 repeats the state unchanged
        state = new ArrayList<>(state);
        for (int edits = random.nextInt(3); edits >= 0; edits--) { // a few models change: the per-model merge
          int kind = random.nextInt(4);
          if (kind == 0) { // a model goes
            String gone = state.get(random.nextInt(state.size())).subject();
            state.removeIf(o -> o.subject().equals(gone));
          } else if (kind == 1) { // a model comes, between or before the others
            state.add(new Observation((random.nextBoolean() ? "org\uFF21/n" : "org/n") + i, "likes", "1", "https://hub/n"));
          } else {
            Observation o = state.remove(random.nextInt(state.size()));
            if (random.nextBoolean()) {
              state.add(new Observation(o.subject(), o.variant(), o.key(), o.value() + "x", o.raw(), o.url()));
            }
          }
        }
      }
      if (i == 30) {
        // a database from before V8 has no digests: the next write merges in full and fills them
        db.execute("DELETE FROM subject_digest");
      }
      snapshots.add(write(state));
      states.add(state);
    }

    // The URL is provenance, not identity: a value read again from another URL keeps the URL it was first read from.
    for (int i = 0; i < snapshots.size(); i++) {
      List<Observation> read = store.loadState(snapshots.get(i));
      assertThat(read).as("snapshot %d", i).extracting(ValueWriterTest::identity)
          .containsExactlyElementsOf(sorted(states.get(i)).stream().map(ValueWriterTest::identity).toList());
      for (Observation o : read) {
        int since = i;
        while (since > 0 && states.get(since - 1).stream().anyMatch(p -> identity(p).equals(identity(o)))) {
          since--;
        }
        int first = since;
        assertThat(o.url()).as("snapshot %d: %s", i, o).isEqualTo(states.get(first).stream()
            .filter(p -> identity(p).equals(identity(o))).findFirst().orElseThrow().url());
      }
    }
    assertThat(count("SELECT count(*) FROM subject_digest")).isEqualTo(
        states.get(states.size() - 1).stream().map(Observation::subject).distinct().count());
    assertThat(count("SELECT count(*) FROM (SELECT source, subject, variant, key FROM observation WHERE to_snapshot IS NULL"
        + " GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) AS twice")).as("keys with two current values").isZero();
  }

  private static List<String> identity(Observation o) {
    return java.util.Arrays.asList(o.subject(), o.variant(), o.key(), o.value(), o.raw());
  }

  private record Direct(ValueWriter.Result result, SnapshotInfo snapshot) {}

  /** Writes through ValueWriter on a connection of its own, as writeSnapshot does, to see which merge it took. */
  private Direct writeDirect(List<Observation> state) throws Exception {
    long snapshot;
    ValueWriter.Result result;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      snapshot = insertSnapshot(c);
      result = ValueWriter.replace(c, dialect(), "hub", snapshot, state, WriteProgress.NONE);
      c.commit();
    }
    return new Direct(result, store.findSnapshot(snapshot).orElseThrow());
  }

  private static long insertSnapshot(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      long run;
      try (ResultSet rs = s.executeQuery("INSERT INTO run(started_at, version) VALUES ('2026-11-26T10:00:00Z', 'test')"
          + " RETURNING id")) {
        rs.next();
        run = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("INSERT INTO snapshot(run_id, source, started_at, finished_at, status)"
          + " VALUES (" + run + ", 'hub', '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z', 'ok') RETURNING id")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<Observation> models(int n) {
    List<Observation> state = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      state.add(new Observation("org/m" + m, "likes", String.valueOf(m), "u"));
      state.add(new Observation("org/m" + m, "downloads", String.valueOf(10 * m), "u"));
    }
    state.add(new Observation("x\uD835\uDD38", "likes", "7", "u")); // beyond U+FFFF: orders after U+FF21
    return state;
  }

  /** Values go in {@value ValueWriter#ROWS_PER_INSERT} rows a statement, and the rest one by one: none lost or doubled. */
  @Test
  void statesOfAnySizeAroundTheRowsOfOneInsertReadBackWhole() throws Exception {
    int rows = ValueWriter.ROWS_PER_INSERT;
    for (int size : new int[] {1, rows - 1, rows, rows + 1, 3 * rows + 5}) {
      List<Observation> state = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        state.add(new Observation("size" + size + "/m" + i, "", "likes", String.valueOf(i), i % 3 == 0 ? "0" + i : null,
            i % 2 == 0 ? "https://hub/" + i : null));
      }
      SnapshotInfo written = store.writeSnapshot(store.beginRun("test"), "s" + size, T0,
          new SourceData(state, List.of(), List.of()), List.of());

      assertThat(written.valuesAdded()).as("size %d", size).isEqualTo(size);
      assertThat(store.loadState(written)).as("size %d", size).containsExactlyElementsOf(sorted(state));
    }
  }

  @Test
  void aFewChangedModelsAreMergedAloneNewOnesInsertedAndGoneOnesClosed() throws Exception {
    List<Observation> first = models(20);
    assertThat(writeDirect(first).result().perModel()).as("no digests yet").isFalse();
    List<Observation> second = new ArrayList<>(first);
    second.removeIf(o -> o.subject().equals("org/m3")); // gone
    second.set(0, new Observation("org/m0", "likes", "100", "u")); // changed
    second.add(new Observation("x\uFF21", "likes", "1", "u")); // new, before x𝔸 in code point order only

    Direct written = writeDirect(second);

    assertThat(written.result()).isEqualTo(new ValueWriter.Result(2, 3, true));
    assertThat(store.loadState(written.snapshot())).containsExactlyElementsOf(sorted(second));
    assertThat(writeDirect(second).result()).isEqualTo(new ValueWriter.Result(0, 0, true));
    assertThat(count("SELECT count(*) FROM subject_digest")).isEqualTo(21);
  }

  @Test
  void aSnapshotWrittenWithoutTheDigestsMakesTheNextWriteMergeInFull() throws Exception {
    List<Observation> state = models(20);
    writeDirect(state);
    try (Connection c = db.connect()) { // an older llm-catalog, blind to digests
      c.setAutoCommit(false);
      long snapshot = insertSnapshot(c);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE observation SET to_snapshot = " + snapshot + " WHERE subject = 'org/m1' AND key = 'likes'");
        s.executeUpdate("INSERT INTO observation(source, subject, variant, key, value, url, from_snapshot)"
            + " VALUES ('hub', 'org/m1', '', 'likes', '2', 'u', " + snapshot + ")");
      }
      c.commit();
    }

    Direct again = writeDirect(state); // the digests still say org/m1 likes 1

    assertThat(again.result().perModel()).isFalse();
    assertThat(again.result()).isEqualTo(new ValueWriter.Result(1, 1, false));
    assertThat(store.loadState(again.snapshot())).containsExactlyElementsOf(sorted(state));
  }

  @Test
  void aRepeatedStateWritesNothingAndAChangedModelOnlyItsChange() {
    List<Observation> state = List.of(new Observation("a/b", "likes", "1", "u"), new Observation("c/d", "likes", "2", "u"),
        new Observation("c/d", "downloads", "9", "u"));
    write(state);

    SnapshotInfo same = write(state);
    SnapshotInfo changed = write(List.of(state.get(0), new Observation("c/d", "likes", "3", "u"), state.get(2)));
    SnapshotInfo gone = write(List.of(state.get(0)));

    assertThat(List.of(same.valuesAdded(), same.valuesClosed())).containsExactly(0L, 0L);
    assertThat(List.of(changed.valuesAdded(), changed.valuesClosed())).containsExactly(1L, 1L);
    assertThat(List.of(gone.valuesAdded(), gone.valuesClosed())).containsExactly(0L, 2L);
    assertThat(store.loadState(gone)).containsExactly(state.get(0));
  }
}
