package dev.llmcatalog.diff;

/** One change between two snapshots of a source, as a reviewer reads it. */
public sealed interface Change {
  String source();

  String model();

  /** A model the newer snapshot lists and the older did not. */
  record ModelAdded(String source, String model) implements Change {}

  /** A model a newer, successful snapshot no longer lists. */
  record ModelRemoved(String source, String model) implements Change {}

  /** The upstream renamed {@code oldId} to {@code model}. */
  record ModelRenamed(String source, String oldId, String model) implements Change {}

  /** A score changed; {@code oldValue} or {@code newValue} is null when the score appeared or vanished. */
  record MetricChanged(String source, String model, String variant, String metric, String oldValue, String newValue,
      String delta) implements Change {}

  /** Metadata changed (revision, license, gated, parameter count, a counter beyond the threshold, ...). */
  record FieldChanged(String source, String model, String variant, String field, String oldValue, String newValue)
      implements Change {}

  /** A model moved in a displayed table; a rank of 0 means absent from the table. */
  record RankChanged(String source, String model, String table, int oldRank, int newRank) implements Change {}
}
