package dev.llmcatalog.source.opencompass;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Scores;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CompassRank's JSON: the list of editions and an edition file's {@code OverallTable}. Pure: a problem that
 * spoils the whole answer is an {@link IllegalArgumentException} saying what is wrong (the client adds source and
 * URL); a problem with one entry of the edition list is reported in the {@link EditionList}, so that the other
 * editions can still be read.
 *
 * <p>Which row fields are scores is decided by name, never by type alone, because the rows mix scores with metadata
 * that can be numeric too. The field names are those public crawlers of CompassRank read (see the fixtures'
 * SOURCES.md): {@link #KNOWN_METRICS} are the board's dimensions, {@link #METADATA_FIELDS} describe the row. A field
 * in neither list follows the board's naming: its dimensions are capitalized ({@code Average}, {@code Math},
 * {@code Average_CN}), its metadata lower case ({@code num}, {@code update_time}, {@code chat_or_base}). So an unknown
 * capitalized field with a number is a new dimension and becomes a metric (the dimension set changes between
 * editions), and an unknown lower-case one is left out; the source logs both so that a person can add them here.
 */
final class CompassRankParser {
  /** The backend's "ok" code; anything else is an error answer even with HTTP 200. */
  static final String OK = "10000";
  static final String OVERALL_TABLE = "OverallTable";
  /** Row fields that describe the model, stored as attributes. */
  static final String MODEL = "model";
  static final String ORG = "org";
  static final String CHAT_OR_BASE = "chat_or_base";
  /** Attribute keys the source emits besides scores; a score may not take one of these names. */
  static final String NAME = "name";
  static final String EDITION = "edition";
  static final String EDITION_DATE = "edition_date";
  private static final Set<String> ATTRIBUTE_FIELDS = Set.of(MODEL, ORG, CHAT_OR_BASE);
  private static final Set<String> ATTRIBUTE_KEYS = Set.of(NAME, ORG, CHAT_OR_BASE, EDITION, EDITION_DATE);
  /**
   * Row fields known to be metadata, never scores, whatever their type: {@code num}, {@code time} and
   * {@code update_time} sit in {@code OverallTable} rows beside the scores; {@code rank} and {@code release} in the
   * file's {@code models} entries; {@code key} in the rows of the site's other boards (a row index).
   */
  static final Set<String> METADATA_FIELDS = Set.of("num", "time", "update_time", "rank", "release", "key");
  /**
   * The board's dimensions so far (2024: Average, Language, Knowledge, Reasoning, Math, Code, Agent; the mid-2024
   * static file also Average_CN and Average_EN; 2026: no Language, no Agent), by canonical metric key.
   */
  private static final Map<String, String> KNOWN_METRICS = Map.of(
      "Average", "average", "Language", "language", "Knowledge", "knowledge", "Reasoning", "reasoning",
      "Math", "math", "Code", "code", "Agent", "agent", "Average_CN", "average_cn", "Average_EN", "average_en");

  private CompassRankParser() {}

  /** Numbers as exact decimals ({@code 50.3} stays 50.3, {@code 57.0} keeps its text for {@code raw}). */
  static JsonNode readJson(byte[] body) throws IOException {
    return Mappers.JSON.readTree(body);
  }

  /**
   * The editions in the order listed; {@code answer} is the {@code listRankTableAvailableMonths} body. An answer
   * that is not ok or lists nothing usable throws; an entry that cannot be read is reported, not thrown.
   */
  static EditionList parseEditions(JsonNode answer) {
    if (!answer.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with msgCode and data");
    }
    JsonNode code = answer.get("msgCode");
    if (code == null || code.isNull()) {
      throw new IllegalArgumentException("msgCode missing (have: " + fieldNames(answer) + ")");
    }
    if (!code.asText().equals(OK)) {
      throw new IllegalArgumentException("msgCode " + code.asText() + ", expected " + OK
          + (answer.path("msg").isTextual() ? " (msg: " + answer.get("msg").asText() + ")" : ""));
    }
    JsonNode data = answer.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalArgumentException("'data' array missing (have: " + fieldNames(answer) + ")");
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("'data' lists no edition");
    }
    Map<String, List<JsonNode>> byMonth = new LinkedHashMap<>();
    List<String> unnamed = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      String month = item.isObject() ? optionalText(item, "month") : null;
      if (month == null) {
        unnamed.add("data[" + i + "] (" + (item.isObject() ? "have: " + fieldNames(item) : item.getNodeType()) + ")");
        continue;
      }
      byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(item);
    }
    if (byMonth.isEmpty()) {
      throw new IllegalArgumentException("no entry of 'data' names a month: " + String.join(", ", unnamed));
    }
    List<Edition> editions = new ArrayList<>();
    List<EditionList.Unusable> unusable = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> listed : byMonth.entrySet()) {
      String month = listed.getKey();
      Set<Edition> entries = new LinkedHashSet<>();
      listed.getValue().forEach(item -> entries.add(
          new Edition(month, optionalText(item, "fileName"), optionalText(item, "updateTime"))));
      Edition edition = entries.iterator().next();
      if (entries.size() > 1) {
        unusable.add(new EditionList.Unusable(month, "listed " + listed.getValue().size() + " times with different entries"
            + " (fileName " + String.join(", ", entries.stream().map(e -> String.valueOf(e.fileName())).toList()) + ")"));
      } else if (edition.fileName() == null) {
        unusable.add(new EditionList.Unusable(month, "listed without a fileName (have: "
            + fieldNames(listed.getValue().get(0)) + ")"));
      } else {
        editions.add(edition);
      }
    }
    return new EditionList(editions, unusable, unnamed);
  }

  /**
   * The rows of an edition file's {@code OverallTable}, in board order, with identical repeated rows dropped. Scores
   * may be numbers or numeric strings ({@code "83.3"}); {@code null}, {@code "-"} and blanks are no score.
   */
  static TableRows parseOverallTable(JsonNode file) {
    JsonNode table = file.isObject() ? file.get(OVERALL_TABLE) : null;
    if (table == null || !table.isArray()) {
      throw new IllegalArgumentException(OVERALL_TABLE + " missing (have: " + fieldNames(file) + ")");
    }
    if (table.isEmpty()) {
      throw new IllegalArgumentException(OVERALL_TABLE + " is empty");
    }
    Map<String, BoardRow> rows = new LinkedHashMap<>();
    Set<String> newDimensions = new LinkedHashSet<>();
    Set<String> ignored = new LinkedHashSet<>();
    boolean anyScore = false;
    for (int i = 0; i < table.size(); i++) {
      String where = OVERALL_TABLE + "[" + i + "]";
      JsonNode item = table.get(i);
      if (!item.isObject()) {
        throw new IllegalArgumentException(where + " is not an object");
      }
      String model = text(item, MODEL, where);
      BoardRow row = new BoardRow(model, optionalText(item, ORG), optionalText(item, CHAT_OR_BASE),
          scores(item, where + " (" + model + ")", newDimensions, ignored));
      anyScore |= !row.scores().isEmpty();
      BoardRow before = rows.putIfAbsent(model, row);
      if (before != null && !before.equals(row)) {
        throw new IllegalArgumentException("model '" + model + "' listed twice with different values");
      }
    }
    if (!anyScore) {
      throw new IllegalArgumentException(OVERALL_TABLE + " has no scores (fields: " + fieldNames(table.get(0)) + ")");
    }
    return new TableRows(List.copyOf(rows.values()), List.copyOf(newDimensions), List.copyOf(ignored));
  }

  /**
   * The canonical key of a board dimension: the known ones by name, any other lower-cased with each run
   * of characters other than letters and digits as one {@code _}.
   */
  static String metricKey(String field) {
    String known = KNOWN_METRICS.get(field);
    if (known != null) {
      return known;
    }
    String key = field.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("no usable metric name in field '" + field + "'");
    }
    return key;
  }

  /** Whether {@code field}, in neither list, is named as the board names its dimensions (capitalized). */
  static boolean looksLikeDimension(String field) {
    return !field.isEmpty() && Character.isUpperCase(field.codePointAt(0));
  }

  private static Map<String, BigDecimal> scores(JsonNode item, String where, Set<String> newDimensions, Set<String> ignored) {
    Map<String, BigDecimal> scores = new LinkedHashMap<>();
    Map<String, String> fieldOf = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      String name = field.getKey();
      if (ATTRIBUTE_FIELDS.contains(name) || METADATA_FIELDS.contains(name)) {
        continue;
      }
      Optional<BigDecimal> value;
      if (KNOWN_METRICS.containsKey(name)) {
        value = score(field.getValue(), where + ": '" + name + "'");
      } else {
        value = number(field.getValue());
        if (value.isEmpty()) {
          continue; // text, flags and nulls in a field we do not know are no scores
        }
        if (!looksLikeDimension(name)) {
          ignored.add(name);
          continue;
        }
        newDimensions.add(name);
      }
      if (value.isEmpty()) {
        continue;
      }
      String key = metricKey(name);
      if (ATTRIBUTE_KEYS.contains(key)) {
        throw new IllegalArgumentException(where + ": numeric field '" + name + "' clashes with the attribute '" + key + "'");
      }
      String other = fieldOf.putIfAbsent(key, name);
      if (other != null) {
        throw new IllegalArgumentException(where + ": fields '" + other + "' and '" + name + "' both give '" + key + "'");
      }
      scores.put(key, value.get());
    }
    return scores;
  }

  /** A known dimension's value: a number, a numeric string, or no score; anything else means the layout changed. */
  private static Optional<BigDecimal> score(JsonNode value, String what) {
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    Optional<BigDecimal> number = number(value);
    if (number.isPresent()) {
      return number;
    }
    if (value.isTextual() && isNoScore(value.asText())) {
      return Optional.empty();
    }
    throw new IllegalArgumentException(what + " is " + value + ", expected a number, a numeric string, \"-\" or null");
  }

  /** A JSON number, or a string holding one ({@code "83.3"}); empty for anything else. */
  private static Optional<BigDecimal> number(JsonNode value) {
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    return value.isTextual() ? Scores.parse(value.asText()) : Optional.empty();
  }

  /** The texts that say "no score" ({@link Scores#parse} reads none of them as a number). */
  private static boolean isNoScore(String text) {
    String t = text.strip();
    return t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("null");
  }

  private static String text(JsonNode item, String field, String where) {
    JsonNode node = item.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": '" + field + "' missing (have: " + fieldNames(item) + ")");
    }
    return node.asText();
  }

  private static String optionalText(JsonNode item, String field) {
    JsonNode node = item.get(field);
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }
}
