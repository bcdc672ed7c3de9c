package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6, crash safety: a real {@code sync} process killed with SIGKILL at random points leaves a consistent
 * database, and the next sync completes. The local upstreams are slowed down so that each sync takes a few
 * seconds and the kills land while snapshots are being fetched and written.
 */
class CrashSafetyTest {
  private static final int KILLS = 4;
  /** Current values after one clean sync of the shipped config (see SyncAndRenderTest's snapshot list). */
  private static final long CLEAN_SYNC_VALUES = 341 + 132 + 271 + 210 + 434 + 450 + 12 + 98 + 105;

  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private MockWebServer server;
  private Path db;

  @BeforeEach
  void start() throws Exception {
    cli.hub().slowDown(Duration.ofMillis(40));
    server = cli.server();
    db = cli.db();
  }

  @Test
  void aSyncKilledAtRandomPointsLeavesAConsistentDatabaseAndTheNextSyncCompletes() throws Exception {
    Random random = new Random(6); // seeded: the same kill points on every run
    List<Long> killedAfter = new ArrayList<>();
    for (int i = 0; i < KILLS; i++) {
      Path log = cli.dir().resolve("sync-" + i + ".log");
      int requestsBefore = server.getRequestCount();
      Process sync = startSync(log);
      // Kill points count from the first upstream request, not from the JVM's start, whose time varies.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.getRequestCount() == requestsBefore && sync.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.getRequestCount()).as("the sync process sent no request: %s", Files.readString(log))
          .isGreaterThan(requestsBefore);
      long wait = random.nextInt(5_000);
      killedAfter.add(wait);
      boolean finished = sync.waitFor(wait, TimeUnit.MILLISECONDS);
      sync.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the JVM
      assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertConsistent("after a kill at " + wait + " ms (finished before: " + finished + ")");
    }

    CliRunner.Result next = cli.runAt(Clock.systemUTC(), "sync");

    assertThat(next.exitCode()).as("kills at %s ms: %s", killedAfter, next.err()).isZero();
    assertConsistent("after the next sync");
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NULL")).isEqualTo(CLEAN_SYNC_VALUES);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(cli.count("SELECT count(*) FROM snapshot WHERE status = 'ok' AND run_id = (SELECT max(id) FROM run)")).isEqualTo(TestConfigs.SOURCES.size());
    // At least one kill landed mid-sync: a run without an end (else this test proves nothing).
    assertThat(cli.count("SELECT count(*) FROM run WHERE finished_at IS NULL")).as("kills at %s ms", killedAfter).isPositive();
  }

  private Process startSync(Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.llmcatalog.cli.Main", "--config", cli.config().toString(), "--db", db.toString(), "sync")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.equals("HF_TOKEN") || k.equals("HUGGING_FACE_HUB_TOKEN") || k.toUpperCase().endsWith("_PROXY"));
    env.putAll(cli.hub().env());
    return builder.start();
  }

  /**
   * SQLite's own check, and no half-written snapshot: each snapshot's counts match the values that point at
   * it, and no value points at a snapshot that does not exist.
   */
  private void assertConsistent(String when) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).as(when).isEqualTo("ok");
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT count(*) FROM snapshot s WHERE s.values_added <> (SELECT count(*) FROM observation o WHERE o.from_snapshot = s.id)
             OR s.values_closed <> (SELECT count(*) FROM observation o WHERE o.to_snapshot = s.id)""")) {
        rs.next();
        assertThat(rs.getLong(1)).as("snapshots whose counts do not match their values, " + when).isZero();
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT count(*) FROM observation o WHERE NOT EXISTS (SELECT 1 FROM snapshot s WHERE s.id = o.from_snapshot)""")) {
        rs.next();
        assertThat(rs.getLong(1)).as("values of no snapshot, " + when).isZero();
      }
    } catch (java.sql.SQLException e) {
      // A kill before the schema was created leaves no tables yet: consistent too.
      if (!String.valueOf(e.getMessage()).contains("no such table")) {
        throw e;
      }
    }
  }
}
