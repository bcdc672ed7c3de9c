package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
  /** {@code pick: any}: each cell from whichever variant has it. */
  public static final String PICK_ANY = "any";
  private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.:/ -]+");

  public TableConfig {
    columns = List.copyOf(columns);
    models = List.copyOf(models);
  }

  /**
   * {@code show}: {@code id} (default) or {@code name}; {@code decimals}: 0-6 or {@code as-given} (default 2);
   * {@code pick}: default the first column; {@code limit}: 1-1000 (default 10). Whether {@code source} is a
   * leaderboard of the config is checked with the whole config.
   */
  @JsonCreator
  static TableConfig bind(@JsonProperty("id") String id, @JsonProperty("source") String source,
      @JsonProperty("model_header") String modelHeader, @JsonProperty("show") String show,
      @JsonProperty("columns") List<Column> columns, @JsonProperty("decimals") Object decimals,
      @JsonProperty("pick") String pick, @JsonProperty("edition") String edition,
      @JsonProperty("models") List<String> models, @JsonProperty("sort") String sort,
      @JsonProperty("limit") Integer limit) {
    String checked = Check.id(Check.required(id, "id"), "table");
    String s = Check.orDefault(show, "id");
    if (!s.equals("id") && !s.equals("name")) {
      throw new ConfigInvalid("show", "show must be 'id' (Hub id) or 'name' (the board's name)");
    }
    if (columns == null || columns.isEmpty()) {
      throw new ConfigInvalid("", "table '" + checked + "' has no columns");
    }
    return new TableConfig(checked, Check.text(Check.required(source, "source"), "source"),
        Check.orDefault(modelHeader, "Model"), s.equals("name"), columns, decimals(decimals, "decimals", 2),
        Check.orDefault(pick, columns.get(0).metric()), Optional.ofNullable(edition), Check.modelIds(models, "models"),
        Optional.ofNullable(sort), (int) Check.range(Check.orDefault(limit, 10), 1, 1000, "limit"));
  }

  /**
   * The metric the table ranks its models by: {@code sort}, else {@code pick}, else (with {@code pick: any}) the first
   * column's. A trend chart of the table draws it.
   */
  public String rankMetric() {
    return sortBy.orElse(pick.equals(PICK_ANY) ? columns.get(0).metric() : pick);
  }

  /** The header of the column showing {@code metric}, or the metric's name when no column shows it. */
  public String header(String metric) {
    return columns.stream().filter(c -> c.metric().equals(metric)).map(Column::header).findFirst().orElse(metric);
  }

  private static int decimals(Object value, String key, int fallback) {
    if (value == null) {
      return fallback;
    }
    if ("as-given".equals(value)) {
      return AS_GIVEN;
    }
    if (value instanceof Integer d && d >= 0 && d <= 6) {
      return d;
    }
    throw new ConfigInvalid(key, "decimals must be 0 to 6 or 'as-given', got '" + value + "'");
  }

  /** One column: a canonical metric, its header, and its own decimals when they differ from the table's. */
  public record Column(String metric, String header, Optional<Integer> decimals) {
    public Column(String metric, String header) {
      this(metric, header, Optional.empty());
    }

    @JsonCreator
    static Column bind(@JsonProperty("metric") String metric, @JsonProperty("header") String header,
        @JsonProperty("decimals") Object decimals) {
      String m = Check.text(Check.required(metric, "metric"), "metric");
      if (!METRIC.matcher(m).matches()) {
        throw new ConfigInvalid("metric", "bad metric name '" + m + "'");
      }
      return new Column(m, Check.orDefault(header, m),
          decimals == null ? Optional.empty() : Optional.of(TableConfig.decimals(decimals, "decimals", 2)));
    }
  }
}
