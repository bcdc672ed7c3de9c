package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.app.World;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.daemon.Daemon;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `llm-catalog daemon` errors that end it at start, and `sync` beside a running daemon. */
class DaemonCommandTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private Path db;

  @BeforeEach
  void start() throws Exception {
    db = cli.db();
  }

  private Path config(String schedules) {
    return cli.config(t -> TestConfigs.withSchedules(t, schedules)).config();
  }

  /** At the system clock: the daemon schedules in real time. */
  private CliRunner.Result run(String... args) {
    return cli.runAt(Clock.systemUTC(), args);
  }

  private static int lineOf(Path file, String text) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.indexOf(text) + 1;
  }

  @Test
  void aBadCronExpressionIsOneLineNamingTheSourceAndExpressionExit2() throws Exception {
    Path config = config("schedules:\n  default: \"0 0 */6 * * ?\"\n  arena: \"0 0 25 * * ?\"\n");

    CliRunner.Result result = run("daemon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + config + ":" + lineOf(config, "  arena: \"0 0 25 * * ?\"")
        + ": schedule for 'arena': bad cron expression '0 0 25 * * ?': Hour values must be between 0 and 23"
        + " (Quartz syntax: sec min hour day month weekday [year])\n");
    assertThat(result.out()).isEmpty();
    assertThat(db).doesNotExist();
  }

  @Test
  void aScheduleForAnUnknownSourceExits2() throws Exception {
    Path config = config("schedules:\n  lmarena: \"0 0 * * * ?\"\n");

    CliRunner.Result result = run("daemon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + config + ":" + lineOf(config, "  lmarena: \"0 0 * * * ?\"")
        + ": schedule for unknown source 'lmarena' (configured sources: hub, openllm-v1, openllm-v2, opencompass, arena,"
        + " tabby, mteb, aider; other keys: default, jitter, stop_timeout)\n");
  }

  @Test
  void aSecondDaemonOnTheSameDatabaseExits1NamingTheFirst() {
    Path config = config("schedules:\n  default: \"0 0 0 1 1 ?\"\n");
    Daemon first = Daemon.start(TestConfigs.load(config), db, new World(new Environment(cli.hub().env()),
        Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), new FakeTime()));
    try {
      CliRunner.Result second = run("daemon");

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err()).matches("error: another daemon already runs on " + java.util.regex.Pattern.quote(db.toString())
          + ": pid " + ProcessHandle.current().pid() + " on host \\S+, started 2026-11-26T10:00:00Z \\(lock "
          + java.util.regex.Pattern.quote(db.toAbsolutePath() + ".daemon.lock") + "\\)\n");
    } finally {
      first.stop();
    }
  }

  @Test
  void syncBesideARunningDaemonSucceedsWithoutLockErrors() throws Exception {
    Path config = config("schedules:\n  default: \"*/1 * * * * ?\"\n");
    Daemon daemon = Daemon.start(TestConfigs.load(config), db, new World(new Environment(cli.hub().env()), Clock.systemUTC(), new FakeTime()));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(Files.exists(db) && cli.count("SELECT count(*) FROM run") >= 1) && System.nanoTime() < deadline) {
        Thread.sleep(50); // until the daemon's first jobs write
      }

      for (int i = 0; i < 2; i++) {
        CliRunner.Result sync = run("sync");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.err()).isEmpty();
        assertThat(sync.out().lines().filter(l -> l.contains(": ok, snapshot ")).count()).isEqualTo(TestConfigs.SOURCES.size());
      }
    } finally {
      daemon.stop();
    }
    assertThat(cli.count("SELECT count(*) FROM snapshot WHERE status <> 'ok'")).isZero();
    assertThat(cli.count("SELECT count(*) FROM run WHERE finished_at IS NULL")).isZero();
  }

  @Test
  void clusteringAskedForOnSqliteIsOneLineExit2() throws Exception {
    config("schedules:\n  default: \"0 0 */6 * * ?\"\n");

    for (String[] args : List.of(new String[] {"daemon", "--cluster"}, new String[] {"daemon", "--checkin-interval", "5"})) {
      CliRunner.Result result = run(args);

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo("error: a clustered daemon (--cluster, --checkin-interval) needs PostgreSQL (--db"
          + " jdbc:postgresql://HOST:PORT/DATABASE): on SQLite (" + db + ") one daemon runs per database file\n");
      assertThat(result.out()).isEmpty();
    }
    assertThat(db).doesNotExist();
  }
}
