package dev.llmcatalog.source.tabby;

import com.fasterxml.jackson.core.JacksonException;
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
    TabbyYaml root = read(yaml).orElseThrow(() -> new IllegalArgumentException("empty file: no models"));
    if (!(root instanceof TabbyYaml.Mapping file)) {
      throw new IllegalArgumentException("expected a mapping of models, got " + describe(root) + at(root.line()));
    }
    List<TabbyModel> models = new ArrayList<>();
    for (TabbyYaml.Entry entry : file.entries()) {
      models.add(model(entry));
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no models");
    }
    return new TabbyBoard(models);
  }

  /** The file's one value; empty for a file without any (nothing, or only comments). */
  private static Optional<TabbyYaml> read(byte[] yaml) {
    try (JsonParser p = Mappers.YAML.createParser(yaml)) {
      return p.nextToken() == null ? Optional.empty() : Optional.of(Mappers.YAML.readValue(p, TabbyYaml.class));
    } catch (JacksonException e) {
      // SnakeYAML's messages span lines; a failure reason is one line.
      String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").strip();
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException("not valid YAML: " + message + at(line), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does no I/O
    }
  }

  private static TabbyModel model(TabbyYaml.Entry model) {
    String name = model.key();
    String where = "model '" + name + "'" + at(model.line());
    if (!(model.value() instanceof TabbyYaml.Mapping modeEntries)) {
      throw new IllegalArgumentException(where + ": expected a mapping of modes (Baseline, BM25, Oracle), got "
          + describe(model.value()));
    }
    Map<String, List<TabbyScore>> modes = new LinkedHashMap<>();
    Map<String, String> modeKeys = new LinkedHashMap<>();
    for (TabbyYaml.Entry entry : modeEntries.entries()) {
      String key = entry.key();
      String mode = canonical(key);
      String modeLabel = "model '" + name + "' mode '" + key + "'";
      String modeWhere = modeLabel + at(entry.line());
      if (mode.isEmpty()) {
        throw new IllegalArgumentException(modeWhere + ": not a usable mode name");
      }
      if (modeKeys.containsKey(mode)) {
        throw new IllegalArgumentException(modeWhere + ": same mode as '" + modeKeys.get(mode) + "'");
      }
      modeKeys.put(mode, key);
      if (!(entry.value() instanceof TabbyYaml.Mapping languages)) {
        throw new IllegalArgumentException(modeWhere + ": expected a mapping of languages to percents, got "
            + describe(entry.value()));
      }
      modes.put(mode, scores(languages, modeLabel, modeWhere));
    }
    for (String required : MODES) {
      if (!modes.containsKey(required)) {
        throw new IllegalArgumentException(where + ": mode '" + required + "' missing (have: " + String.join(", ", modeKeys.values()) + ")");
      }
    }
    return new TabbyModel(name, modes);
  }

  private static List<TabbyScore> scores(TabbyYaml.Mapping languages, String modeLabel, String modeWhere) {
    List<TabbyScore> scores = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (TabbyYaml.Entry entry : languages.entries()) {
      String key = entry.key();
      String language = canonical(key);
      String where = modeLabel + " language '" + key + "'" + at(entry.line());
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
      Optional<String> number = numberText(entry.value());
      Optional<BigDecimal> value = number.flatMap(Scores::parse);
      if (value.isEmpty()) {
        // YAML also has numbers like .nan, .inf, 0x10 and 1_000; no board uses them, so they fail loudly.
        throw new IllegalArgumentException(where + ": expected a decimal number, got "
            + number.map(text -> "'" + text + "'").orElse(describe(entry.value())));
      }
      scores.add(new TabbyScore(language, value.get(), number.get().strip()));
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

  /** The text of a YAML number; a quoted one is a string to the site, which then concatenates instead of adding. */
  private static Optional<String> numberText(TabbyYaml value) {
    return value instanceof TabbyYaml.Other scalar
        && (scalar.token() == JsonToken.VALUE_NUMBER_INT || scalar.token() == JsonToken.VALUE_NUMBER_FLOAT)
        ? Optional.of(scalar.text()) : Optional.empty();
  }

  private static String describe(TabbyYaml value) {
    if (!(value instanceof TabbyYaml.Other other)) {
      return "a mapping";
    }
    return switch (other.token()) {
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "nothing (null)";
      case VALUE_TRUE, VALUE_FALSE -> "the boolean " + other.text();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + other.text();
      default -> "the text '" + other.text() + "'";
    };
  }

  private static String at(int line) {
    return line < 1 ? "" : " (line " + line + ")";
  }
}
