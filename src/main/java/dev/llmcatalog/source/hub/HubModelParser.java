package dev.llmcatalog.source.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.normalize.Scores;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link HubModel} from a model-info or model-list item; tolerant of absent, null and extra keys. */
final class HubModelParser {
  private HubModelParser() {}

  /** @throws IllegalArgumentException when the item has no {@code id} */
  static HubModel parse(JsonNode item) {
    String id = text(item, "id");
    if (id == null) {
      id = text(item, "modelId");
    }
    if (id == null) {
      throw new IllegalArgumentException("model item without 'id'");
    }
    List<String> tags = new ArrayList<>();
    JsonNode tagsNode = item.path("tags");
    if (tagsNode.isArray()) {
      tagsNode.forEach(t -> {
        if (t.isTextual()) {
          tags.add(t.asText());
        }
      });
    }
    return new HubModel(
        id,
        text(item, "sha"),
        text(item, "lastModified"),
        text(item, "createdAt"),
        number(item.get("downloads")),
        number(item.get("likes")),
        license(item.path("cardData").get("license"), tags),
        text(item, "pipeline_tag"),
        text(item, "library_name"),
        parameters(item),
        gated(item.get("gated")),
        tags,
        evalResults(item.get("evalResults")));
  }

  /**
   * {@code evalResults}: entries {@code {dataset: {id, task_id, revision?}, value, date?, source {url, ...}?, notes?,
   * verifyToken?}}, each bare or wrapped as {@code {"data": entry, ...}} (as huggingface_hub's
   * {@code parse_eval_result_entries} accepts them). An entry without a dataset id or a value is passed over (that
   * client would raise on it): one odd file of a model must not fail the Hub source.
   */
  static List<EvalResult> evalResults(JsonNode node) {
    List<EvalResult> results = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return results;
    }
    for (JsonNode item : node) {
      JsonNode entry = item.has("data") ? item.get("data") : item;
      JsonNode dataset = entry.path("dataset");
      String id = text(dataset, "id");
      JsonNode value = entry.get("value");
      if (id == null || value == null || value.isNull() || value.isContainerNode()) {
        continue;
      }
      String served = value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
      String canonical = value.isNumber() ? Scores.format(value.decimalValue()) : served;
      JsonNode verified = item.has("data") ? item.get("verified") : entry.get("verified");
      results.add(new EvalResult(id, text(dataset, "task_id"), canonical, served, text(entry, "date"),
          text(entry.path("source"), "url"), text(entry, "notes"),
          verified != null && verified.isBoolean() ? String.valueOf(verified.booleanValue()) : null));
    }
    return results;
  }

  /** cardData.license (string or list), else the {@code license:} tags. */
  private static String license(JsonNode cardLicense, List<String> tags) {
    List<String> names = new ArrayList<>();
    if (cardLicense != null && cardLicense.isTextual() && !cardLicense.asText().isBlank()) {
      names.add(cardLicense.asText().strip());
    } else if (cardLicense != null && cardLicense.isArray()) {
      cardLicense.forEach(l -> {
        if (l.isTextual() && !l.asText().isBlank()) {
          names.add(l.asText().strip());
        }
      });
    }
    if (names.isEmpty()) {
      tags.stream().filter(t -> t.startsWith("license:")).map(t -> t.substring("license:".length())).forEach(names::add);
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /** safetensors.total, else gguf.total; counts exceed 2^31. */
  private static Long parameters(JsonNode item) {
    Long total = number(item.path("safetensors").get("total"));
    return total != null ? total : number(item.path("gguf").get("total"));
  }

  /** false | true | "auto" | "manual", kept as text. */
  private static String gated(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return String.valueOf(node.booleanValue());
    }
    return node.isTextual() ? node.asText() : null;
  }

  private static String text(JsonNode item, String key) {
    JsonNode node = item.get(key);
    return node == null || !node.isTextual() || node.asText().isEmpty() ? null : node.asText();
  }

  private static Long number(JsonNode node) {
    return node != null && node.isIntegralNumber() ? node.longValue() : null;
  }
}
