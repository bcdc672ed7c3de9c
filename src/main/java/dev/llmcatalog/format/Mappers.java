package dev.llmcatalog.format;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Jackson configurations of llm-catalog, set up once so that every reader of upstream text agrees on numbers.
 * Readers and writers rather than mappers: they are immutable, so no caller can reconfigure them for the others.
 *
 * <p>Every upstream number is read as the exact decimal of its text ({@code 50.3} stays 50.3, never the double
 * 50.299999...), trailing zeros kept ({@code 57.0} keeps its scale), so that a value's {@code raw} text can be
 * reproduced and an unchanged value is never stored again because a double printed differently.
 */
public final class Mappers {
  private static final JsonMapper EXACT_JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  /** Upstream JSON (the Hub, the dataset viewer, CompassRank, the Arena): numbers exact; NaN is not JSON and fails. */
  public static final ObjectReader JSON = EXACT_JSON.reader();

  /**
   * JSON that Python's {@code json} module wrote (MTEB's results, the Open LLM Leaderboard's results files): as
   * {@link #JSON}, and {@code NaN} and {@code Infinity} accepted (as doubles), because Python writes them for a
   * metric that failed and one such value must not make the whole file unreadable.
   */
  public static final ObjectReader PYTHON_JSON = JSON.with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  /** JSON for people and scripts ({@code diff --format json}): indented, keys in the order they were put. */
  public static final ObjectWriter PRETTY_JSON = EXACT_JSON.writerWithDefaultPrettyPrinter();

  /** YAML (leaderboard files, config): a key given twice is an error, as it is in js-yaml, not a silent override. */
  public static final ObjectReader YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()
      .reader();

  /**
   * CSV (RFC 4180) as one array of records, each an array of its fields as text: no header, no trimming, no
   * comments, no escape character but the doubled quote. {@link CsvRecords} reads it with each record's line.
   */
  public static final ObjectReader CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .build()
      .reader();

  /**
   * Config binding (a YAML tree to records): unknown keys fail, a number with a fraction is no whole number, and null
   * is no value for a primitive. Records validate in their constructors.
   */
  public static final ObjectReader CONFIG = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build()
      .reader();

  private Mappers() {}
}
