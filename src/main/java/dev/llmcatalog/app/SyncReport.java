package dev.llmcatalog.app;

import dev.llmcatalog.store.SnapshotInfo;
import java.util.List;

/** What one sync did: a snapshot per source, successful or failed. */
public record SyncReport(List<SnapshotInfo> snapshots) {
  public SyncReport {
    snapshots = List.copyOf(snapshots);
  }

  public boolean allOk() {
    return snapshots.stream().allMatch(SnapshotInfo::ok);
  }

  public boolean allFailed() {
    return !snapshots.isEmpty() && snapshots.stream().noneMatch(SnapshotInfo::ok);
  }
}
