package dev.llmcatalog.source.tabby;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Scores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one board file of the TabbyML Coding LLMs Leaderboard: {@code model -> {Baseline, BM25, Oracle} ->
 * {language: percent}}. Lenient where YAML is (indentation, spacing, key casing), strict where the site
 * itself would break or mislead (no models, a missing mode, a score that is not a number).
 */
final class TabbyParser {
  /** The context modes the site renders; it fails on a model lacking any of them, so do we. */
  static final List<String> MODES = List.of("baseline", "bm25", "oracle");
  /** Suffix of the per-mode average key, e.g. {@code bm25_average}. */
  static final String AVERAGE = "average";

  private TabbyParser() {}

  /** @throws IllegalArgumentException saying what is wrong and on which line */
  static TabbyBoard parse(byte[] yaml) {
    // Streaming rather than readTree: the tree turns numbers into doubles and forgets lines, and we need
    // each score's text and each error's line. Duplicate keys are an error (Mappers.YAML), as they are in js-yaml.
    try (JsonParser p = Mappers.YAML.createParser(yaml)) {
      JsonToken root = p.nextToken();
      if (root == null) {
        throw new IllegalArgumentException("empty file: no models");
      }
      if (root != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a mapping of models, got " + describe(p) + at(p));
      }
      List<TabbyModel> models = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        models.add(model(p));
      }
      if (models.isEmpty()) {
        throw new IllegalArgumentException("no models");
      }
      return new TabbyBoard(models);
    } catch (JacksonException e) {
      // SnakeYAML's messages span lines; a failure reason is one line.
      String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").strip();
      throw new IllegalArgumentException("not valid YAML: " + message + at(e.getLocation()), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does no I/O
    }
  }

  private static TabbyModel model(JsonParser p) throws IOException {
    String name = p.currentName();
    String where = "model '" + name + "'" + at(p);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException(where + ": expected a mapping of modes (Baseline, BM25, Oracle), got " + describe(p));
    }
    Map<String, List<TabbyScore>> modes = new LinkedHashMap<>();
    Map<String, String> modeKeys = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String mode = canonical(key);
      String modeLabel = "model '" + name + "' mode '" + key + "'";
      String modeWhere = modeLabel + at(p);
      if (mode.isEmpty()) {
        throw new IllegalArgumentException(modeWhere + ": not a usable mode name");
      }
      if (modeKeys.containsKey(mode)) {
        throw new IllegalArgumentException(modeWhere + ": same mode as '" + modeKeys.get(mode) + "'");
      }
      modeKeys.put(mode, key);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(modeWhere + ": expected a mapping of languages to percents, got " + describe(p));
      }
      modes.put(mode, scores(p, modeLabel, modeWhere));
    }
    for (String required : MODES) {
      if (!modes.containsKey(required)) {
        throw new IllegalArgumentException(where + ": mode '" + required + "' missing (have: " + String.join(", ", modeKeys.values()) + ")");
      }
    }
    return new TabbyModel(name, modes);
  }

  private static List<TabbyScore> scores(JsonParser p, String modeLabel, String modeWhere) throws IOException {
    List<TabbyScore> scores = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String language = canonical(key);
      String where = modeLabel + " language '" + key + "'" + at(p);
      if (language.isEmpty()) {
        throw new IllegalArgumentException(where + ": not a usable language name");
      }
      if (language.equals(AVERAGE)) {
        throw new IllegalArgumentException(where + ": clashes with the computed average");
      }
      if (keys.containsKey(language)) {
        throw new IllegalArgumentException(where + ": same language as '" + keys.get(language) + "'");
      }
      keys.put(language, key);
      JsonToken token = p.nextToken();
      // A quoted number would be a string to the site, which then concatenates instead of adding.
      boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
      Optional<BigDecimal> value = number ? Scores.parse(p.getText()) : Optional.empty();
      if (value.isEmpty()) {
        // YAML also has numbers like .nan, .inf, 0x10 and 1_000; no board uses them, so they fail loudly.
        throw new IllegalArgumentException(where + ": expected a decimal number, got "
            + (number ? "'" + p.getText() + "'" : describe(p)));
      }
      scores.add(new TabbyScore(language, value.get(), p.getText().strip()));
    }
    if (scores.isEmpty()) {
      throw new IllegalArgumentException(modeWhere + ": no languages");
    }
    return scores;
  }

  /**
   * A stable key for a language or mode as the files spell it: {@code C#} -> {@code csharp},
   * {@code TypeScript} and {@code Typescript} -> {@code typescript}, {@code BM25} -> {@code bm25}. Any
   * other name is lower-cased without its non-alphanumerics, after spelling out {@code #} and {@code +}
   * so that C, C# and C++ stay apart ({@code c}, {@code csharp}, {@code cpp}).
   */
  static String canonical(String key) {
    return key.strip().toLowerCase(Locale.ROOT).replace("#", "sharp").replace("+", "p").replaceAll("[^a-z0-9]", "");
  }

  /**
   * The average the site shows for one mode: the mean over the languages the mode has (a missing
   * language is not counted as 0, it is left out), rounded to 2 places.
   *
   * <p>Rounded exactly as the site rounds it, including its binary floating point. Found in TabbyML/leaderboard
   * {@code src/App.tsx}, function {@code addAverage} (read at commit 61af706b95fb1fc923c36e712a3d334304a98932, the
   * same at 01c5a68dcbdbda8c01df26d818164895e0b8dab9): it sums the mode's values ({@code Object.values}, so file
   * order and only the languages present) as JavaScript numbers, divides by their count, multiplies by 100,
   * applies {@code Math.round} and divides by 100. A decimal HALF_UP rounding of the exact mean would
   * disagree with the page whenever the exact mean ends in 5 at the third place and the double lands just
   * below it: StarCoder-1B Oracle in {@code tabby.yml} is exactly 35.145, the page shows 35.14, not 35.15
   * (7 of the 117 averages in the fixtures differ so). Doubles are used for that replay only; the scores
   * themselves are exact decimals read from the file's text.
   */
  static BigDecimal siteAverage(List<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("average of nothing");
    }
    double sum = 0;
    for (BigDecimal value : values) {
      sum += Double.parseDouble(value.toString()); // what JavaScript's number parsing gives for the text
    }
    // Java's Math.round, like JavaScript's, rounds half-way cases towards positive infinity.
    long hundredths = Math.round(sum / values.size() * 100);
    return BigDecimal.valueOf(hundredths, 2);
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "nothing (null)";
      case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
      default -> "the text '" + p.getText() + "'";
    };
  }

  private static String at(JsonParser p) {
    return at(p.currentTokenLocation());
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
  }
}
