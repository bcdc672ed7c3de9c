package dev.llmcatalog.daemon;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews the daemon's heartbeat in the database, so that {@code status} can tell a live daemon from a dead one. */
@DisallowConcurrentExecution
final class HeartbeatJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatJob.class);
  private static final String NAME = "(heartbeat)";
  private final Daemon daemon;

  HeartbeatJob(Daemon daemon) {
    this.daemon = daemon;
  }

  @Override
  public void execute(JobExecutionContext context) {
    if (!daemon.running.enter(NAME)) {
      return;
    }
    try {
      daemon.beat();
    } catch (RuntimeException e) {
      log.warn("cannot record the heartbeat: {}", e.getMessage());
    } finally {
      daemon.running.exit(NAME);
    }
  }
}
