package dev.llmcatalog.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.app.World;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.store.DbLocation;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The daemon in-process against a local server for every upstream; jobs are fired by hand, never by waiting for a cron tick. */
class DaemonTest {
  private static final List<String> SOURCES = Sources.known().fetchable();
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  /** The day the expected catalog was fetched on ({@code fetched 2026-11-26}). */
  private static final Instant FIXTURE_DAY = Instant.parse("2026-11-26T10:00:00Z");

  /**
   * A clock that ticks like the system's (Quartz fires on real time) but starts on the fixture's day, so that what the
   * daemon writes never depends on the day the suite runs.
   */
  private static Clock ticking() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), FIXTURE_DAY));
  }

  @TempDir
  Path dir;
  private final MockWebServer server = LocalServers.mockWebServer();
  private FixtureHub hub;
  private Path db;
  private final List<Daemon> started = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server.start();
    hub = new FixtureHub(server);
    db = dir.resolve("catalog.db");
  }

  @AfterEach
  void stop() {
    started.forEach(Daemon::stop);
    server.close();
  }

  private CatalogConfig config(String schedules) {
    return TestConfigs.load(TestConfigs.shippedIn(dir, t -> TestConfigs.withSchedules(t, schedules)));
  }

  private Daemon daemon(CatalogConfig config, Clock clock) {
    return daemon(config, clock, hub.env());
  }

  private Daemon daemon(CatalogConfig config, Clock clock, java.util.Map<String, String> env) {
    Daemon daemon = Daemon.start(config, DbLocation.file(db), new World(new Environment(env), clock, new FakeTime()),
        HEARTBEAT, null);
    started.add(daemon);
    return daemon;
  }

  /** A daily schedule whose next fire is hours away, so that only catch-up runs happen during a test. */
  private static String farAway() {
    return "schedules:\n  default: \"0 0 " + (LocalTime.now().getHour() + 3) % 24 + " * * ?\"\n";
  }

  @Test
  void jobsFireNeverOverlapPerSourceRenderTheCatalogAndStopCleanly() throws Exception {
    Daemon daemon = daemon(config(farAway()), ticking());
    waitUntil("the catch-up of every source", () -> SOURCES.stream().allMatch(s -> synced(s) == 1));

    // Two fires of every source at once, as a cron tick during a long run gives: they run one after the other.
    for (String source : SOURCES) {
      daemon.fireNow(source);
      daemon.fireNow(source);
    }

    // Settled: every source synced three times, and its newest snapshot found nothing new.
    waitUntil("every source synced three times without changes", () -> SOURCES.stream().allMatch(s -> synced(s) == 3
        && count("SELECT values_added + values_closed FROM snapshot WHERE source = ? ORDER BY id DESC LIMIT 1", s) == 0));
    assertThat(count("SELECT count(*) FROM daemon_schedule WHERE next_fire_at IS NOT NULL")).isEqualTo(SOURCES.size());
    assertThat(count("SELECT count(*) FROM daemon WHERE stopped_at IS NULL")).isOne();

    daemon.stop();

    for (String source : SOURCES) {
      List<String[]> runs = rows("SELECT started_at, finished_at FROM snapshot WHERE source = ? ORDER BY id", source);
      for (int i = 1; i < runs.size(); i++) {
        assertThat(Instant.parse(runs.get(i)[0])).as("%s run %d starts after run %d ended", source, i, i - 1)
            .isAfterOrEqualTo(Instant.parse(runs.get(i - 1)[1]));
      }
    }
    assertThat(count("SELECT count(*) FROM snapshot WHERE status <> 'ok'")).isZero();
    for (String source : SOURCES) { // each job archives what it read, under its own run
      assertThat(count("SELECT count(*) FROM fetch_log l JOIN snapshot s ON s.run_id = l.run_id AND s.source = l.source"
          + " WHERE l.source = ?", source)).as("archived answers of %s's jobs", source).isPositive();
    }
    assertThat(Files.readString(dir.resolve("catalog.md"))).isEqualTo(Fixtures.text("expected/catalog.md"));
    assertThat(dir.resolve("catalog.diff")).exists(); // against the previous render: empty once settled
    assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("# llm-catalog review\n");
    assertThat(count("SELECT count(*) FROM run WHERE finished_at IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM daemon WHERE stopped_at IS NOT NULL")).isOne();
    assertThat(count("SELECT count(*) FROM daemon_schedule WHERE next_fire_at IS NOT NULL")).isZero();
  }

  /** Issue 16: a daemon job that changed data sends the review summary, as a one-shot sync does. */
  @Test
  void aJobThatChangedDataSendsTheSummaryToTheConfiguredTargets() throws Exception {
    MockWebServer receiver = LocalServers.mockWebServer();
    receiver.start();
    receiver.enqueue(new MockResponse.Builder().body("ok").build());
    try {
      CatalogConfig config = TestConfigs.load(TestConfigs.shippedIn(dir, t -> TestConfigs.withSchedules(t, farAway())
          + "\nnotifications:\n  - {name: team, kind: slack, url: env:SLACK_URL}\n"));
      java.util.Map<String, String> env = new java.util.HashMap<>(hub.env());
      env.put("SLACK_URL", receiver.url("/services/T0/B0/daemon-token").toString());
      Daemon daemon = daemon(config, ticking(), env);
      waitUntil("the catch-up of every source", () -> SOURCES.stream().allMatch(s -> synced(s) == 1));

      hub.overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
          .replace("\"license\":\"mit\"", "\"license\":\"apache-2.0\""));
      daemon.fireNow("hub");
      waitUntil("the hub job's notification", () -> count("SELECT count(*) FROM notification WHERE sent_at IS NOT NULL") == 1);
      daemon.stop();

      assertThat(receiver.getRequestCount()).isOne(); // first snapshots have nothing to compare with: no change to tell
      assertThat(receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).startsWith("{\"text\":\"llm-catalog run ")
          .contains(": 1 change\\n\\n# llm-catalog review\\n", "apache-2.0");
    } finally {
      receiver.close();
    }
  }

  @Test
  void atStartASourceWhoseLastSuccessIsOlderThanItsPeriodRunsAtOnceARecentOneWaits() throws Exception {
    Clock clock = ticking();
    Instant now = clock.instant();
    seed("hub", now.minus(Duration.ofHours(25)));
    for (String source : SOURCES.subList(1, SOURCES.size())) {
      seed(source, now.minus(Duration.ofHours(1)));
    }

    Daemon daemon = daemon(config(farAway()), clock);

    assertThat(daemon.caughtUp()).containsExactly("hub");
    // successful ones: the Hub's snapshot row exists from its first staged values on (issue 17)
    waitUntil("the hub caught up", () -> count("SELECT count(*) FROM snapshot WHERE source = 'hub' AND status = 'ok'") == 2);
    daemon.stop();
    assertThat(count("SELECT count(*) FROM snapshot WHERE source = 'hub' AND status = 'ok'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM snapshot WHERE source <> 'hub'")).isEqualTo(SOURCES.size() - 1);
  }

  /**
   * Issue 18: the start log says when each source first runs, and a catch-up runs at once although the config has a
   * jitter of 300 s (with it, these catch-ups would outlast {@link #waitUntil}'s 90 s almost surely).
   */
  @Test
  void theStartLogSaysWhenEachSourceFirstRunsAndCatchUpsAreNotJittered() throws Exception {
    Clock clock = ticking();
    Instant now = clock.instant();
    Instant longAgo = now.minus(Duration.ofDays(800));
    seed("hub", longAgo);
    List<String> recent = SOURCES.subList(1, SOURCES.size() - 1);
    for (String source : recent) {
      seed(source, now.minus(Duration.ofHours(1)));
    }
    String last = SOURCES.get(SOURCES.size() - 1); // never synced
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(Daemon.class);
    logged.start();
    logger.addAppender(logged);
    try {
      // Yearly fires far from any test run: the first one, in the machine's time zone as Quartz reads cron, is fixed.
      daemon(config("schedules:\n  default: \"0 0 12 1 1 ? 2099-2100\"\n  jitter: 300\n"), clock);

      List<String> expected = new ArrayList<>();
      expected.add("hub: first run now, to catch up (last success " + longAgo + " is older than its period of 365 days)");
      Instant first = LocalDateTime.of(2099, 1, 1, 12, 0).atZone(ZoneId.systemDefault()).toInstant();
      recent.forEach(s -> expected.add(s + ": first run at " + first + ", plus a random delay of up to 300 s (jitter)"));
      expected.add(last + ": first run now, to catch up (never synced)");
      assertThat(logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(": first run ")))
          .containsExactlyElementsOf(expected);
    } finally {
      logger.detachAppender(logged);
    }
    waitUntil("hub and " + last + " to catch up at once",
        () -> count("SELECT count(*) FROM snapshot WHERE source = 'hub' AND status = 'ok'") == 2
            && count("SELECT count(*) FROM snapshot WHERE source = ? AND status = 'ok'", last) == 1);
    assertThat(count("SELECT count(*) FROM snapshot WHERE status = 'ok'")).isEqualTo(SOURCES.size() + 1);
  }

  @Test
  void humanDurations() {
    assertThat(Daemon.human(Duration.ofHours(6))).isEqualTo("6 h");
    assertThat(Daemon.human(Duration.ofDays(1))).isEqualTo("24 h");
    assertThat(Daemon.human(Duration.ofDays(365))).isEqualTo("365 days");
    assertThat(Daemon.human(Duration.ofMinutes(15))).isEqualTo("15 min");
    assertThat(Daemon.human(Duration.ofSeconds(90))).isEqualTo("90 s");
  }

  @Test
  void aSecondDaemonOnTheSameDatabaseRefusesNamingTheFirst() {
    CatalogConfig config = config(farAway());
    Daemon first = daemon(config, Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    Identity me = Identity.current();

    assertThatThrownBy(() -> daemon(config, ticking()))
        .isInstanceOf(DaemonException.class)
        .hasMessage("another daemon already runs on " + db + ": pid " + me.pid() + " on host " + me.host()
            + ", started 2026-11-26T10:00:00Z (lock " + db.toAbsolutePath() + ".daemon.lock)");

    first.stop();
    daemon(config, ticking()).stop(); // the lock is free again
  }

  @Test
  void aStopInterruptsAJobStillRunningAfterTheTimeoutAndKeepsTheDatabaseConsistent() throws Exception {
    hub.override("/api/models/microsoft/phi-2", new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).body("{}").build());
    Daemon daemon = daemon(config(farAway().replace("schedules:\n", "schedules:\n  stop_timeout: 1\n")), ticking());
    // Every job past its start (a run row each), so the hub job is waiting for the delayed answer.
    waitUntil("every job to start its run", () -> count("SELECT count(*) FROM run") == SOURCES.size());
    assertThat(daemon.running.names()).contains("hub");

    daemon.stop();

    assertThat(daemon.running.names()).isEmpty();
    assertThat(rows("SELECT status FROM snapshot WHERE source = 'hub'")).extracting(r -> r[0]).containsExactly("failed");
    assertThat(count("SELECT count(*) FROM run WHERE finished_at IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM daemon WHERE stopped_at IS NOT NULL")).isOne();
  }

  private long synced(String source) {
    return count("SELECT count(*) FROM snapshot WHERE status = 'ok' AND source = ?", source);
  }

  private void seed(String source, Instant finished) throws SQLException {
    SnapshotStore.open(db, ticking()).close(); // creates the schema
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (PreparedStatement run = c.prepareStatement("INSERT INTO run(started_at, finished_at, version) VALUES (?, ?, 'seed')");
          PreparedStatement snapshot = c.prepareStatement("INSERT INTO snapshot(run_id, source, started_at, finished_at, status)"
              + " VALUES ((SELECT max(id) FROM run), ?, ?, ?, 'ok')")) {
        run.setString(1, finished.toString());
        run.setString(2, finished.toString());
        run.executeUpdate();
        snapshot.setString(1, source);
        snapshot.setString(2, finished.toString());
        snapshot.setString(3, finished.toString());
        snapshot.executeUpdate();
      }
    }
  }

  private long count(String sql, String... params) {
    return Long.parseLong(rows(sql, params).get(0)[0]);
  }

  private List<String[]> rows(String sql, String... params) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      List<String[]> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bounded wait for something the daemon does on its own schedule; never an assertion about time. */
  static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
