package dev.llmcatalog.app;

import dev.llmcatalog.Version;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync: every source fetched in turn, each written as its own snapshot. A failing source is recorded
 * as failed and leaves its previous data untouched; the others go on.
 */
public final class SyncPipeline {
  private static final Logger log = LoggerFactory.getLogger(SyncPipeline.class);

  private final List<Source> sources;
  private final SnapshotStore store;
  private final Clock clock;

  public SyncPipeline(List<Source> sources, SnapshotStore store, Clock clock) {
    this.sources = List.copyOf(sources);
    this.store = store;
    this.clock = clock;
  }

  public SyncReport run() {
    long run = store.beginRun(Version.get());
    List<SnapshotInfo> snapshots = new ArrayList<>();
    for (Source source : sources) {
      Instant started = clock.instant();
      log.info("{}: fetching", source.name());
      SourceData data;
      try {
        data = source.fetch();
      } catch (IOException | RuntimeException e) {
        if (!(e instanceof IOException)) {
          log.debug("{} failed", source.name(), e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.error("{}: failed, previous data kept: {}", source.name(), reason);
        snapshots.add(store.recordFailure(run, source.name(), started, reason));
        continue;
      }
      SnapshotInfo snapshot = store.writeSnapshot(run, source.name(), started, data);
      log.info("{}: snapshot {}: {} models, {} missing, {} values added, {} closed", source.name(), snapshot.id(),
          snapshot.subjects(), snapshot.missing(), snapshot.valuesAdded(), snapshot.valuesClosed());
      snapshots.add(snapshot);
    }
    store.finishRun(run);
    return new SyncReport(snapshots);
  }
}
