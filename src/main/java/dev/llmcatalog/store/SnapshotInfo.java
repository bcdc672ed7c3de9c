package dev.llmcatalog.store;

/** One snapshot as listed by {@code llm-catalog snapshots}. */
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
    String dataDate) {

  public boolean ok() {
    return "ok".equals(status);
  }
}
