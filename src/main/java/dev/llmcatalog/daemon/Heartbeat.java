package dev.llmcatalog.daemon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews this daemon's heartbeat in the database, so that {@code status} can tell a live daemon (node) from a dead
 * one. A thread of the node's own rather than a Quartz job: in a cluster, a job would run on any one node, and each
 * node must beat for itself.
 */
final class Heartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
  private final ScheduledExecutorService thread;

  private Heartbeat(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  static Heartbeat start(Runnable beat, Duration interval) {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "llm-catalog-heartbeat");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> {
      try {
        beat.run();
      } catch (RuntimeException e) {
        log.warn("cannot record the heartbeat: {}", e.getMessage());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new Heartbeat(thread);
  }

  /** No beat after this returns. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
