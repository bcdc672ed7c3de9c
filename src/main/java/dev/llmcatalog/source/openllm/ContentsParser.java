package dev.llmcatalog.source.openllm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.source.datasets.DatasetRows;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Turns the rows of an Open LLM Leaderboard {@code contents} dataset into observations: one variant per
 * row ({@code <Precision> <short Model sha>}), the board's displayed scores and a few attributes.
 */
final class ContentsParser {
  static final String FULLNAME = "fullname";
  static final String MODEL = "Model";
  static final String PRECISION = "Precision";
  static final String SHA = "Model sha";
  static final String EVAL_NAME = "eval_name";
  static final int SHORT_SHA = 7;

  /** Attribute key and column; absent or blank cells give no observation. */
  static final List<Map.Entry<String, String>> TEXT_ATTRIBUTES = List.of(
      Map.entry("precision", PRECISION), Map.entry("type", "Type"), Map.entry("hub_license", "Hub License"));
  static final String PARAMS_KEY = "params_b";
  static final String PARAMS_COLUMN = "#Params (B)";

  private ContentsParser() {}

  static List<Observation> parse(Board board, DatasetRows rows) throws FetchException {
    String url = rows.url();
    requireColumns(board, rows);
    if (rows.rows().isEmpty()) {
      throw new FetchException(url, 200, board.source() + ": " + url + ": the table has no rows");
    }
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < rows.rows().size(); i++) {
      Optional<String> subject = subject(rows.rows().get(i));
      if (subject.isEmpty()) {
        throw new FetchException(url, 200, board.source() + ": " + url + ": row " + i + " names no model (no '"
            + FULLNAME + "', no link in '" + MODEL + "')");
      }
      subjects.add(subject.get());
    }
    List<String> variants = variants(rows.rows(), subjects);
    PageUrls pages = new PageUrls(url);
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < rows.rows().size(); i++) {
      Map<String, JsonNode> row = rows.rows().get(i);
      String subject = subjects.get(i);
      String variant = variants.get(i);
      String rowUrl = pages.forRow(i);
      for (Board.Metric metric : board.metrics()) {
        Optional<Decimal> score = number(row.get(metric.column()), board, url, i, metric.column());
        score.ifPresent(n -> observations.add(new Observation(subject, variant, metric.key(), n.value(), n.raw(), rowUrl)));
      }
      for (Map.Entry<String, String> attribute : TEXT_ATTRIBUTES) {
        text(row.get(attribute.getValue())).ifPresent(
            value -> observations.add(new Observation(subject, variant, attribute.getKey(), value, null, rowUrl)));
      }
      number(row.get(PARAMS_COLUMN), board, url, i, PARAMS_COLUMN).ifPresent(
          n -> observations.add(new Observation(subject, variant, PARAMS_KEY, n.value(), n.raw(), rowUrl)));
    }
    return observations;
  }

  /**
   * The board's name for the row's model: {@code fullname}, else the {@code Model} cell, an HTML link
   * ({@code <a href="https://huggingface.co/org/name">org/name</a>}) whose text, or else href path, names it.
   */
  static Optional<String> subject(Map<String, JsonNode> row) {
    Optional<String> fullname = text(row.get(FULLNAME));
    return fullname.isPresent() ? fullname : text(row.get(MODEL)).flatMap(ContentsParser::modelName);
  }

  static Optional<String> modelName(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    for (Element link : body.select("a")) {
      if (!link.text().isBlank()) {
        return Optional.of(link.text().strip());
      }
    }
    for (Element link : body.select("a[href]")) {
      HttpUrl href = HttpUrl.parse(link.attr("href"));
      String path = href == null ? "" : String.join("/", href.pathSegments()).strip();
      if (!path.isEmpty()) {
        return Optional.of(path);
      }
    }
    String plain = body.text().strip();
    return plain.isEmpty() ? Optional.empty() : Optional.of(plain);
  }

  /**
   * {@code <Precision> <first 7 of Model sha>}: stable across syncs and distinct for a model's precisions
   * and re-submissions. Rows that still share a variant all get their {@code eval_name} appended (so
   * their names do not depend on row order); only rows that still collide are numbered by order.
   */
  static List<String> variants(List<Map<String, JsonNode>> rows, List<String> subjects) {
    List<String> variants = new ArrayList<>();
    for (Map<String, JsonNode> row : rows) {
      String precision = text(row.get(PRECISION)).orElse("");
      String sha = text(row.get(SHA)).map(s -> s.length() > SHORT_SHA ? s.substring(0, SHORT_SHA) : s).orElse("");
      variants.add(join(precision, sha));
    }
    List<String> withEvalName = new ArrayList<>(variants);
    Map<String, Integer> counts = count(subjects, variants);
    for (int i = 0; i < rows.size(); i++) {
      if (counts.get(subjects.get(i) + "\n" + variants.get(i)) > 1) {
        withEvalName.set(i, join(variants.get(i), text(rows.get(i).get(EVAL_NAME)).orElse("")));
      }
    }
    counts = count(subjects, withEvalName);
    Map<String, Integer> seen = new HashMap<>();
    List<String> result = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String key = subjects.get(i) + "\n" + withEvalName.get(i);
      int n = seen.merge(key, 1, Integer::sum);
      result.add(counts.get(key) > 1 ? join(withEvalName.get(i), "#" + n) : withEvalName.get(i));
    }
    return result;
  }

  private static Map<String, Integer> count(List<String> subjects, List<String> variants) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < subjects.size(); i++) {
      counts.merge(subjects.get(i) + "\n" + variants.get(i), 1, Integer::sum);
    }
    return counts;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
  }

  private static void requireColumns(Board board, DatasetRows rows) throws FetchException {
    Set<String> have = new LinkedHashSet<>(rows.columns());
    List<String> required = new ArrayList<>();
    board.metrics().forEach(m -> required.add(m.column()));
    required.add(PRECISION);
    required.add(SHA);
    for (String column : required) {
      if (!have.contains(column)) {
        throw missing(board, rows, "column '" + column + "'");
      }
    }
    if (!have.contains(FULLNAME) && !have.contains(MODEL)) {
      throw missing(board, rows, "column '" + FULLNAME + "' (and '" + MODEL + "')");
    }
  }

  private static FetchException missing(Board board, DatasetRows rows, String what) {
    return new FetchException(rows.url(), 200, board.source() + ": " + rows.url() + ": " + what + " missing (have: "
        + String.join(", ", rows.columns()) + ")");
  }

  /** A cell's text, stripped; empty for absent, null and blank cells. */
  static Optional<String> text(JsonNode cell) {
    if (cell == null || cell.isNull() || cell.isMissingNode() || cell.isContainerNode()) {
      return Optional.empty();
    }
    String text = cell.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A number in canonical form and the upstream's text when that differs. */
  record Decimal(String value, String raw) {}

  /**
   * A numeric cell. JSON numbers arrive as exact decimals (the fetcher never reads them as doubles);
   * numeric text is accepted too. Absent, null, blank and NaN cells give nothing; anything else that is
   * not a number means the table changed.
   */
  static Optional<Decimal> number(JsonNode cell, Board board, String url, int row, String column) throws FetchException {
    if (cell == null || cell.isNull() || cell.isMissingNode()) {
      return Optional.empty();
    }
    if (cell.isNumber()) {
      if ((cell.isDouble() || cell.isFloat()) && !Double.isFinite(cell.doubleValue())) {
        return Optional.empty();
      }
      BigDecimal value = cell.decimalValue();
      String raw = cell.isBigDecimal() ? value.toString() : cell.asText();
      return Optional.of(new Decimal(Scores.format(value), raw));
    }
    if (cell.isTextual()) {
      String raw = cell.asText();
      Optional<BigDecimal> value = Scores.parse(raw);
      if (value.isPresent()) {
        return Optional.of(new Decimal(Scores.format(value.get()), raw));
      }
      String t = raw.strip();
      if (t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("nan")) {
        return Optional.empty();
      }
    }
    throw new FetchException(url, 200, board.source() + ": " + url + ": row " + row + ": column '"
        + column + "' is not a number: " + cell);
  }

  /** The URL of the /rows page each row was read from (the client reads pages in order from offset 0). */
  static final class PageUrls {
    private final HttpUrl first;
    private final int length;

    PageUrls(String firstPage) {
      this.first = HttpUrl.get(firstPage);
      String len = first.queryParameter("length");
      this.length = len == null ? 0 : Integer.parseInt(len);
    }

    String forRow(int index) {
      if (length <= 0 || index < length) {
        return first.toString();
      }
      long offset = (long) (index / length) * length;
      HttpUrl.Builder builder = first.newBuilder().query(null);
      for (int i = 0; i < first.querySize(); i++) {
        String name = first.queryParameterName(i);
        builder.addQueryParameter(name, name.equals("offset") ? String.valueOf(offset) : first.queryParameterValue(i));
      }
      return builder.build().toString();
    }
  }
}
