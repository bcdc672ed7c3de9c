package dev.llmcatalog.source.arena;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.format.CsvException;
import dev.llmcatalog.format.CsvRecords;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.source.datasets.DatasetRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the Arena's three upstream shapes (dataset rows, Space CSV tables, arena-catalog JSON) into observations. */
final class ArenaParser {
  // Current board (dataset viewer, or arena-catalog's ratings as a fallback).
  static final String RATING = "rating";
  static final String RANK = "rank";
  static final String ORGANIZATION = "organization";
  static final String LICENSE = "license";
  static final String PUBLISH_DATE = "publish_date";
  // Space history tables.
  static final String MT_BENCH = "mt_bench";
  static final String MMLU = "mmlu";
  static final String ELO = "elo";
  static final String MT_BENCH_WIN_RATE = "mt_bench_win_rate";
  static final String KNOWLEDGE_CUTOFF = "knowledge_cutoff";
  static final String NAME = "name";
  static final String EDITION_DATE = "edition_date";
  // arena-catalog.
  static final String CATALOG_RATING = "catalog_rating";
  static final String CATALOG_RATING_Q975 = "catalog_rating_q975";
  static final String CATALOG_RATING_Q025 = "catalog_rating_q025";

  static final String MODEL_NAME = "model_name";
  static final String CATEGORY = "category";
  static final String PUBLISH_DATE_COLUMN = "leaderboard_publish_date";
  /** Columns of the dataset's rows that the current board needs (every config scored by rating has them). */
  static final List<String> CURRENT_COLUMNS =
      List.of(MODEL_NAME, ORGANIZATION, RATING, RANK, CATEGORY, LICENSE, PUBLISH_DATE_COLUMN);
  /** The dataset's overall category is arena-catalog's {@code full} (the name its results files use). */
  static final Map<String, String> CATALOG_CATEGORIES = Map.of("overall", "full");

  private static final Pattern TABLE_FILE = Pattern.compile("leaderboard_table_(\\d{8})\\.csv");
  private static final Logger log = LoggerFactory.getLogger(ArenaParser.class);

  private ArenaParser() {}

  /** The current board: observations and the newest publish date (ISO), or null when no row gives one. */
  record Board(List<Observation> observations, String dataDate) {
    Board {
      observations = List.copyOf(observations);
    }
  }

  /** A {@code leaderboard_table_YYYYMMDD.csv} of the Space; {@code newest} for the newest one it has. */
  record TableFile(String path, LocalDate date, boolean newest) {
    /**
     * The Space became a static page when it was renamed to {@code lmarena-ai/arena-leaderboard}: its newest table,
     * of 2025-08-04, is the last one. Its rows say so in their variant, so that no table or diff shows them as the
     * current board; their {@code edition_date} is the table's own date.
     */
    static final String FROZEN = "frozen-table";

    TableFile(String path, LocalDate date) {
      this(path, date, false);
    }

    /**
     * Names the table's rows across syncs: the newest table is always {@code frozen-table} (were the Space to
     * publish again, a diff would compare each model with the previous newest table); older tables, when more are
     * read, keep their date.
     */
    String variant() {
      return newest ? FROZEN : "table-" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
  }

  // ---- current board: dataset lmarena-ai/leaderboard-dataset ----

  /**
   * The rows of one category of a config's {@code latest} split, as the viewer's {@code /filter} serves them: every
   * row must be of that category (else the filter was not applied), and there must be some. When rows of several
   * publish dates are present, only the newest date's rows are the board the site shows.
   */
  static Board parseCurrent(DatasetRows rows, String category) throws FetchException {
    String url = rows.url();
    List<String> missing = CURRENT_COLUMNS.stream().filter(c -> !rows.columns().contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new FetchException(url, 200, url + ": " + columns(missing) + " missing (have: " + rows.columns() + ")");
    }
    if (rows.rows().isEmpty()) {
      throw new FetchException(url, 200, url + ": no row of " + CATEGORY + " '" + category + "' (the category is empty"
          + " or gone)");
    }
    LocalDate newest = null;
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < rows.rows().size(); i++) {
      Map<String, JsonNode> row = rows.rows().get(i);
      String rowCategory = text(row.get(CATEGORY));
      if (!category.equals(rowCategory)) {
        throw new FetchException(url, 200, url + ": row " + i + " is of " + CATEGORY + " '" + rowCategory + "', not '"
            + category + "' (the viewer did not filter)");
      }
      LocalDate date = date(text(row.get(PUBLISH_DATE_COLUMN)), url, "row " + i).orElse(null);
      dates.add(date);
      newest = date != null && (newest == null || date.isAfter(newest)) ? date : newest;
    }
    Collector out = new Collector();
    int older = 0;
    for (int i = 0; i < rows.rows().size(); i++) {
      if (newest != null && !newest.equals(dates.get(i))) {
        older++;
        continue;
      }
      Map<String, JsonNode> row = rows.rows().get(i);
      String where = "row " + i;
      String model = text(row.get(MODEL_NAME));
      if (model == null || model.isBlank()) {
        throw new FetchException(url, 200, url + ": " + where + ": empty " + MODEL_NAME);
      }
      String subject = model;
      out.add(number(subject, "", RATING, text(row.get(RATING)), url, where + " (" + model + ")")
          .orElseThrow(() -> new FetchException(url, 200, url + ": " + where + " (" + model + "): no " + RATING)));
      number(subject, "", RANK, text(row.get(RANK)), url, where + " (" + model + ")").ifPresent(out::add);
      attribute(subject, "", ORGANIZATION, text(row.get(ORGANIZATION)), url).ifPresent(out::add);
      attribute(subject, "", LICENSE, text(row.get(LICENSE)), url).ifPresent(out::add);
      if (dates.get(i) != null) {
        out.add(new Observation(subject, "", PUBLISH_DATE, dates.get(i).toString(), text(row.get(PUBLISH_DATE_COLUMN)), url));
      }
    }
    if (older > 0) {
      log.warn("arena: {} of {} rows of {} are of an older publish date than {}; the board is the newest date's rows", older,
          rows.rows().size(), url, newest);
    }
    return new Board(out.list(), newest == null ? null : newest.toString());
  }

  // ---- history: the Space's leaderboard_table_YYYYMMDD.csv files ----

  /** The file paths of one page of {@code GET /api/spaces/{id}/tree/main} (folders left out). */
  static List<String> parseTreePage(String body, String url) throws FetchException {
    JsonNode page = json(body, url);
    if (!page.isArray()) {
      throw new FetchException(url, 200, url + ": expected a JSON array of files, got " + page.getNodeType());
    }
    List<String> files = new ArrayList<>();
    for (JsonNode entry : page) {
      if (!entry.path("path").isTextual() || !entry.path("type").isTextual()) {
        throw new FetchException(url, 200, url + ": tree entry without 'path' or 'type': " + entry);
      }
      if (entry.path("type").asText().equals("file")) {
        files.add(entry.path("path").asText());
      }
    }
    return files;
  }

  /** The {@code count} newest tables among the Space's files, newest first. */
  static List<TableFile> pickTables(List<String> files, int count, String url) throws FetchException {
    Map<LocalDate, TableFile> tables = new HashMap<>();
    for (String file : files) {
      Matcher m = TABLE_FILE.matcher(file);
      if (m.matches()) {
        try {
          LocalDate date = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
          tables.putIfAbsent(date, new TableFile(file, date));
        } catch (DateTimeParseException notADate) {
          // leaderboard_table_99999999.csv is not a dated table: not ours
        }
      }
    }
    if (tables.isEmpty()) {
      throw new FetchException(url, 200, url + ": no leaderboard_table_YYYYMMDD.csv among " + files.size() + " files");
    }
    List<TableFile> newestFirst = tables.values().stream().sorted(Comparator.comparing(TableFile::date).reversed())
        .limit(count).toList();
    List<TableFile> picked = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      picked.add(new TableFile(newestFirst.get(i).path(), newestFirst.get(i).date(), i == 0));
    }
    return picked;
  }

  /**
   * One history table. Its columns changed over the years (2023: no {@code key}, an Elo column and an
   * MT-bench win rate; 2024 on: {@code key}, {@code Organization}, a knowledge cutoff and no Elo), so
   * every known column is read when present; {@code Model} and one score column are required.
   */
  static List<Observation> parseTable(String csv, TableFile file, String url) throws FetchException {
    List<List<String>> records;
    try {
      records = CsvRecords.read(csv).stream().map(CsvRecords.Row::fields).toList();
    } catch (CsvException e) {
      throw new FetchException(url, 200, url + ": not a readable CSV file (" + e.getMessage() + ")");
    }
    if (records.isEmpty()) {
      throw new FetchException(url, 200, url + ": empty file");
    }
    List<String> header = records.get(0).stream().map(String::strip).toList();
    Map<String, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.putIfAbsent(header.get(i), i);
    }
    if (!at.containsKey("Model")) {
      throw new FetchException(url, 200, url + ": column 'Model' missing (have: " + header + ")");
    }
    if (!at.containsKey("MT-bench (score)") && !at.containsKey("MMLU") && !at.containsKey("Arena Elo rating")) {
      throw new FetchException(url, 200, url + ": none of the columns 'MT-bench (score)', 'MMLU', 'Arena Elo rating' (have: "
          + header + ")");
    }
    if (records.size() < 2) {
      throw new FetchException(url, 200, url + ": the table has a header but no rows");
    }
    String variant = file.variant();
    String editionDate = file.date().toString();
    Collector out = new Collector();
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() != header.size()) {
        throw new FetchException(url, 200, url + ": record " + r + " has " + record.size() + " fields, the header "
            + header.size());
      }
      Map<String, String> cell = new HashMap<>();
      at.forEach((column, i) -> cell.put(column, record.get(i).strip()));
      String name = cell.get("Model");
      String subject = at.containsKey("key") ? cell.get("key") : name;
      if (subject.isEmpty()) {
        throw new FetchException(url, 200, url + ": record " + r + ": empty " + (at.containsKey("key") ? "key" : "Model"));
      }
      String where = "record " + r + " (" + subject + ")";
      out.add(new Observation(subject, variant, EDITION_DATE, editionDate, null, url));
      if (at.containsKey("key") && !name.isEmpty()) {
        out.add(new Observation(subject, variant, NAME, name, null, url));
      }
      number(subject, variant, MT_BENCH, cell.get("MT-bench (score)"), url, where).ifPresent(out::add);
      Optional<Observation> mmlu = number(subject, variant, MMLU, cell.get("MMLU"), url, where);
      if (mmlu.isPresent()) {
        out.add(fractionAsPercent(mmlu.get(), url, where));
      }
      number(subject, variant, ELO, cell.get("Arena Elo rating"), url, where).ifPresent(out::add);
      String winRate = cell.get("MT-bench (win rate %)");
      if (winRate != null) {
        String bare = winRate.endsWith("%") ? winRate.substring(0, winRate.length() - 1) : winRate;
        number(subject, variant, MT_BENCH_WIN_RATE, bare, url, where)
            .map(o -> new Observation(o.subject(), o.variant(), o.key(), o.value(), winRate, o.url())).ifPresent(out::add);
      }
      attribute(subject, variant, LICENSE, cell.get("License"), url).ifPresent(out::add);
      attribute(subject, variant, ORGANIZATION, cell.get("Organization"), url).ifPresent(out::add);
      attribute(subject, variant, KNOWLEDGE_CUTOFF, cell.get("Knowledge cutoff date"), url).ifPresent(out::add);
    }
    return out.list();
  }

  /** The tables show MMLU as a 0-1 fraction; the catalog's MMLU is 0-100 like every other board's. */
  private static Observation fractionAsPercent(Observation fraction, String url, String where) throws FetchException {
    BigDecimal value = new BigDecimal(fraction.value());
    if (value.compareTo(BigDecimal.ONE) > 0) {
      throw new FetchException(url, 200, url + ": " + where + ": MMLU '" + fraction.value() + "' is not a 0-1 fraction");
    }
    String raw = fraction.raw() != null ? fraction.raw() : fraction.value();
    return new Observation(fraction.subject(), fraction.variant(), fraction.key(), Scores.format(Scores.percent(value)),
        raw, fraction.url());
  }

  // ---- arena-catalog: data/leaderboard-<board>.json ----

  /** arena-catalog's name for a category of the dataset: {@code overall} is {@code full}; the others are alike. */
  static String catalogCategory(String category) {
    return CATALOG_CATEGORIES.getOrDefault(category, category);
  }

  /** One category of {@code {category: {model: {rating, rating_q975, rating_q025}}}} as catalog_rating keys. */
  static List<Observation> parseCatalog(String body, String url, String category) throws FetchException {
    Collector out = new Collector();
    for (Map.Entry<String, JsonNode> model : catalogModels(body, url, category)) {
      String subject = model.getKey();
      String where = category + "." + subject;
      out.add(catalogNumber(subject, model.getValue(), "rating", CATALOG_RATING, url, where));
      out.add(catalogNumber(subject, model.getValue(), "rating_q975", CATALOG_RATING_Q975, url, where));
      out.add(catalogNumber(subject, model.getValue(), "rating_q025", CATALOG_RATING_Q025, url, where));
    }
    return out.list();
  }

  /**
   * The fallback board: each model's rating from the same category of arena-catalog's file for the board. Its keys
   * are the dataset's model names, so the rows stay the same models; arena-catalog gives no rank, organization,
   * license or date, so the board has none of them.
   */
  static Board parseCatalogBoard(String body, String url, String category) throws FetchException {
    Collector out = new Collector();
    for (Map.Entry<String, JsonNode> model : catalogModels(body, url, category)) {
      out.add(catalogNumber(model.getKey(), model.getValue(), "rating", RATING, url, category + "." + model.getKey()));
    }
    return new Board(out.list(), null);
  }

  private static List<Map.Entry<String, JsonNode>> catalogModels(String body, String url, String category)
      throws FetchException {
    JsonNode root = json(body, url);
    JsonNode models = root.path(category);
    if (!models.isObject()) {
      List<String> have = new ArrayList<>();
      root.fieldNames().forEachRemaining(have::add);
      throw new FetchException(url, 200, url + ": category '" + category + "' missing (have: " + have + ")");
    }
    if (models.isEmpty()) {
      throw new FetchException(url, 200, url + ": category '" + category + "' has no models");
    }
    return new ArrayList<>(models.properties());
  }

  private static Observation catalogNumber(String subject, JsonNode model, String field, String key, String url,
      String where) throws FetchException {
    JsonNode node = model.path(field);
    if (!node.isNumber()) {
      throw new FetchException(url, 200, url + ": " + where + ": '" + field + "' missing or not a number");
    }
    BigDecimal value = node.decimalValue();
    return new Observation(subject, "", key, Scores.format(value), node.isIntegralNumber() ? node.asText() : value.toPlainString(), url);
  }

  // ---- shared helpers ----

  private static JsonNode json(String body, String url) throws FetchException {
    try {
      JsonNode node = Mappers.JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new FetchException(url, 200, url + ": empty body, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new FetchException(url, 200, url + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /** A cell's text: numbers in their JSON text, null for JSON null or an absent cell. */
  private static String text(JsonNode cell) {
    if (cell == null || cell.isNull() || cell.isMissingNode()) {
      return null;
    }
    if (cell.isNumber() && !cell.isIntegralNumber() && cell.isBigDecimal()) {
      return cell.decimalValue().toPlainString();
    }
    // A double prints as its shortest round-trip text (what Python's json also writes), e.g. 1470.0.
    return cell.isValueNode() ? cell.asText() : cell.toString();
  }

  /** A number from its upstream text; empty for a blank, "-" or NaN cell; anything else non-numeric is a layout change. */
  private static Optional<Observation> number(String subject, String variant, String key, String text, String url,
      String where) throws FetchException {
    if (text == null) {
      return Optional.empty();
    }
    Optional<BigDecimal> value = Scores.parse(text);
    if (value.isEmpty()) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      if (t.isEmpty() || t.equals("-") || t.equals("nan") || t.equals("null")) {
        return Optional.empty();
      }
      throw new FetchException(url, 200, url + ": " + where + ": " + key + " '" + text + "' is not a number");
    }
    return Optional.of(new Observation(subject, variant, key, Scores.format(value.get()), text.strip(), url));
  }

  /** A text attribute as given; blank and "-" mean missing. */
  private static Optional<Observation> attribute(String subject, String variant, String key, String text, String url) {
    if (text == null || text.isBlank() || text.strip().equals("-")) {
      return Optional.empty();
    }
    return Optional.of(new Observation(subject, variant, key, text.strip(), null, url));
  }

  /** An ISO date from {@code 2025-08-04}, {@code 2025-08-04T00:00:00} or {@code 20250804}. */
  private static Optional<LocalDate> date(String text, String url, String where) throws FetchException {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    try {
      if (t.matches("\\d{8}")) {
        return Optional.of(LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}([T ].*)?")) {
        return Optional.of(LocalDate.parse(t.substring(0, 10)));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new FetchException(url, 200, url + ": " + where + ": " + PUBLISH_DATE_COLUMN + " '" + text + "' is not a date");
  }

  private static String columns(List<String> names) {
    return names.size() == 1 ? "column '" + names.get(0) + "'"
        : "columns " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
  }

  /**
   * Keeps one observation per (subject, variant, key). Upstream tables repeat rows now and then (the
   * 2025-05-11 table lists yi-34b-chat twice); the first row wins and a conflicting repeat is logged.
   */
  private static final class Collector {
    private final Map<List<String>, Observation> byKey = new LinkedHashMap<>();

    void add(Observation o) {
      Observation first = byKey.putIfAbsent(List.of(o.subject(), o.variant(), o.key()), o);
      if (first != null && !first.value().equals(o.value())) {
        log.warn("arena: {} {} {}: '{}' and '{}' in {}; keeping the first", o.subject(), o.variant(), o.key(),
            first.value(), o.value(), o.url());
      }
    }

    List<Observation> list() {
      return List.copyOf(byKey.values());
    }
  }
}
