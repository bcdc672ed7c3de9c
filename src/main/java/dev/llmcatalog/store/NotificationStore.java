package dev.llmcatalog.store;

import java.time.Duration;
import java.util.List;

/**
 * The outbox of notifications (table {@code notification}, SQLite V12, PostgreSQL V4): each is recorded before it is
 * first sent, so one that could not be delivered is tried again by a later run, and marked sent once it was. A run
 * {@link #claim claims} an entry before sending it, so that runs side by side (daemon jobs, cluster nodes) never
 * both deliver one.
 */
public interface NotificationStore {
  /** A notification as the sync made it: which run, for which target, and what it says. */
  record Draft(long runId, String target, String events, long changes, List<String> failed, String subject,
      String body, String summaryPath) {
    public Draft {
      failed = List.copyOf(failed);
    }
  }

  /** A recorded, undelivered notification and its tries so far. */
  record Unsent(long id, String createdAt, int attempts, String lastError, Draft draft) {}

  /** Records {@code draft} as not yet sent; returns its id. */
  long enqueue(Draft draft);

  /** The notifications not delivered yet, oldest first. */
  List<Unsent> loadUnsent();

  /**
   * Takes {@code id} for delivery by this run for {@code lease}, its tries and the waits between them: true unless it
   * was sent meanwhile or another run holds it. One conditional UPDATE, so of two runs that try at once, one gets it.
   * A claim whose lease ran out is taken to be of a run that died (a killed node) and may be taken again.
   */
  boolean claim(long id, Duration lease);

  /** Gives {@code id} back after its tries failed, for the next run. */
  void release(long id);

  void markSent(long id);

  /** Counts one more failed try of {@code id}, with why (which must hold no secret). */
  void markFailed(long id, String error);
}
