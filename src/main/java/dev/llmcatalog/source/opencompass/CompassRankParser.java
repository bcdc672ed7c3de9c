package dev.llmcatalog.source.opencompass;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads CompassRank's JSON: the list of editions and an edition file's {@code OverallTable}. Pure: every
 * problem is an {@link IllegalArgumentException} saying what is wrong; the client adds source and URL.
 */
final class CompassRankParser {
  /** Numbers as exact decimals ({@code 50.3} stays 50.3, {@code 57.0} keeps its text for {@code raw}). */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  /** The backend's "ok" code; anything else is an error answer even with HTTP 200. */
  static final String OK = "10000";
  static final String OVERALL_TABLE = "OverallTable";
  /** Row fields that describe the model; every other numeric field is a score. */
  static final String MODEL = "model";
  static final String ORG = "org";
  static final String CHAT_OR_BASE = "chat_or_base";
  /** Attribute keys the source emits besides scores; a score may not take one of these names. */
  static final String NAME = "name";
  static final String EDITION = "edition";
  static final String EDITION_DATE = "edition_date";
  private static final Set<String> ATTRIBUTE_FIELDS = Set.of(MODEL, ORG, CHAT_OR_BASE);
  private static final Set<String> ATTRIBUTE_KEYS = Set.of(NAME, ORG, CHAT_OR_BASE, EDITION, EDITION_DATE);
  /** The board's dimensions so far (2024: all seven; 2026: no Language, no Agent). */
  private static final Map<String, String> KNOWN_METRICS = Map.of(
      "Average", "average", "Language", "language", "Knowledge", "knowledge", "Reasoning", "reasoning",
      "Math", "math", "Code", "code", "Agent", "agent");

  private CompassRankParser() {}

  static JsonNode readJson(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  /** The editions in the order listed; {@code answer} is the {@code listRankTableAvailableMonths} body. */
  static List<Edition> parseEditions(JsonNode answer) {
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
    List<Edition> editions = new ArrayList<>();
    Set<String> months = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      String month = text(item, "month", "data[" + i + "]");
      String fileName = text(item, "fileName", "data[" + i + "]");
      String updateTime = text(item, "updateTime", "data[" + i + "]");
      if (!months.add(month)) {
        throw new IllegalArgumentException("month '" + month + "' listed twice");
      }
      editions.add(new Edition(month, fileName, updateTime));
    }
    return editions;
  }

  /** The rows of an edition file's {@code OverallTable}, in board order, with identical repeated rows dropped. */
  static List<BoardRow> parseOverallTable(JsonNode file) {
    JsonNode table = file.isObject() ? file.get(OVERALL_TABLE) : null;
    if (table == null || !table.isArray()) {
      throw new IllegalArgumentException(OVERALL_TABLE + " missing (have: " + fieldNames(file) + ")");
    }
    if (table.isEmpty()) {
      throw new IllegalArgumentException(OVERALL_TABLE + " is empty");
    }
    Map<String, BoardRow> rows = new LinkedHashMap<>();
    boolean anyScore = false;
    for (int i = 0; i < table.size(); i++) {
      String where = OVERALL_TABLE + "[" + i + "]";
      JsonNode item = table.get(i);
      if (!item.isObject()) {
        throw new IllegalArgumentException(where + " is not an object");
      }
      String model = text(item, MODEL, where);
      BoardRow row = new BoardRow(model, optionalText(item, ORG), optionalText(item, CHAT_OR_BASE),
          scores(item, where + " (" + model + ")"));
      anyScore |= !row.scores().isEmpty();
      BoardRow before = rows.putIfAbsent(model, row);
      if (before != null && !before.equals(row)) {
        throw new IllegalArgumentException("model '" + model + "' listed twice with different values");
      }
    }
    if (!anyScore) {
      throw new IllegalArgumentException(OVERALL_TABLE + " has no numeric scores (fields: " + fieldNames(table.get(0)) + ")");
    }
    return List.copyOf(rows.values());
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

  private static Map<String, BigDecimal> scores(JsonNode item, String where) {
    Map<String, BigDecimal> scores = new LinkedHashMap<>();
    Map<String, String> fieldOf = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      if (ATTRIBUTE_FIELDS.contains(field.getKey()) || !field.getValue().isNumber()) {
        continue;
      }
      String key = metricKey(field.getKey());
      if (ATTRIBUTE_KEYS.contains(key)) {
        throw new IllegalArgumentException(where + ": numeric field '" + field.getKey() + "' clashes with the attribute '" + key + "'");
      }
      String other = fieldOf.putIfAbsent(key, field.getKey());
      if (other != null) {
        throw new IllegalArgumentException(where + ": fields '" + other + "' and '" + field.getKey() + "' both give '" + key + "'");
      }
      scores.put(key, field.getValue().decimalValue());
    }
    return scores;
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
