package dev.llmcatalog.diff;

import java.util.List;

/** The changes of one source between two of its successful snapshots. */
public record SourceDiff(String source, long fromSnapshot, long toSnapshot, List<Change> changes) {
  public SourceDiff {
    changes = List.copyOf(changes);
  }
}
