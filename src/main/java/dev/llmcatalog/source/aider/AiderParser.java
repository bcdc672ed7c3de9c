package dev.llmcatalog.source.aider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code polyglot_leaderboard.yml}: a list of benchmark runs. Each run becomes a variant (its {@code dirname},
 * unique per run) of its {@code model}, with the scores as given ({@code pass_rate_2}, the board's ranking, is the
 * percentage of the 225 exercises solved within two tries) and its edit format, date and aider version. A run without
 * a model or a pass rate is a layout change, not a run to skip.
 */
final class AiderParser {
  /** Numbers stored per run, by the file's own key. */
  static final List<String> NUMBERS = List.of("pass_rate_2", "pass_rate_1", "percent_cases_well_formed", "total_cost",
      "seconds_per_case", "test_cases");
  /** Text stored per run. */
  static final List<String> TEXTS = List.of("edit_format", "date", "versions");

  private AiderParser() {}

  static SourceData parse(byte[] yaml, String url) {
    JsonNode runs;
    try {
      // Decimals read from their text, as every board is: 35.6 stays 35.6.
      runs = Mappers.YAML.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable: " + e.getMessage(), e);
    }
    if (runs == null || !runs.isArray() || runs.isEmpty()) {
      throw new IllegalArgumentException("expected a non-empty list of benchmark runs");
    }
    List<Observation> observations = new ArrayList<>();
    Set<String> dirnames = new HashSet<>();
    String newest = null;
    for (JsonNode run : runs) {
      String dirname = text(run, "dirname");
      String model = text(run, "model");
      if (dirname == null || model == null || !run.path("pass_rate_2").isNumber()) {
        throw new IllegalArgumentException("run " + (dirname == null ? "#" + (observations.size() + 1) : dirname)
            + " lacks dirname, model or a numeric pass_rate_2");
      }
      if (!dirnames.add(dirname)) {
        throw new IllegalArgumentException("run " + dirname + " is listed twice");
      }
      for (String key : NUMBERS) {
        JsonNode n = run.get(key);
        if (n != null && n.isNumber()) {
          BigDecimal value = n.decimalValue();
          observations.add(new Observation(model, dirname, key, Scores.format(value), value.toPlainString(), url));
        } else if (n != null && !n.isNull()) {
          throw new IllegalArgumentException("run " + dirname + ": " + key + " is not a number: " + n.asText());
        }
      }
      for (String key : TEXTS) {
        String value = text(run, key);
        if (value != null) {
          observations.add(new Observation(model, dirname, key, value, null, url));
        }
      }
      String date = text(run, "date");
      if (date != null && (newest == null || date.compareTo(newest) > 0)) {
        newest = date;
      }
    }
    return SourceData.of(observations, newest);
  }

  private static String text(JsonNode run, String key) {
    JsonNode n = run.get(key);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().strip();
  }
}
