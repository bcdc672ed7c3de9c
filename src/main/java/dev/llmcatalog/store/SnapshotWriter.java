package dev.llmcatalog.store;

import dev.llmcatalog.normalize.SourceData;
import java.time.Instant;
import java.util.Collection;

/** Writes runs and snapshots: what a sync (one-shot, daemon job or import) records. */
public interface SnapshotWriter {
  long beginRun(String version);

  void finishRun(long runId);

  /**
   * Writes a successful snapshot: {@code data} is the source's whole state; what it lacks is closed.
   * {@code unresolved} are board names that could not be resolved to a Hub id. The parts {@code data} kept (their
   * values must be in {@code data} already) make the snapshot partial, with a warning naming them. No reader sees
   * any of it before all of it is written.
   *
   * @throws IllegalArgumentException when the state holds one key twice (nothing is written)
   */
  SnapshotInfo writeSnapshot(long runId, String source, Instant startedAt, SourceData data, Collection<String> unresolved);

  /**
   * As {@link #writeSnapshot(long, String, Instant, SourceData, Collection)}, telling {@code progress} how far the
   * write has come. A store that cannot tell writes without it.
   */
  default SnapshotInfo writeSnapshot(long runId, String source, Instant startedAt, SourceData data,
      Collection<String> unresolved, WriteProgress progress) {
    return writeSnapshot(runId, source, startedAt, data, unresolved);
  }

  /**
   * Starts a snapshot of {@code source} whose values may be handed over while the source still fetches; see
   * {@link StagedSnapshot}. Nothing is written before the first value is handed.
   */
  StagedSnapshot stage(long runId, String source, Instant startedAt);

  /**
   * Waits until no other sync of {@code source} runs (in this process or another, on this database), then holds the
   * source until closed: syncs of one source take turns, whichever node or command runs them. A process that dies lets
   * it go, which is also what makes the values it staged leftovers for the next write to remove.
   */
  Stores.Lock lockSource(String source);

  /** Records that a source failed in this run; its values stay as they were. */
  SnapshotInfo recordFailure(long runId, String source, Instant startedAt, String error);
}
