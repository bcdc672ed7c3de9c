package dev.llmcatalog.diff;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a leaderboard table shows, before formatting: its rows (models, in order) and each row's cells.
 * One variant per model is chosen by the table's rule (the highest {@code pick} metric, like the seed's
 * "best Average"; or, with {@code pick: any}, each cell from the first variant that has it). Shared by the
 * renderer and by the rank changes of a diff, so both see the same table.
 */
public final class TableView {
  public static final String PICK_ANY = TableConfig.PICK_ANY;
  public static final String NEWEST = "newest";
  /** A board's own rank: sorted by it, rows go from 1 up. */
  public static final String RANK = "rank";

  private final TableConfig table;
  private final BoardData board;
  private final UnaryOperator<String> canonical;
  private final Optional<String> edition;

  public TableView(TableConfig table, BoardData board, UnaryOperator<String> canonical) {
    this.table = table;
    this.board = board;
    this.canonical = canonical;
    this.edition = edition();
  }

  public Optional<String> shownEdition() {
    return edition;
  }

  public List<String> rows() {
    return rows(edition);
  }

  public Map<String, String> cells(String model) {
    return cells(model, edition);
  }

  /** The variant every row must come from: a pinned edition, the newest one, or none. */
  private Optional<String> edition() {
    if (table.edition().isEmpty()) {
      return Optional.empty();
    }
    if (!table.edition().get().equals(NEWEST)) {
      return table.edition();
    }
    return board.models().values().stream().flatMap(v -> v.keySet().stream()).max(Comparator.naturalOrder());
  }

  private List<String> rows(Optional<String> edition) {
    if (!table.models().isEmpty()) {
      return table.models().stream().map(canonical).toList();
    }
    String sort = table.rankMetric();
    List<String> ranked = new ArrayList<>(board.models().keySet());
    ranked.removeIf(m -> numeric(cells(m, edition).get(sort)).isEmpty());
    Comparator<String> byValue = Comparator.comparing((String m) -> numeric(cells(m, edition).get(sort)).orElseThrow());
    // the board's own rank counts up; every other metric ranks the highest value first
    ranked.sort((sort.equals(RANK) ? byValue : byValue.reversed()).thenComparing(Comparator.naturalOrder()));
    return ranked.subList(0, Math.min(table.limit(), ranked.size()));
  }

  /** The values a model's row shows. */
  private Map<String, String> cells(String model, Optional<String> edition) {
    Map<String, Map<String, String>> variants = new LinkedHashMap<>(board.variants(model));
    edition.ifPresent(e -> variants.keySet().retainAll(List.of(e)));
    if (variants.isEmpty()) {
      return Map.of();
    }
    if (table.pick().equals(PICK_ANY)) {
      Map<String, String> merged = new LinkedHashMap<>();
      variants.values().forEach(v -> v.forEach(merged::putIfAbsent));
      return merged;
    }
    return variants.values().stream()
        .max(Comparator.comparing((Map<String, String> v) -> numeric(v.get(table.pick())).orElse(null),
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .orElseThrow();
  }

  private static Optional<BigDecimal> numeric(String value) {
    return Scores.parse(value);
  }
}
