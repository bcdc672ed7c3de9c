package dev.llmcatalog.store;

import java.util.List;

/**
 * The outbox of notifications (table {@code notification}, V11): each is recorded before it is first sent, so one
 * that could not be delivered is tried again by a later run, and marked sent once it was.
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

  void markSent(long id);

  /** Counts one more failed try of {@code id}, with why (which must hold no secret). */
  void markFailed(long id, String error);
}
