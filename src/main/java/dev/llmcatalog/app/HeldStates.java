package dev.llmcatalog.app;

import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.StateCursor;
import dev.llmcatalog.store.StateOrder;
import dev.llmcatalog.store.StateReader;
import dev.llmcatalog.store.ValueVersion;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store as the review after a sync reads it, with the states the sync has just written served from memory
 * instead of read back: a render reads the shown fields of every model of a state ({@link #openValues}), which for
 * a first Hub snapshot is over 100,000 values the sync holds anyway. Everything else, and every state the sync did not
 * hold (it keeps small ones only, see {@link SyncPipeline}), is read from the store.
 */
final class HeldStates implements StateReader {
  private final StateReader store;
  /** Per snapshot id, its whole state in any order. */
  private final Map<Long, List<Observation>> states;

  HeldStates(StateReader store, Map<Long, List<Observation>> states) {
    this.store = store;
    this.states = states;
  }

  @Override
  public StateCursor openValues(SnapshotInfo snapshot, Collection<String> keys) {
    List<Observation> state = states.get(snapshot.id());
    if (state == null) {
      return store.openValues(snapshot, keys);
    }
    Set<String> wanted = new HashSet<>(keys);
    // as the store reads them: the fields asked for only, without raw text and URL, in key order
    Observation[] values = state.stream().filter(o -> wanted.contains(o.key()))
        .map(o -> new Observation(o.subject(), o.variant(), o.key(), o.value(), null, null)).toArray(Observation[]::new);
    Arrays.sort(values, StateOrder.KEYS);
    return StateCursor.of(snapshot.id(), Arrays.asList(values).iterator());
  }

  @Override
  public StateCursor openState(SnapshotInfo snapshot) {
    return store.openState(snapshot); // with each value's URL as stored: an unchanged value keeps its first one
  }

  @Override
  public List<SnapshotInfo> listSnapshots() {
    return store.listSnapshots();
  }

  @Override
  public Optional<SnapshotInfo> findSnapshot(long id) {
    return store.findSnapshot(id);
  }

  @Override
  public Optional<SnapshotInfo> findLatest(String source) {
    return store.findLatest(source);
  }

  @Override
  public Optional<SnapshotInfo> findLatestFailure(String source) {
    return store.findLatestFailure(source);
  }

  @Override
  public Optional<SnapshotInfo> findLatestAtOrBefore(String source, long runId) {
    return store.findLatestAtOrBefore(source, runId);
  }

  @Override
  public Optional<SnapshotInfo> findPrevious(SnapshotInfo snapshot) {
    return store.findPrevious(snapshot);
  }

  @Override
  public Map<String, String> loadRenames(long fromExclusive, long toInclusive) {
    return store.loadRenames(fromExclusive, toInclusive);
  }

  @Override
  public List<ValueVersion> loadHistory(String source, Collection<String> subjects, Collection<String> keys) {
    return store.loadHistory(source, subjects, keys);
  }

  @Override
  public List<String> loadSubjects(SnapshotInfo snapshot) {
    return store.loadSubjects(snapshot);
  }

  @Override
  public List<String> loadUnresolved(SnapshotInfo snapshot) {
    return store.loadUnresolved(snapshot);
  }

  @Override
  public List<MissingModel> loadMissing(SnapshotInfo snapshot) {
    return store.loadMissing(snapshot);
  }

  @Override
  public Map<String, String> loadAliases() {
    return store.loadAliases();
  }
}
