package dev.llmcatalog.render;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Renders one leaderboard table: one row per model, one variant per model chosen by the table's rule
 * (the highest {@code pick} metric, like the seed's "best Average"; or, with {@code pick: any}, each cell
 * from the first variant that has it), numbers with fixed decimals or as the board gives them.
 */
final class TableRenderer {
  static final String PICK_ANY = "any";
  static final String NEWEST = "newest";

  private final TableConfig table;
  private final BoardData board;
  private final UnaryOperator<String> canonical;

  TableRenderer(TableConfig table, BoardData board, UnaryOperator<String> canonical) {
    this.table = table;
    this.board = board;
    this.canonical = canonical;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(Markdown.escape(table.modelHeader()));
    table.columns().forEach(c -> out.append(" | ").append(Markdown.escape(c.header())));
    out.append(" |\n|");
    out.append(" --- |".repeat(table.columns().size() + 1)).append('\n');
    Optional<String> edition = edition();
    for (String model : rows(edition)) {
      Map<String, String> cells = cells(model, edition);
      String label = table.showBoardName() ? cells.getOrDefault("name", model) : model;
      out.append("| ").append(Markdown.escape(label));
      for (TableConfig.Column column : table.columns()) {
        out.append(" | ").append(number(cells.get(column.metric()), column.decimals().orElse(table.decimals())));
      }
      out.append(" |\n");
    }
    out.append('\n').append(caption(edition)).append('\n');
    return out.toString();
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
    String sort = table.sortBy().orElse(table.pick().equals(PICK_ANY) ? table.columns().get(0).metric() : table.pick());
    List<String> ranked = new ArrayList<>(board.models().keySet());
    ranked.removeIf(m -> numeric(cells(m, edition).get(sort)).isEmpty());
    ranked.sort(Comparator.comparing((String m) -> numeric(cells(m, edition).get(sort)).orElseThrow()).reversed()
        .thenComparing(Comparator.naturalOrder()));
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

  private static String number(String value, int decimals) {
    if (value == null) {
      return Markdown.DASH;
    }
    if (decimals == TableConfig.AS_GIVEN) {
      return Markdown.escape(value);
    }
    return numeric(value).map(n -> n.setScale(decimals, RoundingMode.HALF_UP).toPlainString())
        .orElse(Markdown.escape(value));
  }

  private String caption(Optional<String> edition) {
    if (board.snapshot().isEmpty()) {
      return "_Source: " + table.source() + ", no data yet (run `llm-catalog sync`)._";
    }
    Optional<String> dataDate = edition.flatMap(this::editionDate)
        .or(() -> Optional.ofNullable(board.snapshot().get().dataDate()));
    String when = dataDate.map(d -> "data of " + Markdown.escape(d))
        .orElse("fetched " + day(board.snapshot().get().finishedAt()));
    return "_Source: " + table.source() + edition.map(e -> " (edition " + Markdown.escape(e) + ")").orElse("") + ", " + when + "._";
  }

  /** The date a board gives for one edition ({@code edition_date} of that variant), when it gives one. */
  private Optional<String> editionDate(String edition) {
    return board.models().values().stream()
        .map(variants -> variants.getOrDefault(edition, Map.of()).get("edition_date"))
        .filter(d -> d != null).findFirst();
  }

  private static String day(String instant) {
    try {
      return Instant.parse(instant).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  private static Optional<BigDecimal> numeric(String value) {
    return Scores.parse(value);
  }
}
