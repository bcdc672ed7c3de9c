package dev.llmcatalog.store;

/**
 * One snapshot as listed by {@code llm-catalog snapshots}. {@code warning} is set on a partial snapshot: a successful
 * one where some part of the source could not be read and kept its previous values.
 */
public record SnapshotInfo(
    long id,
    long runId,
    String source,
    String startedAt,
    String finishedAt,
    String status,
    String error,
    long subjects,
    long missing,
    long valuesAdded,
    long valuesClosed,
    String dataDate,
    String warning) {

  public boolean ok() {
    return "ok".equals(status);
  }

  /** Successful, but some part of the source kept its previous values ({@link #warning} says which and why). */
  public boolean partial() {
    return ok() && warning != null;
  }
}
