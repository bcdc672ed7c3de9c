package dev.llmcatalog.config;

import java.util.List;
import java.util.Optional;

/**
 * A leaderboard table in the catalog, filled into {@code <!-- llm-catalog:begin table ID -->}.
 *
 * @param source the source whose latest snapshot fills the table
 * @param modelHeader the first column's header
 * @param showBoardName show the board's own model name (its {@code name} value) instead of the Hub id
 * @param decimals digits after the point, or {@link #AS_GIVEN} to print numbers as the board gives them
 * @param pick which variant a model shows when the board has several: the one with the highest value of
 *     this metric (the seed's "best Average")
 * @param edition only variants whose {@code edition} value is this (e.g. an OpenCompass month); empty: newest
 * @param models rows in this order; empty: the board's top {@code limit} by {@code sortBy}
 */
public record TableConfig(
    String id,
    String source,
    String modelHeader,
    boolean showBoardName,
    List<Column> columns,
    int decimals,
    String pick,
    Optional<String> edition,
    List<String> models,
    Optional<String> sortBy,
    int limit) {

  public static final int AS_GIVEN = -1;

  public TableConfig {
    columns = List.copyOf(columns);
    models = List.copyOf(models);
  }

  /** One column: a canonical metric, its header, and its own decimals when they differ from the table's. */
  public record Column(String metric, String header, Optional<Integer> decimals) {
    public Column(String metric, String header) {
      this(metric, header, Optional.empty());
    }
  }
}
