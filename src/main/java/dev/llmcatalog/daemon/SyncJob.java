package dev.llmcatalog.daemon;

import dev.llmcatalog.app.ReviewArtifacts;
import dev.llmcatalog.app.SyncReport;
import dev.llmcatalog.progress.SyncProgress;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fire of one source: the same pipeline as {@code sync} for that source alone, then, when its snapshot
 * changed data, the review artifacts (catalog, diff, summary), rendered by one job at a time.
 * {@code @DisallowConcurrentExecution}: a source never runs twice at once, also not on two nodes of a cluster (the
 * job store keeps its triggers blocked while it runs anywhere); a fire during a run waits for it.
 */
@DisallowConcurrentExecution
final class SyncJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(SyncJob.class);
  private final Daemon daemon;
  private final String source;

  SyncJob(Daemon daemon, String source) {
    this.daemon = daemon;
    this.source = source;
  }

  @Override
  public void execute(JobExecutionContext context) {
    if (!daemon.running.enter(source)) {
      return;
    }
    try {
      // A catch-up at start runs at once, as the start log says; only cron fires wait their jitter. So does a run
      // that a node of the cluster began and did not finish (it was killed): this node recovers it.
      boolean catchUp = Daemon.CATCH_UP_GROUP.equals(context.getTrigger().getKey().getGroup());
      if (context.isRecovering()) {
        log.info("{}: recovering the run a node that stopped checking in did not finish", source);
      }
      if (catchUp || context.isRecovering() || daemon.awaitJitter()) {
        run();
      }
    } finally {
      daemon.running.exit(source);
    }
  }

  private void run() {
    long t0 = System.nanoTime();
    log.info("{}: job started", source);
    // Each fire opens its own session: SnapshotStore holds one connection and is not meant for several threads.
    try (SnapshotStore store = daemon.stores.snapshots(daemon.node)) {
      // A long fetch logs its progress every few seconds (the journal is no terminal); per job, since jobs of
      // different sources run at once.
      SyncProgress progress = SyncProgress.log(daemon.clock, SyncProgress.DEFAULT_LOG_INTERVAL);
      // Fresh sources per fire (each source's fetch deadline starts at its first request), and the raw archive of this
      // job's own run and connection.
      SyncReport report = daemon.service.sync(store, List.of(source), false, progress);
      SnapshotInfo s = report.snapshots().get(0);
      long ms = millisSince(t0);
      if (s.partial()) {
        log.warn("{}: job finished in {} ms: PARTIAL, snapshot {}: {} rows, {} changes ({} values added, {} closed);"
            + " previous data kept for {}", source, ms, s.id(), s.subjects(), s.valuesAdded() + s.valuesClosed(),
            s.valuesAdded(), s.valuesClosed(), s.warning());
      } else if (s.ok()) {
        log.info("{}: job finished in {} ms: ok, snapshot {}: {} rows, {} changes ({} values added, {} closed)", source, ms,
            s.id(), s.subjects(), s.valuesAdded() + s.valuesClosed(), s.valuesAdded(), s.valuesClosed());
      } else {
        log.warn("{}: job failed in {} ms, snapshot {}, previous data kept: {}", source, ms, s.id(), s.error());
      }
      synchronized (daemon.renderLock) {
        // A stop may have interrupted this thread; a pending interrupt would abort the file writes below.
        Thread.interrupted();
        Optional<ReviewArtifacts.Written> written = new ReviewArtifacts(daemon.config, store).writeIfChanged(report);
        written.ifPresent(w -> log.info(
            "{}: catalog {} {}; review: {}, {}{}", source, w.catalogChanged() ? "updated:" : "unchanged:", w.catalog(),
            w.diff(), w.summary(), w.charts().isEmpty() ? "" : "; charts updated: " + w.charts().size()));
        // Under the render lock too: jobs of two sources never send the same unsent notification twice.
        daemon.service.notify(store, report, written);
      }
    } catch (RuntimeException e) {
      log.error("{}: job failed in {} ms: {}", source, millisSince(t0), e.getMessage());
      log.debug("{}: job failure", source, e);
    } finally {
      try {
        daemon.recordNextFire(source);
      } catch (RuntimeException e) {
        log.warn("{}: cannot record the next fire time: {}", source, e.getMessage());
      }
    }
  }

  private static long millisSince(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0).toMillis();
  }
}
