package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 6, raw archive: every body stored once, a fetch log, `sync --offline` and `gc --keep N`. */
class RawArchiveTest {
  private static final String PHI2_FILE = "hub-seed/models/microsoft--phi-2.json";

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  private void changePhi2Downloads(int downloads) {
    cli.hub().overrideModel("microsoft/phi-2",
        Fixtures.text(PHI2_FILE).replaceFirst("\"downloads\":\\d+", "\"downloads\":" + downloads));
  }

  @Test
  void everyBodyIsStoredOnceCompressedAndAddressedByItsHashWithAFetchLog() throws Exception {
    cli.run("sync");
    long logged = cli.count("SELECT count(*) FROM fetch_log");
    long bodies = cli.count("SELECT count(*) FROM archive_body");
    long urls = cli.count("SELECT count(*) FROM fetch_url");

    assertThat(logged).isEqualTo(cli.count("SELECT count(*) FROM fetch_log WHERE run_id = 1")).isGreaterThan(40);
    assertThat(bodies).isEqualTo(cli.count("SELECT count(DISTINCT body_sha256) FROM fetch_log"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("""
            SELECT l.source, l.method, l.status, l.content_type, l.bytes, l.body_sha256, b.gzip, l.duration_ms
            FROM fetch_log l JOIN archive_body b ON b.sha256 = l.body_sha256 JOIN fetch_url u ON u.id = l.url_id
            WHERE u.url LIKE '%/api/models/microsoft/phi-2?%'""")) {
      assertThat(rs.next()).isTrue();
      byte[] phi2 = Fixtures.bytes(PHI2_FILE);
      assertThat(rs.getString(1)).isEqualTo("hub");
      assertThat(rs.getString(2)).isEqualTo("GET");
      assertThat(rs.getInt(3)).isEqualTo(200);
      assertThat(rs.getString(4)).isEqualTo("application/json; charset=utf-8");
      assertThat(rs.getLong(5)).isEqualTo(phi2.length);
      assertThat(rs.getString(6)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(phi2)));
      assertThat(new GZIPInputStream(new ByteArrayInputStream(rs.getBytes(7))).readAllBytes()).isEqualTo(phi2);
      assertThat(rs.getLong(8)).isNotNegative();
      assertThat(rs.next()).isFalse();
    }

    // issue 17: the second sync lists the authors of several listed models instead of asking each, so it asks other
    // URLs once; from then on every sync asks the same
    cli.run("sync");
    long steady = cli.count("SELECT count(*) FROM fetch_log WHERE run_id = 2");
    long steadyBodies = cli.count("SELECT count(*) FROM archive_body");
    long steadyUrls = cli.count("SELECT count(*) FROM fetch_url");
    assertThat(steady).isLessThan(logged);

    cli.run("sync");

    assertThat(cli.count("SELECT count(*) FROM fetch_log WHERE run_id = 3")).isEqualTo(steady);
    assertThat(cli.count("SELECT count(*) FROM archive_body")).as("unchanged answers are not stored again").isEqualTo(steadyBodies);
    assertThat(cli.count("SELECT count(*) FROM fetch_url")).as("URLs asked again are not stored again").isEqualTo(steadyUrls);
  }

  @Test
  void theTokenNeverReachesTheArchive() throws Exception {
    cli.env("HF_TOKEN", "hf_TopSecret123");

    CliRunner.Result sync = cli.runAt(Clock.systemUTC(), "sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(cli.server().takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_TopSecret123");
    assertThat(cli.count("SELECT count(*) FROM fetch_log")).isGreaterThan(40);
    assertThat(cli.count("SELECT count(*) FROM fetch_log WHERE headers LIKE '%Authorization%' OR headers LIKE '%TopSecret%'"
        + " OR url_id IN (SELECT id FROM fetch_url WHERE url LIKE '%TopSecret%')")).isZero();
    for (Path file : List.of(cli.db(), Path.of(cli.db() + "-wal"))) {
      if (Files.exists(file)) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("TopSecret");
      }
    }
  }

  @Test
  void anOfflineSyncRebuildsSnapshotsFromTheNewestArchivedBodiesWithoutNetwork() throws Exception {
    cli.run("sync");
    changePhi2Downloads(1234567);
    assertThat(cli.run("sync").out()).startsWith("hub: ok, snapshot 10: 29 models, 0 missing, 1 values added, 1 closed\n");
    long logged = cli.count("SELECT count(*) FROM fetch_log");
    cli.server().close(); // no upstream left: every answer must come from the archive

    CliRunner.Result offline = cli.run("sync", "--offline");

    assertThat(offline.exitCode()).as(offline.out() + offline.err()).isZero();
    // The newest phi-2 body (1234567 downloads) is replayed: nothing changes against the last online sync.
    assertThat(offline.out().lines().limit(TestConfigs.SOURCES.size())).hasSize(TestConfigs.SOURCES.size())
        .allMatch(l -> l.matches("[a-z0-9-]+: ok, snapshot \\d+: \\d+ models, 0 missing, 0 values added, 0 closed"));
    assertThat(cli.count("SELECT value FROM observation WHERE subject = 'microsoft/phi-2' AND key = 'downloads'"
        + " AND to_snapshot IS NULL")).isEqualTo(1234567);
    assertThat(cli.count("SELECT count(*) FROM fetch_log")).as("an offline sync archives nothing").isEqualTo(logged);
  }

  private static List<String> columnsOf(Connection c, String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
      while (rs.next()) {
        columns.add(rs.getString("name"));
      }
    }
    return columns;
  }

  @Test
  void anArchiveWrittenBeforeV6IsMigratedAndStillReplayedOffline() throws Exception {
    cli.run("sync");
    Path online = cli.dir().resolve("online.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db()); Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + online + "'");
    }
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(cli.db() + suffix));
    }
    // The same data in a V5 database, which wrote both URLs out in every fetch_log row.
    Flyway.configure().dataSource("jdbc:sqlite:" + cli.db(), null, null).locations("classpath:db/migration")
        .target("5").load().migrate();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db()); Statement s = c.createStatement()) {
      s.execute("ATTACH DATABASE '" + online + "' AS online");
      for (String table : List.of("run", "observation", "missing_model", "model_alias", "unresolved_name",
          "archive_body")) {
        // The columns both schemas have: later migrations added some (V9: snapshot.warning), which V5 lacks.
        String columns = String.join(", ", columnsOf(c, "main", table).stream()
            .filter(columnsOf(c, "online", table)::contains).toList());
        s.executeUpdate("INSERT INTO " + table + "(" + columns + ") SELECT " + columns + " FROM online." + table);
      }
      s.executeUpdate("""
          INSERT INTO snapshot(id, run_id, source, started_at, finished_at, status, error, data_date, subjects, missing,
                               values_added, values_closed)
          SELECT id, run_id, source, started_at, finished_at, status, error, data_date, subjects, missing, values_added,
                 values_closed FROM online.snapshot""");
      s.executeUpdate("""
          INSERT INTO fetch_log(id, run_id, source, method, url, final_url, status, etag, content_type, headers,
                                body_sha256, bytes, duration_ms, fetched_at)
          SELECT l.id, l.run_id, l.source, l.method, u.url, coalesce(f.url, u.url), l.status, l.etag, l.content_type,
                 l.headers, l.body_sha256, l.bytes, l.duration_ms, l.fetched_at
          FROM online.fetch_log l JOIN online.fetch_url u ON u.id = l.url_id
          LEFT JOIN online.fetch_url f ON f.id = l.final_url_id""");
    }
    long logged = cli.count("SELECT count(*) FROM fetch_log");
    long redirected = cli.count("SELECT count(*) FROM fetch_log WHERE final_url <> url");
    long urls = cli.count("SELECT count(*) FROM (SELECT url FROM fetch_log UNION SELECT final_url FROM fetch_log)");
    cli.server().close(); // every answer must come from the migrated archive

    CliRunner.Result offline = cli.run("sync", "--offline");

    assertThat(offline.exitCode()).as(offline.out() + offline.err()).isZero();
    assertThat(offline.out().lines().limit(TestConfigs.SOURCES.size())).hasSize(TestConfigs.SOURCES.size())
        .allMatch(l -> l.matches("[a-z0-9-]+: ok, snapshot \\d+: \\d+ models, 0 missing, 0 values added, 0 closed"));
    assertThat(cli.count("SELECT count(*) FROM fetch_log")).isEqualTo(logged).isGreaterThan(40);
    assertThat(cli.count("SELECT count(*) FROM fetch_log WHERE final_url_id IS NOT NULL")).isEqualTo(redirected)
        .isPositive();
    assertThat(cli.count("SELECT count(*) FROM fetch_url")).isEqualTo(urls);
  }

  @Test
  void offlineAUrlNeverArchivedFailsItsSourceWithAClearMessage() throws Exception {
    cli.run("sync");
    cli.server().close();
    cli.config(text -> text
        .replace("      - lmsys/vicuna-7b-v1.5\n", "      - lmsys/vicuna-7b-v1.5\n      - nobody/never-fetched\n"));

    CliRunner.Result offline = cli.run("sync", "--offline");

    assertThat(offline.exitCode()).isEqualTo(3);
    assertThat(offline.out()).startsWith("hub: FAILED, snapshot 10, previous data kept: ")
        .contains("offline: GET http://" + cli.server().getHostName() + ":" + cli.server().getPort()
            + "/api/models/nobody/never-fetched was never archived (a sync with network archives it)");
    assertThat(cli.count("SELECT count(*) FROM snapshot WHERE run_id = 2 AND status = 'ok'")).isEqualTo(TestConfigs.SOURCES.size() - 1);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
  }

  @Test
  void gcKeepsTheArchiveOfTheLastRunsAndDeletesBodiesNoLongerReferenced() throws Exception {
    // from the second sync on, every sync asks the same (issue 17: the first asks each listed model, the second lists
    // the authors of several): keep only that one's archive, so that each run below adds perRun rows
    cli.run("sync");
    cli.run("sync");
    assertThat(cli.run("gc", "--keep", "1").exitCode()).isZero();
    long perRun = cli.count("SELECT count(*) FROM fetch_log");
    long bodies = cli.count("SELECT count(*) FROM archive_body");
    changePhi2Downloads(1);
    cli.run("sync");
    changePhi2Downloads(2);
    cli.run("sync");
    cli.run("sync", "--offline"); // fetches nothing: does not count as a run to keep
    assertThat(cli.count("SELECT count(*) FROM archive_body")).isEqualTo(bodies + 2);

    CliRunner.Result gc = cli.run("gc", "--keep", "1");

    assertThat(gc.exitCode()).as(gc.err()).isZero();
    assertThat(gc.out()).startsWith("kept the archive of 1 runs; removed " + 2 * perRun + " fetch log rows, 0 URLs and 2 bodies (")
        .endsWith(" bytes compressed)\n");
    assertThat(cli.count("SELECT count(*) FROM fetch_log")).isEqualTo(perRun);
    assertThat(cli.count("SELECT count(DISTINCT run_id) FROM fetch_log")).isOne();
    assertThat(cli.count("SELECT count(*) FROM archive_body")).isEqualTo(bodies);
    assertThat(cli.count("SELECT count(*) FROM snapshot")).as("snapshots are never pruned").isEqualTo(5L * TestConfigs.SOURCES.size());
    cli.server().close();
    assertThat(cli.run("sync", "--offline").exitCode()).isZero();
    assertThat(cli.run("gc", "--keep", "0").exitCode()).isEqualTo(2);
  }
}
