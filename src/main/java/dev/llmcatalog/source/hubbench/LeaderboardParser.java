package dev.llmcatalog.source.hubbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one answer of {@code GET /api/datasets/{id}/leaderboard}: a JSON array in rank order, each entry with
 * {@code rank}, {@code modelId}, {@code value}, {@code verified}, {@code filename}, {@code author {type, name}} and,
 * not on every board, {@code source {url, name, isExternal}}, {@code pullRequest} and {@code notes}. The first
 * {@code top} entries become values of their model in the variant named by the board's dataset id, the value exactly
 * as served (its text kept as raw when it has trailing zeros: the Hub does not rescale, and neither does this). An
 * entry without a model id, a rank or a numeric value is a changed layout, not an entry to skip.
 */
final class LeaderboardParser {
  private LeaderboardParser() {}

  /** @throws IllegalArgumentException when the answer is not the documented array of entries */
  static List<Observation> parse(JsonNode answer, String board, int top, String url) {
    if (answer == null || !answer.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of leaderboard entries");
    }
    List<Observation> observations = new ArrayList<>();
    Set<String> models = new HashSet<>();
    int position = 0;
    for (JsonNode entry : answer) {
      position++;
      String model = text(entry, "modelId");
      JsonNode rank = entry.get("rank");
      BigDecimal value = number(entry.get("value"));
      if (model == null || rank == null || !rank.canConvertToLong() || !rank.isIntegralNumber() || value == null) {
        throw new IllegalArgumentException("entry #" + position + " lacks modelId, an integer rank or a numeric value");
      }
      if (!models.add(model)) {
        continue; // a second result of one model (another file): the board ranks it lower; its best entry stands
      }
      if (models.size() > top) {
        break;
      }
      add(observations, model, board, "rank", String.valueOf(rank.longValue()), null, url);
      add(observations, model, board, "value", Scores.format(value), value.toPlainString(), url);
      JsonNode verified = entry.get("verified");
      add(observations, model, board, "verified", verified != null && verified.isBoolean()
          ? String.valueOf(verified.booleanValue()) : null, null, url);
      JsonNode source = entry.path("source");
      add(observations, model, board, "source_url", text(source, "url"), null, url);
      add(observations, model, board, "source_name", text(source, "name"), null, url);
      add(observations, model, board, "notes", text(entry, "notes"), null, url);
      add(observations, model, board, "filename", text(entry, "filename"), null, url);
      add(observations, model, board, "author", text(entry.path("author"), "name"), null, url);
      JsonNode pr = entry.get("pullRequest");
      add(observations, model, board, "pull_request", pr != null && pr.isIntegralNumber() ? pr.asText() : null, null, url);
    }
    return observations;
  }

  private static void add(List<Observation> out, String model, String board, String key, String value, String raw,
      String url) {
    if (value != null) {
      out.add(new Observation(model, board, key, value, raw, url));
    }
  }

  /** A JSON number, or a number given as text; null otherwise. */
  static BigDecimal number(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.isTextual() ? Scores.parse(node.asText()).orElse(null) : null;
  }

  static String text(JsonNode node, String key) {
    JsonNode n = node == null ? null : node.get(key);
    return n == null || !n.isValueNode() || n.isNull() || n.asText().isBlank() ? null : n.asText().strip();
  }
}
