package dev.llmcatalog.source.mteb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MTEB main scores from the two places they are published: a model card's {@code model-index}
 * (0-100) and the task files of the results repository in their three formats. Pure: no I/O. A shape it
 * does not know fails with an {@link IllegalArgumentException} saying what is missing.
 *
 * <p>The three result-file formats:
 * <ul>
 *   <li>legacy (mteb before 1.11): {@code {mteb_dataset_name, <split>: {metrics}}} or, for multilingual
 *       tasks, {@code {<split>: {<subset>: {metrics}}}}; 0-1; {@code main_score} may be absent;
 *   <li>current (mteb 1.11 and later): {@code {task_name, scores: {<split>: [{hf_subset, main_score, ...}]}}}; 0-1;
 *   <li>external (imported from model cards): the current shape under {@code external/}, with
 *       {@code mteb_version} 0.0.0 and 0-100 values.
 * </ul>
 */
final class MtebParser {
  /** The results repository's folder for scores imported from model cards; they are on the 0-100 scale. */
  static final String EXTERNAL = "external";
  /** The {@code mteb_version} the results repository gives imported scores. */
  static final String EXTERNAL_VERSION = "0.0.0";
  /** Variant prefix of scores read from a model card. */
  static final String CARD = "model-index";
  /** Subset name of single-subset tasks, as mteb itself names it. */
  static final String DEFAULT_SUBSET = "default";
  /** MTEB's convention for its entries in a card: the dataset name starts with this. */
  static final String MTEB_PREFIX = "MTEB ";

  /**
   * Main metric by task type for card entries without a {@code main_score} metric (cards written before
   * mteb added one): the MTEB leaderboard's own {@code TASK_TO_METRIC}.
   */
  static final Map<String, String> CARD_MAIN_METRIC = Map.of(
      "BitextMining", "f1",
      "Classification", "accuracy",
      "Clustering", "v_measure",
      "PairClassification", "cos_sim_ap",
      "Reranking", "map",
      "Retrieval", "ndcg_at_10",
      "STS", "cos_sim_spearman",
      "Summarization", "cos_sim_spearman");

  /**
   * Keys of a legacy split object that group metrics rather than name subsets; the list mteb's own
   * converter of pre-1.11 files uses to tell the two apart.
   */
  static final Set<String> METRIC_GROUPS = Set.of("v_measures", "cos_sim", "euclidean", "manhattan", "dot", "max");

  /**
   * Speed tasks (type {@code Speed}) have throughput, not a 0-1 score, as their main score
   * ({@code avg_words_per_sec}); rescaling it to 0-100 would be wrong, so they are left out.
   */
  static final Set<String> NOT_SCORES = Set.of("CPUSpeedTask", "GPUSpeedTask");

  /**
   * For legacy files without {@code main_score}: the task type told by the metrics the file has (the file
   * does not name its type; mteb looks it up in its task registry), and that type's main metric. The
   * first rule whose marker metrics are all numbers wins; the order settles overlaps (bitext mining also
   * reports accuracy, reranking reports map and mrr while retrieval reports map_at_k).
   */
  record LegacyRule(String taskType, String metric, List<String> markers) {}

  static final List<LegacyRule> LEGACY_RULES = List.of(
      new LegacyRule("Retrieval", "ndcg_at_10", List.of("ndcg_at_10")),
      new LegacyRule("STS", "cos_sim.spearman", List.of("cos_sim.spearman")),
      new LegacyRule("PairClassification", "cos_sim.ap", List.of("cos_sim.ap")),
      new LegacyRule("Reranking", "map", List.of("map", "mrr")),
      new LegacyRule("Clustering", "v_measure", List.of("v_measure")),
      new LegacyRule("BitextMining", "f1", List.of("f1", "precision", "recall")),
      new LegacyRule("Classification", "accuracy", List.of("accuracy")));

  private static final Pattern SUBSET_SUFFIX = Pattern.compile("^(.*?)\\s*\\([^()]*\\)$");

  private MtebParser() {}

  /**
   * The MTEB main scores in a model-info answer's {@code model-index}; none when it is absent or null.
   * Only entries whose dataset name starts with {@code "MTEB "} are MTEB's; the rest are other benchmarks.
   */
  static List<MainScore> parseModelIndex(JsonNode info) {
    JsonNode index = info.get(CARD);
    if (index == null || index.isNull()) {
      return List.of();
    }
    if (!index.isArray()) {
      throw new IllegalArgumentException("'model-index' is not a list");
    }
    List<MainScore> scores = new ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      JsonNode results = index.get(i).get("results");
      if (results == null || !results.isArray()) {
        throw new IllegalArgumentException("model-index[" + i + "]: 'results' missing");
      }
      for (int j = 0; j < results.size(); j++) {
        JsonNode item = results.get(j);
        String name = text(item.path("dataset"), "name");
        if (name == null || !name.startsWith(MTEB_PREFIX)) {
          continue;
        }
        String where = "model-index[" + i + "].results[" + j + "] ('" + name + "')";
        cardScore(item, name, where).ifPresent(scores::add);
      }
    }
    return scores;
  }

  private static Optional<MainScore> cardScore(JsonNode item, String name, String where) {
    JsonNode dataset = item.path("dataset");
    String split = text(dataset, "split");
    if (split == null) {
      throw new IllegalArgumentException(where + ": 'dataset.split' missing");
    }
    String config = text(dataset, "config");
    JsonNode metrics = item.get("metrics");
    if (metrics == null || !metrics.isArray()) {
      throw new IllegalArgumentException(where + ": 'metrics' missing");
    }
    JsonNode value = metricValue(metrics, "main_score");
    if (value == null) {
      String type = text(item.path("task"), "type");
      String metric = type == null ? null : CARD_MAIN_METRIC.get(type);
      value = metric == null ? null : metricValue(metrics, metric);
      if (value == null) {
        throw new IllegalArgumentException(where + ": no 'main_score' metric and "
            + (metric == null ? "no main metric known for task type '" + type + "'" : "no '" + metric + "' metric")
            + " (have: " + metricTypes(metrics) + ")");
      }
    }
    String variant = CARD + "/" + split + "/" + (config == null ? DEFAULT_SUBSET : config);
    JsonNode main = value;
    return decimal(main, where).map(v -> new MainScore(taskOfCardName(name), variant, Scores.format(v), main.asText()));
  }

  /** {@code "MTEB AmazonReviewsClassification (zh)"} -> {@code AmazonReviewsClassification}: the subset is the config. */
  static String taskOfCardName(String name) {
    String task = name.substring(MTEB_PREFIX.length()).strip();
    Matcher m = SUBSET_SUFFIX.matcher(task);
    if (m.matches()) {
      task = m.group(1);
    }
    if (task.isEmpty()) {
      throw new IllegalArgumentException("dataset name '" + name + "' names no task");
    }
    return task;
  }

  private static JsonNode metricValue(JsonNode metrics, String type) {
    for (JsonNode metric : metrics) {
      if (type.equals(text(metric, "type"))) {
        return metric.get("value");
      }
    }
    return null;
  }

  private static List<String> metricTypes(JsonNode metrics) {
    List<String> types = new ArrayList<>();
    metrics.forEach(m -> types.add(String.valueOf(text(m, "type"))));
    return types;
  }

  /**
   * The main scores of one task file, on the 0-100 scale.
   *
   * @param revision the file's revision folder; {@code external} marks 0-100 values
   * @param fileTask the file's name without {@code .json}, the task name when the file does not give one
   */
  static List<MainScore> parseResultFile(JsonNode file, String revision, String fileTask) {
    if (!file.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    boolean percent = EXTERNAL.equals(revision) || EXTERNAL_VERSION.equals(text(file, "mteb_version"));
    JsonNode scores = file.get("scores");
    if (scores != null && scores.isObject()) {
      return parseCurrent(file, scores, revision, fileTask, percent);
    }
    List<String> splits = new ArrayList<>();
    file.properties().forEach(e -> {
      if (e.getValue().isObject()) {
        splits.add(e.getKey());
      }
    });
    if (splits.isEmpty()) {
      List<String> keys = new ArrayList<>();
      file.fieldNames().forEachRemaining(keys::add);
      throw new IllegalArgumentException("no 'scores' object (mteb 1.11+ format) and no split object (legacy format)"
          + " (have: " + keys + ")");
    }
    return parseLegacy(file, splits, revision, fileTask, percent);
  }

  private static List<MainScore> parseCurrent(JsonNode file, JsonNode scores, String revision, String fileTask,
      boolean percent) {
    String task = nameOr(text(file, "task_name"), fileTask);
    if (NOT_SCORES.contains(task)) {
      return List.of();
    }
    List<MainScore> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> split : scores.properties()) {
      JsonNode subsets = split.getValue();
      if (!subsets.isArray()) {
        throw new IllegalArgumentException("scores." + split.getKey() + ": expected a list of subsets");
      }
      for (int i = 0; i < subsets.size(); i++) {
        JsonNode entry = subsets.get(i);
        String where = "scores." + split.getKey() + "[" + i + "]";
        String subset = text(entry, "hf_subset");
        if (subset == null) {
          throw new IllegalArgumentException(where + ": 'hf_subset' missing");
        }
        if (!entry.has("main_score")) {
          throw new IllegalArgumentException(where + ": 'main_score' missing");
        }
        JsonNode main = entry.get("main_score");
        String variant = revision + "/" + split.getKey() + "/" + subset;
        decimal(main, where).ifPresent(v -> out.add(score(task, variant, v, main, percent)));
      }
    }
    return out;
  }

  private static List<MainScore> parseLegacy(JsonNode file, List<String> splits, String revision, String fileTask,
      boolean percent) {
    String task = nameOr(text(file, "mteb_dataset_name"), fileTask);
    if (NOT_SCORES.contains(task)) {
      return List.of();
    }
    // As mteb's converter decides it: any object that is not a metric group means the splits hold subsets.
    boolean hasSubsets = splits.stream().anyMatch(s -> hasSubsets(file.get(s)));
    List<MainScore> out = new ArrayList<>();
    for (String split : splits) {
      JsonNode splitNode = file.get(split);
      if (!hasSubsets) {
        legacyScore(task, revision, split, DEFAULT_SUBSET, splitNode, percent).ifPresent(out::add);
        continue;
      }
      for (Map.Entry<String, JsonNode> subset : splitNode.properties()) {
        if (subset.getValue().isObject()) {
          legacyScore(task, revision, split, subset.getKey(), subset.getValue(), percent).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static boolean hasSubsets(JsonNode split) {
    for (Map.Entry<String, JsonNode> e : split.properties()) {
      if (e.getValue().isObject() && !METRIC_GROUPS.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<MainScore> legacyScore(String task, String revision, String split, String subset,
      JsonNode metrics, boolean percent) {
    String where = split + (DEFAULT_SUBSET.equals(subset) ? "" : "." + subset);
    JsonNode value = metrics.has("main_score") ? metrics.get("main_score") : legacyMainMetric(metrics, where);
    return decimal(value, where).map(v -> score(task, revision + "/" + split + "/" + subset, v, value, percent));
  }

  private static JsonNode legacyMainMetric(JsonNode metrics, String where) {
    for (LegacyRule rule : LEGACY_RULES) {
      if (rule.markers().stream().allMatch(m -> at(metrics, m).isNumber())) {
        return at(metrics, rule.metric());
      }
    }
    List<String> keys = new ArrayList<>();
    metrics.fieldNames().forEachRemaining(keys::add);
    throw new IllegalArgumentException(where + ": no 'main_score' and no main metric of a known task type ("
        + LEGACY_RULES.stream().map(LegacyRule::metric).distinct().toList() + ") (have: " + keys + ")");
  }

  /** The node at a dotted path ({@code cos_sim.spearman}); missing nodes are missing, never null. */
  private static JsonNode at(JsonNode node, String path) {
    JsonNode current = node;
    for (String part : path.split("\\.")) {
      current = current.path(part);
    }
    return current;
  }

  private static MainScore score(String task, String variant, BigDecimal value, JsonNode upstream, boolean percent) {
    BigDecimal scaled = percent ? value : Scores.percent(value);
    return new MainScore(task, variant, Scores.format(scaled), upstream.asText());
  }

  /**
   * A score's number; empty when the upstream says there is none ({@code null}, or NaN, which Python's
   * json module writes for a failed metric).
   */
  private static Optional<BigDecimal> decimal(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
        return Optional.empty();
      }
      return Optional.of(node.decimalValue());
    }
    if (node.isTextual()) {
      String text = node.asText().strip();
      if (text.equalsIgnoreCase("nan")) {
        return Optional.empty();
      }
      return Optional.of(Scores.parse(text).orElseThrow(
          () -> new IllegalArgumentException(where + ": score '" + text + "' is not a number")));
    }
    throw new IllegalArgumentException(where + ": score is not a number (" + node.getNodeType() + ")");
  }

  private static String nameOr(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
