package dev.llmcatalog.chart;

import dev.llmcatalog.config.Group;
import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.diff.BoardData;
import dev.llmcatalog.diff.TableView;
import dev.llmcatalog.normalize.Alias;
import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.source.hub.HubSource;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.StateCursor;
import dev.llmcatalog.store.StateReader;
import dev.llmcatalog.store.ValueVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the trends the charts draw from the stored history: a table's ranking metric for the models its table shows
 * first, a group's downloads for its most downloaded models. A point is a snapshot that changed the value; a model
 * with several rows on a board (precisions, runs) counts with its best value in each snapshot.
 */
final class TrendReader {
  private final StateReader store;
  private final Map<String, String> aliases;

  TrendReader(StateReader store) {
    this.store = store;
    this.aliases = store.loadAliases();
  }

  /** The {@link TableConfig#rankMetric()} of the first {@code top} models of the table with data, in table order. */
  Trend table(TableConfig table, int top, String title) {
    BoardData board = BoardData.load(store, table.source());
    TableView view = new TableView(table, board, this::canonical);
    String metric = table.rankMetric();
    List<String> rows = view.rows();
    Map<String, List<ValueVersion>> history = bySubject(store.loadHistory(table.source(), rows, List.of(metric)));
    Optional<String> edition = view.shownEdition();
    List<Trend.Series> series = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String model : rows) {
      List<ValueVersion> versions = history.getOrDefault(model, List.of()).stream()
          .filter(v -> edition.isEmpty() || edition.get().equals(v.variant())).toList();
      List<Trend.Point> points = points(versions);
      if (points.isEmpty()) {
        continue;
      }
      String name = table.showBoardName() ? view.cells(model).getOrDefault("name", model) : model;
      series.add(new Trend.Series(names.add(name) ? name : model, points));
      if (series.size() == top) {
        break;
      }
    }
    return new Trend(title, table.header(metric), false, series);
  }

  /** The downloads of the group's {@code top} most downloaded models (now), most downloaded first. */
  Trend group(Group group, int top, String title) {
    Set<String> members = new LinkedHashSet<>();
    group.models().forEach(m -> members.add(canonical(m)));
    Optional<SnapshotInfo> latest = store.findLatest(HubSource.NAME);
    if (group.top().isPresent() && latest.isPresent()) {
      try (StateCursor ranked = store.openValues(latest.get(), List.of(Fields.rank(group.id())))) {
        ranked.forEachRemaining((Observation o) -> members.add(o.subject()));
      }
    }
    Map<String, List<ValueVersion>> history = bySubject(store.loadHistory(HubSource.NAME, members, List.of(Fields.DOWNLOADS)));
    record Current(String model, BigDecimal downloads) {}
    List<Current> current = new ArrayList<>();
    for (String model : members) {
      List<ValueVersion> versions = history.getOrDefault(model, List.of());
      versions.stream().filter(v -> latest.isPresent() && v.heldAt(latest.get().id())).findFirst()
          .flatMap(v -> Scores.parse(v.value())).ifPresent(d -> current.add(new Current(model, d)));
    }
    current.sort(Comparator.comparing(Current::downloads).reversed().thenComparing(Current::model));
    List<Trend.Series> series = current.stream().limit(top)
        .map(c -> new Trend.Series(c.model(), points(history.get(c.model())))).toList();
    return new Trend(title, "Downloads (last 30 days)", true, series);
  }

  /**
   * One point per snapshot that changed the value: at each snapshot where a version starts, the best value held then,
   * kept when it differs from the point before.
   */
  private static List<Trend.Point> points(List<ValueVersion> versions) {
    Map<Long, String> starts = new TreeMap<>();
    versions.forEach(v -> starts.putIfAbsent(v.fromSnapshot(), v.since()));
    List<Trend.Point> points = new ArrayList<>();
    BigDecimal previous = null;
    for (Map.Entry<Long, String> start : starts.entrySet()) {
      long snapshot = start.getKey();
      Optional<BigDecimal> best = versions.stream().filter(v -> v.heldAt(snapshot))
          .flatMap(v -> Scores.parse(v.value()).stream()).max(Comparator.naturalOrder());
      if (best.isPresent() && (previous == null || best.get().compareTo(previous) != 0)) {
        points.add(new Trend.Point(Instant.parse(start.getValue()), best.get().doubleValue()));
        previous = best.get();
      }
    }
    return points;
  }

  private static Map<String, List<ValueVersion>> bySubject(List<ValueVersion> versions) {
    Map<String, List<ValueVersion>> bySubject = new LinkedHashMap<>();
    versions.forEach(v -> bySubject.computeIfAbsent(v.subject(), s -> new ArrayList<>()).add(v));
    return bySubject;
  }

  /** The canonical id of a configured id, following renames. */
  private String canonical(String id) {
    return Alias.follow(aliases, id);
  }
}
