package dev.llmcatalog.daemon;

import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.app.World;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.DbLocation;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code llm-catalog daemon}: a Quartz scheduler with one {@link SyncJob} per source on its cron schedule, a heartbeat
 * in the database, and a catch-up at start decided from the database. On SQLite the scheduler is in memory and a lock
 * file keeps a second daemon away; on PostgreSQL each daemon is a node of a cluster that shares the schedules through
 * Quartz's tables in the same database (see {@link SchedulerSetup}). Start it with {@link #start}; {@link #stop} (also
 * what SIGTERM does) stops new fires on this node, waits for its running jobs up to the config's
 * {@code stop_timeout}, then interrupts them.
 */
public final class Daemon {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
  /** How long interrupted jobs get to record their failure before the stop goes on without them. */
  private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);
  private static final String SYNC_GROUP = "sync";
  private static final String CRON_GROUP = "cron";
  /** The trigger group of the runs at start; {@link SyncJob} does not jitter them. */
  static final String CATCH_UP_GROUP = "catch-up";
  /** The nodes running in this JVM: a test runs several, and each needs a name of its own. */
  private static final Set<String> NODES_HERE = new LinkedHashSet<>();

  final CatalogConfig config;
  final Stores stores;
  /** How runs and {@code status} name this daemon: {@code host:pid}. */
  final String node;
  final Clock clock;
  /** One HTTP client for the daemon's life, shared by its jobs. */
  final SyncService service;
  final RunningJobs running = new RunningJobs();
  /** Serializes rendering: two jobs that changed data never write the catalog at the same time. */
  final Object renderLock = new Object();
  /** The SQLite file's lock; null in a cluster. */
  private final DaemonLock lock;
  private final Duration heartbeat;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Set<String> caughtUp = new LinkedHashSet<>();
  private DaemonStore daemonStore;
  private Heartbeat beating;
  private Scheduler scheduler;
  private boolean stopStarted;

  private Daemon(CatalogConfig config, Stores stores, String node, World world, DaemonLock lock, Duration heartbeat) {
    this.config = config;
    this.stores = stores;
    this.node = node;
    this.clock = world.clock();
    this.lock = lock;
    this.heartbeat = heartbeat;
    this.service = SyncService.online(config, world);
  }

  /** How a daemon joins others: the options of {@code llm-catalog daemon}. */
  public record Cluster(boolean requested, Duration checkin) {
    /** The default: a node of a cluster on PostgreSQL, checking in every 5 s; a single daemon on SQLite. */
    public static Cluster defaults() {
      return new Cluster(false, SchedulerSetup.DEFAULT_CHECKIN);
    }
  }

  /**
   * Locks the SQLite database {@code db} for this daemon, records it there, schedules every configured source and
   * starts firing.
   *
   * @throws DaemonException when another daemon holds {@code db}, naming it
   */
  public static Daemon start(CatalogConfig config, Path db, World world) {
    return start(config, DbLocation.file(db), world, Cluster.defaults());
  }

  /**
   * Starts a daemon on {@code db}: on SQLite the only one (it locks the file), on PostgreSQL one node of the cluster
   * of every daemon on that database, which checks in every {@code cluster.checkin()}.
   *
   * @throws ConfigException when clustering is asked for on SQLite, which cannot cluster
   * @throws DaemonException when another daemon holds the SQLite file, naming it
   */
  public static Daemon start(CatalogConfig config, DbLocation db, World world, Cluster cluster) {
    if (db.isPostgresql()) {
      return start(config, db, world, cluster.checkin(), cluster.checkin());
    }
    if (cluster.requested()) {
      throw new ConfigException("a clustered daemon (--cluster, --checkin-interval) needs PostgreSQL (--db"
          + " jdbc:postgresql://HOST:PORT/DATABASE): on SQLite (" + db + ") one daemon runs per database file");
    }
    return start(config, db, world, DEFAULT_HEARTBEAT, null);
  }

  /** {@code checkin} null: a single daemon on SQLite. */
  static Daemon start(CatalogConfig config, DbLocation db, World world, Duration heartbeat,
      Duration checkin) {
    Clock clock = world.clock();
    Identity me = Identity.current();
    Instant started = clock.instant();
    DaemonLock lock = db.file().map(f -> DaemonLock.acquire(f, me.describe(started))).orElse(null);
    Stores stores;
    try {
      // Each job's session and the two cursors of its review diff, Quartz's own few, the heartbeat.
      stores = Stores.open(db, clock, 3 * config.sources().size() + 6);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      throw e;
    }
    Daemon daemon = new Daemon(config, stores, nodeName(me), world, lock, heartbeat);
    try {
      daemon.schedule(me, started, checkin);
      return daemon;
    } catch (RuntimeException e) {
      daemon.release();
      throw e;
    } catch (SchedulerException e) {
      daemon.release();
      throw new DaemonException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  /** {@code host:pid}, or with a suffix for the second node of this JVM and so on. */
  private static String nodeName(Identity me) {
    synchronized (NODES_HERE) {
      String node = me.node();
      for (int n = 2; NODES_HERE.contains(node); n++) {
        node = me.node() + "-" + n;
      }
      NODES_HERE.add(node);
      return node;
    }
  }

  private void schedule(Identity me, Instant started, Duration checkin) throws SchedulerException {
    Map<String, String> crons = new LinkedHashMap<>();
    config.sources().forEach(s -> crons.put(s, config.schedules().cronFor(s)));
    daemonStore = stores.daemon();
    daemonStore.register(node, me.pid(), me.host(), started, heartbeat, crons);
    scheduler = checkin == null ? SchedulerSetup.inMemory(config.sources().size())
        : SchedulerSetup.clustered(stores.dataSource().orElseThrow(), node, config.sources().size(), checkin);
    scheduler.setJobFactory((bundle, s) -> new SyncJob(this, bundle.getJobDetail().getKey().getName()));
    List<String> firstRuns = new ArrayList<>();
    // One node at a time decides and schedules: two nodes starting together catch a source up once.
    try (Stores.Lock starting = stores.lockDaemonStarts()) {
      Map<String, Optional<Instant>> lastSuccess = new LinkedHashMap<>();
      try (SnapshotStore store = stores.snapshots()) {
        config.sources().forEach(s -> lastSuccess.put(s, store.findLatest(s).map(i -> Instant.parse(i.finishedAt()))));
      }
      dropUnconfigured(crons.keySet());
      Instant now = clock.instant();
      // A node that joins a running cluster catches nothing up that the cluster already syncs: its crons fire there.
      boolean joining = checkin != null && daemonStore.listNodes().stream()
          .anyMatch(n -> !n.node().equals(node) && n.aliveAt(now));
      for (Map.Entry<String, String> e : crons.entrySet()) {
        String source = e.getKey();
        JobDetail job = JobBuilder.newJob(SyncJob.class).withIdentity(source, SYNC_GROUP).storeDurably()
            .requestRecovery().build();
        // DoNothing: a fire missed while the source's previous run was still going (or the machine slept) is
        // skipped, not run late; the next regular fire runs. Restarts are covered by the catch-up below.
        Trigger cron = TriggerBuilder.newTrigger().withIdentity(source, CRON_GROUP).forJob(job)
            .withSchedule(CronScheduleBuilder.cronSchedule(e.getValue()).withMisfireHandlingInstructionDoNothing())
            .build();
        if (!(scheduler.getTrigger(cron.getKey()) instanceof CronTrigger known
            && known.getCronExpression().equals(e.getValue()) && known.getTimeZone().equals(((CronTrigger) cron).getTimeZone()))) {
          scheduler.scheduleJob(job, Set.of(cron), true); // new, or its schedule changed
        }
        Optional<Instant> last = lastSuccess.get(source);
        if (!CatchUp.isDue(e.getValue(), last, now)) {
          firstRuns.add(source + ": first run " + nextFire(source).map(t -> "at " + t + jitterNote()).orElse("never (its"
              + " schedule has no future fire)"));
        } else if (joining && last.isPresent()) {
          firstRuns.add(source + ": kept on schedule by the running cluster (last success " + last.get() + "); next fire at "
              + nextFire(source).map(Instant::toString).orElse("none"));
        } else if (runningElsewhere(source)) {
          firstRuns.add(source + ": another node runs it now (last success " + last.map(Instant::toString).orElse("never")
              + "); then at " + nextFire(source).map(Instant::toString).orElse("no future fire"));
        } else {
          caughtUp.add(source);
          scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(source, CATCH_UP_GROUP).forJob(job.getKey())
              .startNow().build());
          firstRuns.add(source + ": first run now, to catch up (" + last.map(l -> "last success " + l
              + " is older than its period of " + human(CatchUp.period(e.getValue(), now).orElseThrow())).orElse("never synced")
              + ")");
        }
        daemonStore.recordNextFire(source, nextFire(source));
      }
    }
    beating = Heartbeat.start(this::beat, heartbeat);
    scheduler.start();
    log.info("daemon started: {}, {} sources, running now to catch up: {}", describe(me, started, checkin), crons.size(),
        caughtUp.isEmpty() ? "none" : String.join(", ", caughtUp));
    firstRuns.forEach(log::info);
  }

  private String describe(Identity me, Instant started, Duration checkin) {
    return me.describe(started) + (checkin == null ? "" : ", node " + node + " of the cluster on " + stores.location()
        + " (check-in every " + human(checkin) + ")");
  }

  /** Jobs of sources the config no longer lists (another node's older config) are removed with their triggers. */
  private void dropUnconfigured(Set<String> sources) throws SchedulerException {
    for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(SYNC_GROUP))) {
      if (!sources.contains(job.getName())) {
        scheduler.deleteJob(job);
      }
    }
  }

  /**
   * Whether {@code source} runs now on another node or is about to catch up there: then it needs no catch-up here. A
   * job that disallows concurrent runs has all its triggers BLOCKED while it runs anywhere in the cluster.
   */
  private boolean runningElsewhere(String source) throws SchedulerException {
    if (scheduler.getTrigger(TriggerKey.triggerKey(source, CATCH_UP_GROUP)) != null) {
      return true;
    }
    return scheduler.getTriggerState(TriggerKey.triggerKey(source, CRON_GROUP)) == Trigger.TriggerState.BLOCKED;
  }

  /**
   * Fires of a cron are jittered: many installations share a schedule. A catch-up is not: it runs when this daemon
   * starts, which no other installation shares, and a first sync should not wait unannounced.
   */
  private String jitterNote() {
    long jitter = config.schedules().jitter().toSeconds();
    return jitter == 0 ? "" : ", plus a random delay of up to " + jitter + " s (jitter)";
  }

  /** {@code 6 h}, {@code 365 days}, {@code 15 min}, {@code 30 s}. */
  static String human(Duration d) {
    if (d.toDays() >= 2 && d.toHoursPart() == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  /**
   * Fires {@code source}'s job now, as its cron would (jitter included; a fire while it runs waits for the run), so a
   * test need not wait for a cron tick.
   */
  void fireNow(String source) throws SchedulerException {
    scheduler.triggerJob(JobKey.jobKey(source, SYNC_GROUP));
  }

  /** The sources that ran at once at start because their last success was older than their period. */
  Set<String> caughtUp() {
    return Set.copyOf(caughtUp);
  }

  /** The next cron fire of {@code source}; empty when it never fires again or the daemon stopped. */
  Optional<Instant> nextFire(String source) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(source, CRON_GROUP));
      return trigger == null || trigger.getNextFireTime() == null ? Optional.empty()
          : Optional.of(trigger.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  void recordNextFire(String source) {
    daemonStore.recordNextFire(source, nextFire(source));
  }

  void beat() {
    if (running.enter(HEARTBEAT)) {
      try {
        daemonStore.heartbeat();
      } finally {
        running.exit(HEARTBEAT);
      }
    }
  }

  /** The heartbeat's name among the running jobs: a stop waits for a beat in progress too. */
  private static final String HEARTBEAT = "(heartbeat)";

  /**
   * Waits a random part of the config's jitter so that many daemons do not hit upstream in the same second.
   * False when a stop began meanwhile: the job must not run.
   */
  boolean awaitJitter() {
    long max = config.schedules().jitter().toMillis();
    long wait = max == 0 ? 0 : ThreadLocalRandom.current().nextLong(max + 1);
    try {
      return !stopping.await(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops new fires, lets running jobs finish for up to the config's {@code stop_timeout}, then cancels their
   * requests and interrupts them (their source is recorded as failed, its data kept), records the stop and
   * releases the database. Safe to call more than once and from several threads.
   */
  public void stop() {
    synchronized (this) {
      if (stopStarted) {
        awaitStoppedUninterruptibly();
        return;
      }
      stopStarted = true;
    }
    Duration timeout = config.schedules().stopTimeout();
    running.close();
    stopping.countDown();
    try {
      scheduler.standby();
    } catch (SchedulerException e) {
      log.warn("cannot pause the scheduler: {}", e.getMessage());
    }
    if (stores.clusterable()) {
      // The fires this node took on for the next half minute go back to the other nodes.
      ClusterJobStore.releaseAcquired(node);
    }
    List<String> busy = running.names();
    if (!busy.isEmpty()) {
      log.info("daemon stopping: waiting up to {} s for {}", timeout.toSeconds(), String.join(", ", busy));
    }
    if (!running.awaitIdle(timeout)) {
      log.warn("daemon stopping: interrupting {} after {} s", String.join(", ", running.names()), timeout.toSeconds());
      service.cancelAll();
      running.interruptAll();
      if (!running.awaitIdle(INTERRUPT_GRACE)) {
        log.error("daemon stopping: {} did not end; stopping without them", String.join(", ", running.names()));
      }
    }
    try {
      daemonStore.markStopped();
    } catch (RuntimeException e) {
      log.warn("cannot record the daemon stop: {}", e.getMessage());
    }
    release();
    log.info("daemon stopped");
    stopped.countDown();
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void awaitStoppedUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void release() {
    if (beating != null) {
      beating.close();
    }
    if (scheduler != null) {
      try {
        scheduler.shutdown(false);
      } catch (SchedulerException e) {
        log.warn("cannot shut the scheduler down: {}", e.getMessage());
      }
    }
    if (daemonStore != null) {
      daemonStore.close();
    }
    service.close();
    stores.close();
    if (lock != null) {
      lock.release();
    }
    synchronized (NODES_HERE) {
      NODES_HERE.remove(node);
    }
  }

  /**
   * Ends this node as {@code kill -9} would, for tests of a cluster's failover: its connections are cut first, so it
   * writes nothing more (no snapshot, no check-in, no stop record), then its threads are stopped without waiting.
   */
  void crash() {
    synchronized (this) {
      stopStarted = true;
    }
    running.close();
    stopping.countDown();
    stores.close();
    service.cancelAll();
    running.interruptAll();
    if (beating != null) {
      beating.close();
    }
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      log.debug("crash: {}", e.getMessage());
    }
    service.close();
    // Its name stays taken in this JVM, as a dead process's would stay in the cluster's tables.
    stopped.countDown();
  }
}
