package dev.llmcatalog.diff;

import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Diffs stored snapshots, source by source, comparing only successful snapshots. */
public final class StoreDiffer {
  private final SnapshotStore store;
  private final SnapshotDiffer differ;

  public StoreDiffer(SnapshotStore store, double counterThreshold) {
    this.store = store;
    this.differ = new SnapshotDiffer(counterThreshold);
  }

  /**
   * For each source: its state as of run {@code fromRun} against its state as of run {@code toRun}
   * (defaults: the previous and the latest successful snapshot). Sources without two distinct successful
   * snapshots in that range are left out.
   */
  public List<SourceDiff> diff(List<String> sources, OptionalLong fromRun, OptionalLong toRun) {
    List<SourceDiff> diffs = new ArrayList<>();
    for (String source : sources) {
      Optional<SnapshotInfo> to = toRun.isPresent() ? store.findLatestAtOrBefore(source, toRun.getAsLong())
          : store.findLatest(source);
      if (to.isEmpty()) {
        continue;
      }
      Optional<SnapshotInfo> from = fromRun.isPresent() ? store.findLatestAtOrBefore(source, fromRun.getAsLong())
          : store.findPrevious(to.get());
      if (from.isEmpty() || from.get().id() >= to.get().id()) {
        continue;
      }
      diffs.add(new SourceDiff(source, from.get().id(), to.get().id(), differ.diff(source, store.loadState(from.get()),
          store.loadState(to.get()), store.loadRenames(from.get().id(), to.get().id()))));
    }
    return diffs;
  }
}
