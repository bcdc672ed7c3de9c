package dev.llmcatalog.daemon;

import static dev.llmcatalog.daemon.DaemonTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.app.World;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.DbLocation;
import dev.llmcatalog.store.Stores;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemons on one PostgreSQL database are nodes of one cluster (issue 15): against a mock upstream, with a check-in
 * interval of 1 s, a node dies as with {@code kill -9} in the middle of a job, and the other one takes its jobs over
 * (recovering the interrupted run) and keeps every schedule; a third node joins and stops cleanly without stopping the
 * others. Throughout, no source ever runs on two nodes at once (snapshot start and end times), and catch-up at start
 * happens once.
 */
class ClusterTest {
  /** The sources that fire every second; the others synced recently and wait for a yearly fire. */
  private static final List<String> SOURCES = List.of("openllm-v1", "tabby", "mteb");
  private static final List<String> QUIET = TestConfigs.SOURCES.stream().filter(s -> !SOURCES.contains(s)).toList();
  private static final Duration CHECKIN = Duration.ofSeconds(1);
  private static final Instant FIXTURE_DAY = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir
  Path dir;
  private final MockWebServer server = LocalServers.mockWebServer();
  private FixtureHub hub;
  private TestDatabase db;
  private DbLocation location;
  private final List<Daemon> started = new ArrayList<>();

  /** Ticks with the system (Quartz fires on real time) from the fixture's day. */
  private static Clock ticking() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), FIXTURE_DAY));
  }

  @BeforeEach
  void start() throws Exception {
    server.start();
    hub = new FixtureHub(server);
    hub.slowDown(Duration.ofMillis(30)); // a job takes a while: the kill comes in the middle of one
    db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir, "unused");
    location = DbLocation.parse(db.location(), new Environment(Map.of()));
    Instant recently = ticking().instant().minusSeconds(60);
    db.execute("INSERT INTO run(id, started_at, finished_at, version) VALUES (1, '" + recently + "', '" + recently
        + "', 'seed')");
    for (String source : QUIET) {
      db.execute("INSERT INTO snapshot(run_id, source, started_at, finished_at, status) VALUES (1, '" + source + "', '"
          + recently + "', '" + recently + "', 'ok')");
    }
    db.execute("SELECT setval(pg_get_serial_sequence('run', 'id'), 1)",
        "SELECT setval(pg_get_serial_sequence('snapshot', 'id'), " + QUIET.size() + ")");
  }

  @AfterEach
  void stop() {
    started.forEach(Daemon::stop);
    server.close();
  }

  private Daemon node(Clock clock) {
    StringBuilder schedules = new StringBuilder("schedules:\n  default: \"0 0 12 1 1 ? 2099-2100\"\n");
    SOURCES.forEach(s -> schedules.append("  ").append(s).append(": \"* * * * * ?\"\n"));
    CatalogConfig config = TestConfigs.load(TestConfigs.shippedIn(dir, t -> TestConfigs.withSchedules(t,
        schedules.toString())));
    Daemon daemon = Daemon.start(config, location, new World(new Environment(hub.env()), clock, new FakeTime()), CHECKIN,
        CHECKIN);
    started.add(daemon);
    return daemon;
  }

  @Test
  void aKilledNodesJobsGoToTheOtherWhichKeepsEverySchedulesNoSourceEverRunsTwiceAtOnce() throws Exception {
    Clock clock = ticking();
    Daemon a = node(clock);
    Daemon b = node(clock);
    assertThat(a.caughtUp()).as("the first node catches every source due up").containsExactlyInAnyOrderElementsOf(SOURCES);
    assertThat(b.caughtUp()).as("the second one finds it done or under way").isEmpty();

    // Kill a node in the middle of one of its jobs: a run of its own has begun and not ended.
    // The node is read in the same query that finds the job under way: a moment later the job may have ended.
    AtomicReference<String> busy = new AtomicReference<>();
    waitUntil("a node in the middle of a job, after every source ran", () -> SOURCES.stream()
        .allMatch(s -> count("SELECT count(*) FROM snapshot WHERE status = 'ok' AND source = '" + s + "'") >= 1)
        && nodeInTheMiddleOfAJob(busy));
    String victimName = busy.get();
    Daemon victim = victimName.equals(a.node) ? a : b;
    Daemon survivor = victim == a ? b : a;
    victim.crash();
    started.remove(victim);
    Instant killed = clock.instant();

    // Taken over: Quartz on the survivor finds the victim silent and recovers its fired triggers.
    waitUntil("the victim's triggers recovered", () -> count("SELECT count(*) FROM qrtz_scheduler_state"
        + " WHERE instance_name = '" + victim.node + "'") == 0
        && count("SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = '" + victim.node + "'") == 0);
    Duration takeover = Duration.between(killed, clock.instant());
    assertThat(takeover).as("takeover after the kill").isLessThan(CHECKIN.multipliedBy(6));
    // Every schedule goes on, on the survivor: each source ran twice there since the kill.
    waitUntil("every source to run twice on the survivor", () -> SOURCES.stream().allMatch(s -> count(
        "SELECT count(*) FROM snapshot s JOIN run r ON r.id = s.run_id WHERE s.status = 'ok' AND s.source = '" + s
            + "' AND r.node = '" + survivor.node + "' AND s.started_at::timestamptz > '" + killed + "'") >= 2));
    try (Stores stores = Stores.open(location, clock, 2); DaemonStore daemons = stores.daemon()) {
      waitUntil("the victim to show as stale", () -> daemons.listNodes().stream()
          .anyMatch(n -> n.node().equals(victim.node) && n.stoppedAt() == null && !n.aliveAt(clock.instant())));
      assertThat(daemons.listNodes()).filteredOn(n -> n.node().equals(survivor.node)).singleElement()
          .matches(n -> n.aliveAt(clock.instant()));

      // A third node joins, then stops cleanly: the survivor goes on alone.
      Daemon c = node(clock);
      assertThat(c.caughtUp()).isEmpty();
      c.stop();
      started.remove(c);
      Instant cStopped = clock.instant();
      assertThat(daemons.listNodes()).filteredOn(n -> n.node().equals(c.node)).singleElement()
          .matches(n -> n.stoppedAt() != null);
      assertThat(daemons.loadNextFires()).as("the schedule of the running cluster").hasSize(TestConfigs.SOURCES.size()).containsKeys(
          SOURCES.toArray(String[]::new));
      waitUntil("every source to run on the survivor after the third node stopped", () -> SOURCES.stream()
          .allMatch(s -> count("SELECT count(*) FROM snapshot s JOIN run r ON r.id = s.run_id WHERE s.source = '" + s
              + "' AND r.node = '" + survivor.node + "' AND s.started_at::timestamptz > '" + cStopped + "'") >= 1));
    }
    survivor.stop();
    started.remove(survivor);

    for (String source : SOURCES) {
      // in time order: stored times are ISO-8601 text, and a time on the whole second has no ".000" to sort by
      List<List<Object>> runs = rows("SELECT s.started_at, s.finished_at, r.node, s.id FROM snapshot s JOIN run r"
          + " ON r.id = s.run_id WHERE s.source = '" + source + "' ORDER BY s.started_at::timestamptz, s.id");
      assertThat(runs).as("runs of %s", source).hasSizeGreaterThanOrEqualTo(4);
      for (int i = 1; i < runs.size(); i++) {
        assertThat(Instant.parse(runs.get(i).get(0).toString())).as("%s run %d starts after run %d ended: %s", source, i, i - 1, runs)
            .isAfterOrEqualTo(Instant.parse(runs.get(i - 1).get(1).toString()));
      }
    }
    assertThat(count("SELECT count(*) FROM snapshot WHERE status <> 'ok'")).isZero();
    assertThat(count("SELECT count(*) FROM run WHERE finished_at IS NULL AND node <> '" + victim.node + "'"))
        .as("only the killed node left a run unfinished").isZero();
  }

  /** Whether a node has a run under way; if so, {@code node} names it. */
  private boolean nodeInTheMiddleOfAJob(AtomicReference<String> node) {
    List<List<Object>> unfinished = rows("SELECT node FROM run WHERE finished_at IS NULL AND node IS NOT NULL"
        + " ORDER BY id DESC LIMIT 1");
    unfinished.stream().findFirst().ifPresent(r -> node.set(r.get(0).toString()));
    return !unfinished.isEmpty();
  }

  private long count(String sql) {
    try {
      return db.count(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<List<Object>> rows(String sql) {
    try {
      return db.rows(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
