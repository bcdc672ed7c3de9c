package dev.llmcatalog.diff;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.StateCursor;
import dev.llmcatalog.store.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** Diffs stored snapshots, source by source, comparing only successful snapshots. */
public final class StoreDiffer {
  private final StateReader store;
  private final SnapshotDiffer differ;
  private final List<TableConfig> tables;

  /** @param tables the catalog's tables: ranked ones (no fixed model list) report rank changes */
  public StoreDiffer(StateReader store, double counterThreshold, List<TableConfig> tables) {
    this.store = store;
    this.differ = new SnapshotDiffer(counterThreshold);
    this.tables = List.copyOf(tables);
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
      Map<String, String> renames = store.loadRenames(from.get().id(), to.get().id());
      List<TableConfig> ranked = tables.stream().filter(t -> t.source().equals(source) && t.models().isEmpty()).toList();
      List<Change> changes = new ArrayList<>();
      if (ranked.isEmpty()) {
        // Two ordered reads side by side: a Hub state of a million values is never in memory.
        try (StateCursor before = store.openState(from.get()); StateCursor after = store.openState(to.get())) {
          changes.addAll(differ.diff(source, before, after, renames));
        }
      } else {
        // A ranked table ranks the whole board, so it needs both states whole; boards are small.
        List<Observation> before = store.loadState(from.get());
        List<Observation> after = store.loadState(to.get());
        changes.addAll(differ.diff(source, before.iterator(), after.iterator(), renames));
        Map<String, String> aliases = store.loadAliases();
        UnaryOperator<String> canonical = id -> aliases.getOrDefault(id, id);
        for (TableConfig table : ranked) {
          changes.addAll(rankChanges(table,
              new TableView(table, BoardData.of(source, from, before), canonical).rows(),
              new TableView(table, BoardData.of(source, to, after), canonical).rows()));
        }
      }
      diffs.add(new SourceDiff(source, from.get().id(), to.get().id(), changes));
    }
    return diffs;
  }

  /** Models that moved in, out of or within a ranked table; a rank of 0 means absent. */
  static List<Change> rankChanges(TableConfig table, List<String> before, List<String> after) {
    List<Change> changes = new ArrayList<>();
    Set<String> models = new TreeSet<>(before);
    models.addAll(after);
    for (String model : models) {
      int oldRank = before.indexOf(model) + 1;
      int newRank = after.indexOf(model) + 1;
      if (oldRank != newRank) {
        changes.add(new Change.RankChanged(table.source(), model, table.id(), oldRank, newRank));
      }
    }
    return changes;
  }
}
