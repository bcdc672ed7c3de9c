package dev.llmcatalog.store;

import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads snapshots and the exact state of a source as of any snapshot: all that diff and render need. */
public interface StateReader {
  /** Every snapshot, oldest first. */
  List<SnapshotInfo> listSnapshots();

  Optional<SnapshotInfo> findSnapshot(long id);

  /** The newest successful snapshot of {@code source}. */
  Optional<SnapshotInfo> findLatest(String source);

  /** The newest failed snapshot of {@code source}. */
  Optional<SnapshotInfo> findLatestFailure(String source);

  /** The newest successful snapshot of {@code source} in run {@code runId} or before. */
  Optional<SnapshotInfo> findLatestAtOrBefore(String source, long runId);

  /** The successful snapshot of the same source just before {@code snapshot}. */
  Optional<SnapshotInfo> findPrevious(SnapshotInfo snapshot);

  /** Renames (alias -> id) first recorded after snapshot {@code fromExclusive} up to {@code toInclusive}. */
  Map<String, String> loadRenames(long fromExclusive, long toInclusive);

  /**
   * The exact state of a source as of {@code snapshot}, read one value at a time in {@link StateOrder#KEYS} order.
   * Several cursors may be open at once (a diff reads two states side by side).
   */
  StateCursor openState(SnapshotInfo snapshot);

  /**
   * The values of {@code keys} in the state of {@code snapshot}, in {@link StateOrder#KEYS} order, for a reader that
   * needs a few fields of a large state (a render): their raw text and URL are not read, so each observation's
   * {@code raw} and {@code url} are null.
   */
  StateCursor openValues(SnapshotInfo snapshot, Collection<String> keys);

  /**
   * The exact state of a source as of {@code snapshot}, in {@link StateOrder#KEYS} order, all in memory: for small
   * states (a leaderboard); walk a large one with {@link #openState}.
   */
  default List<Observation> loadState(SnapshotInfo snapshot) {
    List<Observation> state = new ArrayList<>();
    try (StateCursor cursor = openState(snapshot)) {
      cursor.forEachRemaining(state::add);
    }
    return state;
  }

  /**
   * Every stored version of the values {@code keys} of the models {@code subjects} of {@code source}, from its successful
   * snapshots, ordered by (subject, variant, key) as {@link StateOrder#KEYS} and then oldest first: the history a trend
   * chart draws, one version per snapshot that changed a value.
   */
  List<ValueVersion> loadHistory(String source, Collection<String> subjects, Collection<String> keys);

  /** The models a snapshot has values for (without reading the values). */
  List<String> loadSubjects(SnapshotInfo snapshot);

  /** Board names a snapshot could not resolve, sorted. */
  List<String> loadUnresolved(SnapshotInfo snapshot);

  /** Models a snapshot found missing upstream. */
  List<MissingModel> loadMissing(SnapshotInfo snapshot);

  /** alias -> canonical id. */
  Map<String, String> loadAliases();
}
