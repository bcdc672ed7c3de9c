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

  /**
   * The downloads of the group's {@code top} most downloaded models (now), most downloaded first. The current
   * downloads come from the latest Hub state (one read of two fields), the history only for the models drawn: a group
   * of 100,000 models reads the history of ten.
   */
  Trend group(Group group, int top, String title) {
    Set<String> listed = new HashSet<>();
    group.models().forEach(m -> listed.add(canonical(m)));
    Optional<SnapshotInfo> latest = store.findLatest(HubSource.NAME);
    record Current(String model, BigDecimal downloads) {}
    List<Current> current = new ArrayList<>();
    if (latest.isPresent()) {
      String rank = Fields.rank(group.id());
      List<String> keys = group.top().isPresent() ? List.of(Fields.DOWNLOADS, rank) : List.of(Fields.DOWNLOADS);
      Map<String, BigDecimal> downloads = new LinkedHashMap<>();
      Set<String> ranked = new HashSet<>();
      try (StateCursor values = store.openValues(latest.get(), keys)) {
        values.forEachRemaining((Observation o) -> {
          if (o.key().equals(rank)) {
            ranked.add(o.subject());
          } else if (listed.contains(o.subject()) || group.top().isPresent()) {
            Scores.parse(o.value()).ifPresent(d -> downloads.put(o.subject(), d));
          }
        });
      }
      downloads.forEach((model, d) -> {
        if (listed.contains(model) || ranked.contains(model)) {
          current.add(new Current(model, d));
        }
      });
    }
    current.sort(Comparator.comparing(Current::downloads).reversed().thenComparing(Current::model));
    List<String> drawn = current.stream().limit(top).map(Current::model).toList();
    Map<String, List<ValueVersion>> history = bySubject(store.loadHistory(HubSource.NAME, drawn, List.of(Fields.DOWNLOADS)));
    List<Trend.Series> series = drawn.stream().map(m -> new Trend.Series(m, points(history.get(m)))).toList();
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
