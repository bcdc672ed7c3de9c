package dev.llmcatalog.store;

import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.normalize.ValueSink;
import java.util.Collection;

/**
 * A snapshot written while its source still fetches: the values handed to it ({@link ValueSink}) are stored in short
 * transactions under a snapshot nobody reads yet, and {@link #commit} makes them the source's state in one final
 * transaction. Until then no reader sees any of them; a process killed on the way leaves a failed snapshot, whose
 * values the next write of the source removes. A source that hands nothing is written whole by {@link #commit}, as
 * {@link SnapshotWriter#writeSnapshot} writes it.
 */
public interface StagedSnapshot extends ValueSink {
  /**
   * Returns once the values handed so far are written (or their write has failed, which {@link #commit} reports), so
   * that another write on the database (the raw archive) does not wait for the lock while they are.
   */
  void flush();

  /**
   * Makes {@code data}, the source's whole state, visible as a successful snapshot: the values handed while fetching
   * (which must be exactly {@code data}'s, else nothing becomes visible and this throws) or, when none were, all of
   * {@code data}'s. What {@code data} lacks is closed.
   *
   * @throws IllegalArgumentException when the state holds one key twice
   * @throws IllegalStateException when the values handed are not {@code data}'s, or another sync of the same source
   *     removed them (nothing became visible; {@link #abandon} records the failure)
   */
  SnapshotInfo commit(SourceData data, Collection<String> unresolved, WriteProgress progress);

  /** Removes what was staged and records the source as failed with {@code error}; its values stay as they were. */
  SnapshotInfo abandon(String error);
}
