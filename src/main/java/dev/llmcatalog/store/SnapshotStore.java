package dev.llmcatalog.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything llm-catalog keeps about the catalog's data, by role: snapshots written ({@link SnapshotWriter}) and read
 * ({@link StateReader}), the raw archive ({@link ArchiveStore}) and publications ({@link PublicationStore}). Callers
 * take the role they need; the composition root opens the whole. The daemon's own state is {@link DaemonStore}.
 */
public interface SnapshotStore extends SnapshotWriter, StateReader, ArchiveStore, PublicationStore, AutoCloseable {
  /** Opens (and creates or migrates) the SQLite database {@code file}; see {@link Stores} for any database. */
  static SnapshotStore open(Path file, Clock clock) {
    Stores stores = Stores.open(DbLocation.file(file), clock, 1);
    return stores.session(null, stores);
  }

  /** The outbox of sync notifications, on the same connection. */
  NotificationStore notifications();

  /** What the sources learned on earlier syncs about how to ask their upstreams, on the same connection. */
  MemoryStore memory();

  @Override
  void close();
}
