package dev.llmcatalog.app;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import java.util.List;
import java.util.Map;

/**
 * What one sync did: a snapshot per source, successful (complete or partial) or failed. {@code held}: the states of
 * snapshots it wrote that it still holds in memory (small ones only), per snapshot id, for its review to read
 * instead of reading them back.
 */
public record SyncReport(List<SnapshotInfo> snapshots, Map<Long, List<Observation>> held) {
  public SyncReport {
    snapshots = List.copyOf(snapshots);
    held = Map.copyOf(held);
  }

  public SyncReport(List<SnapshotInfo> snapshots) {
    this(snapshots, Map.of());
  }

  /** Every source succeeded and read everything: none failed, none is partial. */
  public boolean allOk() {
    return snapshots.stream().allMatch(s -> s.ok() && !s.partial());
  }

  public boolean allFailed() {
    return !snapshots.isEmpty() && snapshots.stream().noneMatch(SnapshotInfo::ok);
  }
}
