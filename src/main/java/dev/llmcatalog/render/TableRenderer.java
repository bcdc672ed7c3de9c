package dev.llmcatalog.render;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.diff.BoardData;
import dev.llmcatalog.diff.TableView;
import dev.llmcatalog.normalize.Scores;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Renders one leaderboard table as markdown: the rows and cells of its {@link TableView}, numbers with fixed
 * decimals or as the board gives them, and a caption naming the source and the date of the data.
 */
final class TableRenderer {
  private final TableConfig table;
  private final BoardData board;
  private final TableView view;

  TableRenderer(TableConfig table, BoardData board, UnaryOperator<String> canonical) {
    this.table = table;
    this.board = board;
    this.view = new TableView(table, board, canonical);
  }

  String render() {
    if (table.board() && board.snapshot().isPresent() && view.rows().isEmpty()) {
      // never an empty table: a board not read yet is most often a gated one read without a token
      return "_Source: " + table.source() + " (board " + Markdown.escape(table.edition().orElseThrow()) + "): no entries"
          + " read yet (a gated board needs `HF_TOKEN`, see `llm-catalog sync`)._\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("| ").append(Markdown.escape(table.modelHeader()));
    table.columns().forEach(c -> out.append(" | ").append(Markdown.escape(c.header())));
    out.append(" |\n|");
    out.append(" --- |".repeat(table.columns().size() + 1)).append('\n');
    for (String model : view.rows()) {
      Map<String, String> cells = view.cells(model);
      String label = table.showBoardName() ? cells.getOrDefault("name", model) : model;
      out.append("| ").append(table.linkModels()
          ? "[" + Markdown.escape(label) + "](" + Markdown.url(CatalogRenderer.MODEL_PAGE + model) + ")"
          : Markdown.escape(label));
      for (TableConfig.Column column : table.columns()) {
        String value = cells.get(column.metric());
        out.append(" | ").append(column.mark().isPresent()
            ? ("true".equals(value) ? Markdown.escape(column.mark().get()) : "")
            : number(value, column.decimals().orElse(table.decimals())));
      }
      out.append(" |\n");
    }
    out.append('\n').append(caption(view.shownEdition())).append('\n');
    return out.toString();
  }

  private static String number(String value, int decimals) {
    if (value == null) {
      return Markdown.DASH;
    }
    if (decimals == TableConfig.AS_GIVEN) {
      return Markdown.escape(value);
    }
    return Scores.parse(value).map(n -> n.setScale(decimals, RoundingMode.HALF_UP).toPlainString())
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
    String variant = table.board() ? " (board " : " (edition ";
    return "_Source: " + table.source() + edition.map(e -> variant + Markdown.escape(e) + ")").orElse("") + ", " + when + "._";
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
}
