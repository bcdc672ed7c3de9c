package dev.llmcatalog.app;

import dev.llmcatalog.store.SnapshotInfo;
import java.util.List;

/** What one sync did: a snapshot per source, successful (complete or partial) or failed. */
public record SyncReport(List<SnapshotInfo> snapshots) {
  public SyncReport {
    snapshots = List.copyOf(snapshots);
  }

  /** Every source succeeded and read everything: none failed, none is partial. */
  public boolean allOk() {
    return snapshots.stream().allMatch(s -> s.ok() && !s.partial());
  }

  public boolean allFailed() {
    return !snapshots.isEmpty() && snapshots.stream().noneMatch(SnapshotInfo::ok);
  }
}
