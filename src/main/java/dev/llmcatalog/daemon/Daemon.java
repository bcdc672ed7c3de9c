package dev.llmcatalog.daemon;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.FetchSettingsFromConfig;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.DaemonStore;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code llm-catalog daemon}: a Quartz scheduler (in-memory store) with one {@link SyncJob} per source on its
 * cron schedule, a heartbeat in the database, and a catch-up at start decided from the database. Start it with
 * {@link #start}; {@link #stop} (also what SIGTERM does) stops new fires, waits for running jobs up to the
 * config's {@code stop_timeout}, then interrupts them.
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
  private static final JobKey HEARTBEAT = JobKey.jobKey("heartbeat", "daemon");
  /** Quartz keeps schedulers in a JVM-wide registry by name: each daemon of a JVM (tests) needs its own. */
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  final CatalogConfig config;
  final Path db;
  final Environment env;
  final Clock clock;
  final Fetcher fetcher;
  final RunningJobs running = new RunningJobs();
  /** Serializes rendering: two jobs that changed data never write the catalog at the same time. */
  final Object renderLock = new Object();
  private final OkHttpClient http;
  private final DaemonLock lock;
  private final Duration heartbeat;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Set<String> caughtUp = new LinkedHashSet<>();
  private DaemonStore daemonStore;
  private Scheduler scheduler;
  private boolean stopStarted;

  private Daemon(CatalogConfig config, Path db, Environment env, Clock clock, DaemonLock lock, Duration heartbeat) {
    this.config = config;
    this.db = db;
    this.env = env;
    this.clock = clock;
    this.lock = lock;
    this.heartbeat = heartbeat;
    FetchSettings settings = FetchSettingsFromConfig.apply(config.fetch());
    this.http = HttpClients.create(settings, env.hubToken(), Sources.tokenOrigins(config, env), env.httpsProxy());
    this.fetcher = new Fetcher(http, settings);
  }

  /**
   * Locks the database for this daemon, records it there, schedules every configured source and starts firing.
   *
   * @throws DaemonException when another daemon holds {@code db}, naming it
   */
  public static Daemon start(CatalogConfig config, Path db, Environment env, Clock clock) {
    return start(config, db, env, clock, DEFAULT_HEARTBEAT);
  }

  static Daemon start(CatalogConfig config, Path db, Environment env, Clock clock, Duration heartbeat) {
    Identity me = Identity.current();
    Instant started = clock.instant();
    DaemonLock lock = DaemonLock.acquire(db, me.describe(started));
    Daemon daemon = new Daemon(config, db, env, clock, lock, heartbeat);
    try {
      daemon.schedule(me, started);
      return daemon;
    } catch (RuntimeException e) {
      daemon.release();
      throw e;
    } catch (SchedulerException e) {
      daemon.release();
      throw new DaemonException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  private void schedule(Identity me, Instant started) throws SchedulerException {
    Map<String, String> crons = new LinkedHashMap<>();
    config.sources().forEach(s -> crons.put(s, config.schedules().cronFor(s)));
    daemonStore = DaemonStore.open(db, clock);
    daemonStore.register(me.node(), me.pid(), me.host(), started, heartbeat, crons);
    Map<String, Optional<Instant>> lastSuccess = new LinkedHashMap<>();
    try (SnapshotStore store = SnapshotStore.open(db, clock)) {
      config.sources().forEach(s -> lastSuccess.put(s, store.findLatest(s).map(i -> Instant.parse(i.finishedAt()))));
    }
    scheduler = new StdSchedulerFactory(quartzProperties(config.sources().size() + 1)).getScheduler();
    scheduler.setJobFactory((bundle, s) -> HEARTBEAT.equals(bundle.getJobDetail().getKey())
        ? new HeartbeatJob(this) : new SyncJob(this, bundle.getJobDetail().getKey().getName()));
    Instant now = clock.instant();
    List<String> firstRuns = new ArrayList<>();
    for (Map.Entry<String, String> e : crons.entrySet()) {
      String source = e.getKey();
      JobDetail job = JobBuilder.newJob(SyncJob.class).withIdentity(source, SYNC_GROUP).build();
      // DoNothing: a fire missed while the source's previous run was still going (or the machine slept) is
      // skipped, not run late; the next regular fire runs. Restarts are covered by the catch-up below.
      Trigger cron = TriggerBuilder.newTrigger().withIdentity(source, CRON_GROUP).forJob(job)
          .withSchedule(CronScheduleBuilder.cronSchedule(e.getValue()).withMisfireHandlingInstructionDoNothing())
          .build();
      scheduler.scheduleJob(job, cron);
      Optional<Instant> last = lastSuccess.get(source);
      if (CatchUp.isDue(e.getValue(), last, now)) {
        caughtUp.add(source);
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(source, CATCH_UP_GROUP).forJob(job).startNow().build());
        firstRuns.add(source + ": first run now, to catch up (" + last.map(l -> "last success " + l
            + " is older than its period of " + human(CatchUp.period(e.getValue(), now).orElseThrow())).orElse("never synced")
            + ")");
      } else {
        firstRuns.add(source + ": first run " + nextFire(source).map(t -> "at " + t + jitterNote()).orElse("never (its schedule"
            + " has no future fire)"));
      }
      daemonStore.recordNextFire(source, nextFire(source));
    }
    scheduler.scheduleJob(JobBuilder.newJob(HeartbeatJob.class).withIdentity(HEARTBEAT).build(),
        TriggerBuilder.newTrigger().withIdentity("heartbeat", "daemon").startAt(Date.from(Instant.now().plus(heartbeat)))
            .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(heartbeat.toMillis())
                .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
            .build());
    scheduler.start();
    log.info("daemon started: {}, {} sources, running now to catch up: {}", me.describe(started), crons.size(),
        caughtUp.isEmpty() ? "none" : String.join(", ", caughtUp));
    firstRuns.forEach(log::info);
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

  private static Properties quartzProperties(int threads) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "llm-catalog-daemon-" + INSTANCES.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    // Daemon threads: a job that ignores its interrupt must not keep the JVM alive after stop().
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    return p;
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
    daemonStore.heartbeat();
  }

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
    List<String> busy = running.names();
    if (!busy.isEmpty()) {
      log.info("daemon stopping: waiting up to {} s for {}", timeout.toSeconds(), String.join(", ", busy));
    }
    if (!running.awaitIdle(timeout)) {
      log.warn("daemon stopping: interrupting {} after {} s", String.join(", ", running.names()), timeout.toSeconds());
      http.dispatcher().cancelAll();
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
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    lock.release();
  }
}
