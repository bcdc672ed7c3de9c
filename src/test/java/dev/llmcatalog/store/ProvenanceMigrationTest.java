package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9: a database where a mirror switch closed and re-added every value (the URL was part of a value's identity up to
 * V8) is merged back without changing any snapshot's state, and the next write of the same data stores nothing.
 */
class ProvenanceMigrationTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir
  Path dir;

  @Test
  void repeatsLeftByAMirrorSwitchAreMergedAndEverySnapshotReadsBackAsBefore() throws Exception {
    Path file = dir.resolve("catalog.db");
    Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/migration")
        .target("8").load().migrate();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("INSERT INTO run(id, started_at, version) VALUES (1, 't', 'v8')");
      for (int id = 1; id <= 4; id++) {
        s.execute("INSERT INTO snapshot(id, run_id, source, started_at, finished_at, status, subjects, values_added,"
            + " values_closed) VALUES (" + id + ", 1, 'hub', 't', 't', 'ok', 1, " + new int[] {2, 2, 2, 1}[id - 1] + ", "
            + new int[] {0, 2, 2, 1}[id - 1] + ")");
      }
      // likes: 5 read from the Hub (1), the mirror (2), the Hub again (3), then 6 (4); sha: a real change at 2
      s.execute("""
          INSERT INTO observation(id, source, subject, variant, key, value, raw, url, from_snapshot, to_snapshot) VALUES
            (1, 'hub', 'a/x', '', 'likes', '5', NULL, 'https://huggingface.co/a', 1, 2),
            (2, 'hub', 'a/x', '', 'sha', 'aaa', NULL, 'https://huggingface.co/a', 1, 2),
            (3, 'hub', 'a/x', '', 'likes', '5', NULL, 'https://hf-mirror.com/a', 2, 3),
            (4, 'hub', 'a/x', '', 'sha', 'bbb', NULL, 'https://hf-mirror.com/a', 2, 3),
            (5, 'hub', 'a/x', '', 'likes', '5', NULL, 'https://huggingface.co/a', 3, 4),
            (6, 'hub', 'a/x', '', 'sha', 'bbb', NULL, 'https://huggingface.co/a', 3, NULL),
            (7, 'hub', 'a/x', '', 'likes', '6', NULL, 'https://huggingface.co/a', 4, NULL)""");
      s.execute("INSERT INTO subject_digest_state(source, snapshot_id) VALUES ('hub', 4)");
    }
    List<List<String>> before = new ArrayList<>();
    for (int id = 1; id <= 4; id++) {
      before.add(state(file, id));
    }

    try (SnapshotStore store = SnapshotStore.open(file, Clock.fixed(T0, ZoneOffset.UTC))) {
      for (int id = 1; id <= 4; id++) {
        assertThat(values(store.loadState(store.findSnapshot(id).orElseThrow()))).as("snapshot %d", id)
            .isEqualTo(before.get(id - 1));
      }
      assertThat(rows(file, "SELECT id, value, url, from_snapshot, ifnull(to_snapshot, '-') FROM observation ORDER BY id"))
          .containsExactly("1 5 https://huggingface.co/a 1 4", "2 aaa https://huggingface.co/a 1 2",
              "4 bbb https://hf-mirror.com/a 2 -", "7 6 https://huggingface.co/a 4 -");
      assertThat(rows(file, "SELECT id, values_added, values_closed FROM snapshot ORDER BY id"))
          .containsExactly("1 2 0", "2 1 1", "3 0 0", "4 1 1");
      assertThat(rows(file, "SELECT count(*) FROM subject_digest_state")).containsExactly("0");

      // the same data through the mirror again: nothing added, nothing closed
      SnapshotInfo again = store.writeSnapshot(store.beginRun("test"), "hub", T0, new SourceData(List.of(
          new Observation("a/x", "likes", "6", "https://hf-mirror.com/a"),
          new Observation("a/x", "sha", "bbb", "https://hf-mirror.com/a")), List.of(), List.of()), List.of());
      assertThat(again.valuesAdded()).isZero();
      assertThat(again.valuesClosed()).isZero();
    }
  }

  private static List<String> values(List<Observation> state) {
    return state.stream().map(o -> o.subject() + " " + o.key() + " " + o.value()).toList();
  }

  private static List<String> state(Path file, int snapshot) throws SQLException {
    return rows(file, "SELECT subject, key, value FROM observation WHERE source = 'hub' AND from_snapshot <= " + snapshot
        + " AND (to_snapshot IS NULL OR to_snapshot > " + snapshot + ") ORDER BY subject, variant, key");
  }

  private static List<String> rows(Path file, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join(" ", row));
      }
    }
    return rows;
  }
}
