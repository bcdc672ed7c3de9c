package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.app.World;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.daemon.Daemon;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.TestConfigs;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `llm-catalog status`: the daemon's heartbeat and, per source, last success, last failure and next fire, from the DB. */
class StatusCommandTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();
  @RegisterExtension
  final CliHarness cluster = new CliHarness(TestDatabase.Kind.POSTGRESQL);
  private Path db;

  @BeforeEach
  void setUp() throws Exception {
    db = cli.db();
  }

  private CliRunner.Result status(String now, String... options) {
    return cli.runAt(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), java.util.stream.Stream.concat(
        java.util.stream.Stream.of("status"), java.util.stream.Stream.of(options)).toArray(String[]::new));
  }

  private void sql(String... statements) throws Exception {
    SnapshotStore.open(db, Clock.systemUTC()).close(); // creates the schema
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.executeUpdate(statement);
      }
    }
  }

  private void seedDaemonAndSnapshots() throws Exception {
    sql("INSERT INTO run(id, started_at, finished_at, version) VALUES (1, '2026-11-26T09:00:00Z', '2026-11-26T10:00:04.000Z', 't')",
        "INSERT INTO snapshot(run_id, source, started_at, finished_at, status) VALUES"
            + " (1, 'arena', '2026-11-26T09:00:00.000Z', '2026-11-26T09:00:01.500Z', 'ok'),"
            + " (1, 'hub', '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:03.120Z', 'ok')",
        "INSERT INTO snapshot(run_id, source, started_at, finished_at, status, error) VALUES"
            + " (1, 'arena', '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:04.000Z', 'failed',"
            + " 'GET https://huggingface.co/api/spaces/lmarena-ai/arena-leaderboard/tree/main -> HTTP 503 after 4 attempts')",
        "INSERT INTO daemon(id, pid, host, started_at, heartbeat_at, heartbeat_seconds) VALUES"
            + " (1, 4242, 'build-1', '2026-11-26T10:00:00.000Z', '2026-11-26T10:04:30.000Z', 30)",
        "INSERT INTO daemon_schedule(source, cron, next_fire_at) VALUES ('hub', '0 15 * * * ?', '2026-11-26T10:15:00.000Z'),"
            + " ('arena', '0 0 */6 * * ?', '2026-11-26T12:00:00.000Z'), ('mteb', '0 0 */6 * * ?', '2026-11-26T12:00:00.000Z')");
  }

  @Test
  void aliveDaemonLastSuccessLastFailureWithItsErrorAndNextFirePerSource() throws Exception {
    seedDaemonAndSnapshots();

    CliRunner.Result result = status("2026-11-26T10:05:00Z");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        daemon: alive, pid 4242 on host build-1, started 2026-11-26T10:00:00.000Z, last heartbeat 2026-11-26T10:04:30.000Z
        SOURCE        LAST SUCCESS              LAST FAILURE              NEXT FIRE                 ERROR
        hub           2026-11-26T10:00:03.120Z  -                         2026-11-26T10:15:00.000Z
        openllm-v1    -                         -                         -
        openllm-v2    -                         -                         -
        opencompass   -                         -                         -
        arena         2026-11-26T09:00:01.500Z  2026-11-26T10:00:04.000Z  2026-11-26T12:00:00.000Z  GET https://huggingface.co/api/spaces/lmarena-ai/arena-leaderboard/tree/main -> HTTP 503 after 4 attempts
        tabby         -                         -                         -
        mteb          -                         -                         2026-11-26T12:00:00.000Z
        aider         -                         -                         -
        """);
  }

  /** Issue 16: the same facts as JSON, null where the text shows "-", times as stored. */
  @Test
  void jsonHasTheDaemonStateAndOneObjectPerSource() throws Exception {
    seedDaemonAndSnapshots();

    CliRunner.Result result = cli.runAt(Clock.fixed(Instant.parse("2026-11-26T10:05:00Z"), ZoneOffset.UTC), "status",
        "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        {
          "daemon" : {
            "state" : "alive",
            "pid" : 4242,
            "host" : "build-1",
            "started_at" : "2026-11-26T10:00:00.000Z",
            "heartbeat_at" : "2026-11-26T10:04:30.000Z",
            "stopped_at" : null
          },
          "cluster" : null,
          "sources" : [ {
            "source" : "hub",
            "last_success" : "2026-11-26T10:00:03.120Z",
            "last_failure" : null,
            "next_fire" : "2026-11-26T10:15:00.000Z",
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "openllm-v1",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : null,
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "openllm-v2",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : null,
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "opencompass",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : null,
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "arena",
            "last_success" : "2026-11-26T09:00:01.500Z",
            "last_failure" : "2026-11-26T10:00:04.000Z",
            "next_fire" : "2026-11-26T12:00:00.000Z",
            "last_run_on" : null,
            "error" : "GET https://huggingface.co/api/spaces/lmarena-ai/arena-leaderboard/tree/main -> HTTP 503 after 4 attempts"
          }, {
            "source" : "tabby",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : null,
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "mteb",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : "2026-11-26T12:00:00.000Z",
            "last_run_on" : null,
            "error" : null
          }, {
            "source" : "aider",
            "last_success" : null,
            "last_failure" : null,
            "next_fire" : null,
            "last_run_on" : null,
            "error" : null
          } ]
        }
        """);
  }

  @Test
  void jsonOfADatabaseNoDaemonRanOnAndABadFormat() {
    CliRunner.Result never = status("2026-11-26T10:05:00Z", "--format=json");
    assertThat(never.out()).startsWith("""
        {
          "daemon" : {
            "state" : "never_ran",
            "pid" : null,
            "host" : null,
            "started_at" : null,
            "heartbeat_at" : null,
            "stopped_at" : null
          },
        """);

    CliRunner.Result bad = status("2026-11-26T10:05:00Z", "--format=yaml");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).isEqualTo("error: Invalid value for option '--format': expected one of [text, json] (case-sensitive)"
        + " but was 'yaml'\n");
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void aDaemonWithoutHeartbeatForThreeIntervalsIsStaleAndItsNextFiresAreNotShown() throws Exception {
    seedDaemonAndSnapshots();

    CliRunner.Result result = status("2026-11-26T10:06:01Z");

    assertThat(result.out()).startsWith("""
        daemon: STALE, no heartbeat since 2026-11-26T10:04:30.000Z (pid 4242 on host build-1, started 2026-11-26T10:00:00.000Z): it crashed or hangs
        SOURCE        LAST SUCCESS              LAST FAILURE              NEXT FIRE                 ERROR
        hub           2026-11-26T10:00:03.120Z  -                         -
        """);
    assertThat(status("2026-11-26T10:06:00Z").out()).startsWith("daemon: alive, ");
  }

  @Test
  void aStoppedDaemonAndADatabaseNoDaemonRanOn() throws Exception {
    assertThat(status("2026-11-26T10:05:00Z").out()).startsWith("daemon: never ran on this database\nSOURCE ");

    seedDaemonAndSnapshots();
    sql("UPDATE daemon SET stopped_at = '2026-11-26T10:04:59.000Z'");

    assertThat(status("2026-11-26T10:05:00Z").out()).startsWith(
        "daemon: stopped at 2026-11-26T10:04:59.000Z (pid 4242 on host build-1, started 2026-11-26T10:00:00.000Z)\n");
  }

  @Test
  void aRunningDaemonRecordsItselfAndItsNextFireTimesAndAStopIsRecorded() throws Exception {
    Path config = cli.config(t -> TestConfigs.withSchedules(t, "schedules:\n  default: \"0 0 0 1 1 ?\"\n")).config();
    sql("INSERT INTO run(id, started_at, version) VALUES (1, '2026-11-26T09:00:00Z', 't')",
        "INSERT INTO snapshot(run_id, source, started_at, finished_at, status) SELECT 1, s, '2026-11-26T09:00:00.000Z',"
            + " '2099-01-01T00:00:00.000Z', 'ok' FROM (SELECT '" + String.join("' AS s UNION SELECT '", TestConfigs.SOURCES)
            + "' AS s)");
    Daemon daemon = Daemon.start(TestConfigs.load(config), db, new World(new Environment(Map.of()), Clock.systemUTC(), new FakeTime()));
    String running;
    try {
      running = cli.runAt(Clock.systemUTC(), "status").out();
    } finally {
      daemon.stop();
    }

    assertThat(running).startsWith("daemon: alive, pid " + ProcessHandle.current().pid() + " on host ");
    // The next fire is New Year's midnight in the machine's zone (Quartz's): any UTC day, depending on the zone.
    assertThat(running.lines().skip(2)).hasSize(TestConfigs.SOURCES.size()).allMatch(l -> l.matches("\\S+ +2099-01-01T00:00:00.000Z  - +\\d{4}-\\d\\d-\\d\\dT\\S+Z"));
    assertThat(status("2026-11-26T10:05:00Z").out()).startsWith("daemon: stopped at ");
  }

  /** Three nodes on PostgreSQL (alive, STALE, stopped), the runs they did and one by {@code sync}. */
  private void seedCluster() throws Exception {
    cluster.database().execute(
        "INSERT INTO run(id, started_at, finished_at, version, node) VALUES (1, '2026-11-26T09:00:00Z',"
            + " '2026-11-26T09:00:02Z', 't', 'build-2:977'), (2, '2026-11-26T10:00:00Z', '2026-11-26T10:00:04Z', 't',"
            + " 'build-1:4242'), (3, '2026-11-26T10:01:00Z', '2026-11-26T10:01:01Z', 't', NULL)",
        "INSERT INTO snapshot(run_id, source, started_at, finished_at, status, error) VALUES"
            + " (1, 'arena', '2026-11-26T09:00:00.000Z', '2026-11-26T09:00:01.500Z', 'ok', NULL),"
            + " (1, 'hub', '2026-11-26T09:00:00.000Z', '2026-11-26T09:00:02.000Z', 'ok', NULL),"
            + " (2, 'arena', '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:04.000Z', 'failed', 'HTTP 503'),"
            + " (3, 'tabby', '2026-11-26T10:01:00.000Z', '2026-11-26T10:01:01.000Z', 'ok', NULL)",
        "INSERT INTO daemon_node(node, pid, host, started_at, heartbeat_at, heartbeat_seconds, stopped_at) VALUES"
            + " ('build-1:4242', 4242, 'build-1', '2026-11-26T08:00:00.000Z', '2026-11-26T10:04:58.000Z', 5, NULL),"
            + " ('build-2:977', 977, 'build-2', '2026-11-26T08:00:01.000Z', '2026-11-26T10:01:12.000Z', 5, NULL),"
            + " ('build-3:51', 51, 'build-3', '2026-11-26T07:00:00.000Z', '2026-11-26T07:30:00.000Z', 5,"
            + " '2026-11-26T07:30:00.000Z')",
        "INSERT INTO daemon_schedule(source, cron, next_fire_at) VALUES ('hub', '0 15 * * * ?', '2026-11-26T10:15:00.000Z')");
  }

  @Test
  void onPostgresqlEveryNodeOfTheClusterAndTheNodeThatRanEachSourceLast() throws Exception {
    seedCluster();

    CliRunner.Result result = cluster.runAt(Clock.fixed(Instant.parse("2026-11-26T10:05:00Z"), ZoneOffset.UTC), "status");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("""
        cluster: 3 nodes, 1 alive, 1 STALE
        HOST                  PID       STARTED                   LAST CHECK-IN             STATE
        build-2               977       2026-11-26T08:00:01.000Z  2026-11-26T10:01:12.000Z  STALE: no check-in for 228 s (killed or hung)
        build-1               4242      2026-11-26T08:00:00.000Z  2026-11-26T10:04:58.000Z  alive
        build-3               51        2026-11-26T07:00:00.000Z  2026-11-26T07:30:00.000Z  stopped
        SOURCE        LAST SUCCESS              LAST FAILURE              NEXT FIRE                 LAST RUN ON           ERROR
        hub           2026-11-26T09:00:02.000Z  -                         2026-11-26T10:15:00.000Z  build-2:977
        openllm-v1    -                         -                         -                         -
        openllm-v2    -                         -                         -                         -
        opencompass   -                         -                         -                         -
        arena         2026-11-26T09:00:01.500Z  2026-11-26T10:00:04.000Z  -                         build-1:4242          HTTP 503
        tabby         2026-11-26T10:01:01.000Z  -                         -                         -
        mteb          -                         -                         -                         -
        aider         -                         -                         -                         -
        """);
  }

  /** Issue 16 with issue 15: on PostgreSQL the JSON lists the cluster's nodes, as the text does, and no one daemon. */
  @Test
  void onPostgresqlTheJsonListsEveryNodeAndTheNodeThatRanEachSourceLast() throws Exception {
    seedCluster();

    CliRunner.Result result = cluster.runAt(Clock.fixed(Instant.parse("2026-11-26T10:05:00Z"), ZoneOffset.UTC), "status",
        "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("""
        {
          "daemon" : null,
          "cluster" : {
            "nodes" : [ {
              "state" : "stale",
              "pid" : 977,
              "host" : "build-2",
              "started_at" : "2026-11-26T08:00:01.000Z",
              "heartbeat_at" : "2026-11-26T10:01:12.000Z",
              "stopped_at" : null
            }, {
              "state" : "alive",
              "pid" : 4242,
              "host" : "build-1",
              "started_at" : "2026-11-26T08:00:00.000Z",
              "heartbeat_at" : "2026-11-26T10:04:58.000Z",
              "stopped_at" : null
            }, {
              "state" : "stopped",
              "pid" : 51,
              "host" : "build-3",
              "started_at" : "2026-11-26T07:00:00.000Z",
              "heartbeat_at" : "2026-11-26T07:30:00.000Z",
              "stopped_at" : "2026-11-26T07:30:00.000Z"
            } ]
          },
          "sources" : [ {
            "source" : "hub",
            "last_success" : "2026-11-26T09:00:02.000Z",
            "last_failure" : null,
            "next_fire" : "2026-11-26T10:15:00.000Z",
            "last_run_on" : "build-2:977",
            "error" : null
          }, {
        """);
    // the other sources as on SQLite, each with the node that ran it last, as the text's LAST RUN ON
    List<String> ranOn = new ArrayList<>();
    Mappers.JSON.readTree(result.out()).get("sources").forEach(source -> ranOn.add(source.get("last_run_on").asText(null)));
    assertThat(ranOn).containsExactly("build-2:977", null, null, null, "build-1:4242", null, null, null);
  }
}
