package dev.llmcatalog.source.opencompass;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.format.CsvException;
import dev.llmcatalog.format.CsvRecords;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CSV that OpenCompass's summarizer writes beside {@code summary_<time>.txt}
 * ({@code opencompass/summarizers/default.py}): the header {@code dataset,version,metric,mode,<model abbr>...}
 * and one row per dataset and metric, scores as {@code %.2f} and {@code -} where a model has none.
 * Each score becomes the observation {@code <dataset>.<metric>} of the model column it is in.
 */
public final class SummaryCsvParser {
  /** The source name imported summaries are stored under, apart from the CompassRank board. */
  public static final String SOURCE = CatalogConfig.OPENCOMPASS_LOCAL;
  static final List<String> FIXED_COLUMNS = List.of("dataset", "version", "metric", "mode");
  /** The summarizer names its files {@code summary_<%Y%m%d_%H%M%S>.csv}: the only date the format carries. */
  private static final Pattern SUMMARY_FILE = Pattern.compile("summary_(\\d{4})(\\d{2})(\\d{2})_\\d{6}\\.csv");
  /** Written by the summarizer for a missing score, and by Python's {@code '%.2f' % nan}. */
  private static final Set<String> NO_SCORE = Set.of("-", "nan", "");

  private SummaryCsvParser() {}

  /**
   * @param fileName the file's name, which may carry the run's date
   * @param url where the file was read (a {@code file:} URI), stored with every value
   * @throws CsvException naming the line when the text is not a summarizer CSV, or the file when it holds no score
   */
  public static SourceData parse(String text, String fileName, String url) {
    List<CsvRecords.Row> rows = CsvRecords.read(text);
    if (rows.isEmpty()) {
      throw new CsvException(1, "empty file, expected the header " + String.join(",", FIXED_COLUMNS) + ",<model>...");
    }
    List<String> models = models(rows.get(0));
    List<Observation> observations = new ArrayList<>();
    Map<String, Seen> seen = new HashMap<>();
    for (CsvRecords.Row row : rows.subList(1, rows.size())) {
      List<String> fields = row.fields();
      if (fields.size() != FIXED_COLUMNS.size() + models.size()) {
        throw new CsvException(row.line(), fields.size() + " fields, expected " + (FIXED_COLUMNS.size() + models.size())
            + " (" + String.join(",", FIXED_COLUMNS) + " and " + models.size() + " model" + (models.size() == 1 ? "" : "s") + ")");
      }
      String dataset = fields.get(0).strip();
      String metric = fields.get(2).strip();
      if (dataset.isEmpty()) {
        throw new CsvException(row.line(), "empty dataset name");
      }
      for (int m = 0; m < models.size(); m++) {
        String cell = fields.get(FIXED_COLUMNS.size() + m).strip();
        Optional<BigDecimal> score = score(cell, row.line(), models.get(m));
        if (score.isEmpty()) {
          continue;
        }
        // The summarizer writes "-" as the metric of a dataset without results; a score there is not its output.
        if (metric.isEmpty() || metric.equals("-")) {
          throw new CsvException(row.line(), "dataset '" + dataset + "' has a score but no metric");
        }
        String key = dataset.toLowerCase(Locale.ROOT) + "." + metric.toLowerCase(Locale.ROOT);
        String value = Scores.format(score.get());
        Seen before = seen.putIfAbsent(models.get(m) + '\u0000' + key, new Seen(row.line(), value));
        if (before == null) {
          observations.add(new Observation(models.get(m), "", key, value, null, url));
        } else if (!before.value().equals(value)) {
          // A summarizer config may list a dataset twice; the same score twice is harmless, two scores are not.
          throw new CsvException(row.line(), key + " of " + models.get(m) + " is " + cell + " here but "
              + before.value() + " on line " + before.line());
        }
      }
    }
    if (observations.isEmpty()) {
      throw new CsvException(0, "no scores: every value is '-'");
    }
    return SourceData.of(observations, dataDate(fileName));
  }

  private static List<String> models(CsvRecords.Row header) {
    List<String> fields = header.fields().stream().map(String::strip).toList();
    if (fields.size() < FIXED_COLUMNS.size() || !fields.subList(0, FIXED_COLUMNS.size()).equals(FIXED_COLUMNS)) {
      throw new CsvException(header.line(), "expected the header " + String.join(",", FIXED_COLUMNS)
          + ",<model>... of an OpenCompass summary, got '" + String.join(",", header.fields()) + "'");
    }
    List<String> models = fields.subList(FIXED_COLUMNS.size(), fields.size());
    if (models.isEmpty()) {
      throw new CsvException(header.line(), "no model columns after " + String.join(",", FIXED_COLUMNS));
    }
    Set<String> unique = new HashSet<>();
    for (String model : models) {
      if (model.isEmpty()) {
        throw new CsvException(header.line(), "empty model name in the header");
      }
      if (!unique.add(model)) {
        throw new CsvException(header.line(), "model '" + model + "' appears twice in the header");
      }
    }
    return models;
  }

  private static Optional<BigDecimal> score(String cell, int line, String model) {
    if (NO_SCORE.contains(cell.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(Scores.parse(cell).orElseThrow(
        () -> new CsvException(line, "score of " + model + " is not a number: '" + cell + "'")));
  }

  static String dataDate(String fileName) {
    Matcher m = SUMMARY_FILE.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).toString();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private record Seen(int line, String value) {}
}
