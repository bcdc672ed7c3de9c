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
 * @param linkModels show the Hub id as a link to its model page ({@code show: link})
 * @param decimals digits after the point, or {@link #AS_GIVEN} to print numbers as the board gives them
 * @param pick which variant a model shows when the board has several: the one with the highest value of
 *     this metric (the seed's "best Average")
 * @param edition only variants whose {@code edition} value is this (e.g. an OpenCompass month); empty: newest
 * @param board true when {@code edition} names a board of the source (a Hub benchmark dataset, {@code board:})
 * @param models rows in this order; empty: the board's top {@code limit} by {@code sortBy}
 */
public record TableConfig(
    String id,
    String source,
    String modelHeader,
    boolean showBoardName,
    boolean linkModels,
    List<Column> columns,
    int decimals,
    String pick,
    Optional<String> edition,
    boolean board,
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

  /** A table of model ids or board names, its variants editions. */
  public TableConfig(String id, String source, String modelHeader, boolean showBoardName, List<Column> columns,
      int decimals, String pick, Optional<String> edition, List<String> models, Optional<String> sortBy, int limit) {
    this(id, source, modelHeader, showBoardName, false, columns, decimals, pick, edition, false, models, sortBy, limit);
  }

  /**
   * {@code show}: {@code id} (default), {@code link} (the id linked to its Hub page) or {@code name}; {@code decimals}:
   * 0-6 or {@code as-given} (default 2); {@code pick}: default the first column; {@code limit}: 1-1000 (default 10);
   * {@code board}: as {@code edition}, for a source whose variants are boards (one of the two). Whether
   * {@code source} is a leaderboard of the config is checked with the whole config.
   */
  @JsonCreator
  static TableConfig bind(@JsonProperty("id") String id, @JsonProperty("source") String source,
      @JsonProperty("model_header") String modelHeader, @JsonProperty("show") String show,
      @JsonProperty("columns") List<Column> columns, @JsonProperty("decimals") Object decimals,
      @JsonProperty("pick") String pick, @JsonProperty("edition") String edition,
      @JsonProperty("models") List<String> models, @JsonProperty("sort") String sort,
      @JsonProperty("limit") Integer limit, @JsonProperty("board") String board) {
    String checked = Check.id(Check.required(id, "id"), "table");
    String s = Check.orDefault(show, "id");
    if (!s.equals("id") && !s.equals("name") && !s.equals("link")) {
      throw new ConfigInvalid("show", "show must be 'id' (Hub id), 'link' (Hub id linked to its page) or 'name' (the"
          + " board's name)");
    }
    if (edition != null && board != null) {
      throw new ConfigInvalid("board", "table '" + checked + "': give 'edition' or 'board', not both");
    }
    if (columns == null || columns.isEmpty()) {
      throw new ConfigInvalid("", "table '" + checked + "' has no columns");
    }
    return new TableConfig(checked, Check.text(Check.required(source, "source"), "source"),
        Check.orDefault(modelHeader, "Model"), s.equals("name"), s.equals("link"), columns,
        decimals(decimals, "decimals", 2), Check.orDefault(pick, columns.get(0).metric()),
        Optional.ofNullable(board != null ? Check.text(board, "board") : edition), board != null,
        Check.modelIds(models, "models"), Optional.ofNullable(sort),
        (int) Check.range(Check.orDefault(limit, 10), 1, 1000, "limit"));
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

  /**
   * One column: a canonical metric, its header, its own decimals when they differ from the table's, and, for a yes/no
   * metric, the {@code mark} shown where it is {@code true} (the cell is blank otherwise).
   */
  public record Column(String metric, String header, Optional<Integer> decimals, Optional<String> mark) {
    public Column(String metric, String header) {
      this(metric, header, Optional.empty(), Optional.empty());
    }

    public Column(String metric, String header, Optional<Integer> decimals) {
      this(metric, header, decimals, Optional.empty());
    }

    @JsonCreator
    static Column bind(@JsonProperty("metric") String metric, @JsonProperty("header") String header,
        @JsonProperty("decimals") Object decimals, @JsonProperty("mark") String mark) {
      String m = Check.text(Check.required(metric, "metric"), "metric");
      if (!METRIC.matcher(m).matches()) {
        throw new ConfigInvalid("metric", "bad metric name '" + m + "'");
      }
      return new Column(m, Check.orDefault(header, m),
          decimals == null ? Optional.empty() : Optional.of(TableConfig.decimals(decimals, "decimals", 2)),
          Optional.ofNullable(mark == null ? null : Check.text(mark, "mark")));
    }
  }
}
