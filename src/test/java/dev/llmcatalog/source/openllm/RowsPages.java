package dev.llmcatalog.source.openllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Observation;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;

/** Builds and edits dataset-viewer {@code /rows} answers for tests, keeping numbers as exact decimals. */
final class RowsPages {
  private RowsPages() {}

  static ObjectNode read(String json) {
    try {
      return (ObjectNode) Mappers.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(JsonNode node) {
    return node.toString();
  }

  /** The answer with each row's cells changed by {@code edit} (row objects, in order). */
  static String editRows(String json, Consumer<List<ObjectNode>> edit) {
    ObjectNode page = read(json);
    List<ObjectNode> rows = new java.util.ArrayList<>();
    page.withArray("rows").forEach(item -> rows.add((ObjectNode) item.get("row")));
    edit.accept(rows);
    return write(page);
  }

  /** The answer without {@code column}: gone from {@code features} and from every row. */
  static String withoutColumn(String json, String column) {
    ObjectNode page = read(json);
    ArrayNode features = page.withArray("features");
    for (int i = features.size() - 1; i >= 0; i--) {
      if (features.get(i).path("name").asText().equals(column)) {
        features.remove(i);
      }
    }
    page.withArray("rows").forEach(item -> ((ObjectNode) item.get("row")).remove(column));
    return write(page);
  }

  /** The same rows served as the page at {@code offset} of a table of {@code total} rows. */
  static String asPage(String json, long offset, long total) {
    ObjectNode page = read(json);
    long idx = offset;
    for (JsonNode item : page.withArray("rows")) {
      ((ObjectNode) item).put("row_idx", idx++);
    }
    page.put("num_rows_total", total);
    return write(page);
  }

  /** A page of {@code count} generated v1 rows ({@code test-org/model-<n>}) with the features of {@code template}. */
  static String generatedV1Page(String template, int offset, int count, long total) {
    ObjectNode page = read(template);
    ArrayNode rows = page.putArray("rows");
    for (int n = offset; n < offset + count; n++) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("Precision", "float16");
      row.put("fullname", "test-org/model-" + n);
      row.put("Model sha", String.format("%040x", n));
      for (String column : List.of("Average ⬆️", "ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K")) {
        row.put(column, new java.math.BigDecimal(n + ".5"));
      }
      ObjectNode item = rows.addObject();
      item.put("row_idx", n);
      item.set("row", row);
      item.putArray("truncated_cells");
    }
    page.put("num_rows_total", total);
    return write(page);
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** Observations by {@code subject|variant|key}, failing on a repeated triple. */
  static Map<String, Observation> byKey(List<Observation> observations) {
    Map<String, Observation> map = new LinkedHashMap<>();
    for (Observation o : observations) {
      Observation previous = map.put(o.subject() + "|" + o.variant() + "|" + o.key(), o);
      if (previous != null) {
        throw new AssertionError("observed twice: " + o.subject() + "|" + o.variant() + "|" + o.key());
      }
    }
    return map;
  }
}
