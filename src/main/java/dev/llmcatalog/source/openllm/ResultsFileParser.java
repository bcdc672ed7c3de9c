package dev.llmcatalog.source.openllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the Open LLM Leaderboard v1 scores from its raw results files ({@code results_<timestamp>.json}
 * of the dataset {@code open-llm-leaderboard-old/results}) with the leaderboard's own formula: ARC =
 * {@code harness|arc:challenge|25} acc_norm, HellaSwag = {@code harness|hellaswag|10} acc_norm, MMLU = the
 * unweighted mean of acc over the 57 {@code harness|hendrycksTest-*|5} tasks, TruthfulQA =
 * {@code harness|truthfulqa:mc|0} mc2, Winogrande = {@code harness|winogrande|5} acc, GSM8K =
 * {@code harness|gsm8k|5} acc, each x100. The file's {@code all} block is a mean over every sub-task, not
 * the leaderboard's Average, and is ignored.
 */
final class ResultsFileParser {
  static final int MMLU_TASKS = 57;
  private static final String MMLU_PREFIX = "harness|hendrycksTest-";
  private static final String MMLU_SUFFIX = "|5";

  /** Benchmark key -> [task, metric] for the benchmarks read from one task. */
  private static final Map<String, String[]> SINGLE_TASK = new LinkedHashMap<>();

  static {
    SINGLE_TASK.put("arc", new String[] {"harness|arc:challenge|25", "acc_norm"});
    SINGLE_TASK.put("hellaswag", new String[] {"harness|hellaswag|10", "acc_norm"});
    SINGLE_TASK.put("truthfulqa", new String[] {"harness|truthfulqa:mc|0", "mc2"});
    SINGLE_TASK.put("winogrande", new String[] {"harness|winogrande|5", "acc"});
    SINGLE_TASK.put("gsm8k", new String[] {"harness|gsm8k|5", "acc"});
  }

  private ResultsFileParser() {}

  /**
   * Scores of one results file: either a whole file (with a top-level {@code results} object) or just its
   * {@code results} object.
   *
   * @throws IllegalArgumentException when the text is not such JSON, or a task lacks its metric
   */
  static BenchmarkScores parse(String json) {
    try {
      return parse(Mappers.PYTHON_JSON.readTree(json)); // the harness writes NaN (Python's json)
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a results file: " + e.getOriginalMessage(), e);
    }
  }

  static BenchmarkScores parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a results file: expected a JSON object");
    }
    JsonNode results = root.path("results").isObject() ? root.get("results") : root;
    Map<String, BigDecimal> scores = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> benchmark : SINGLE_TASK.entrySet()) {
      JsonNode task = results.get(benchmark.getValue()[0]);
      if (task != null) {
        metric(task, benchmark.getValue()[0], benchmark.getValue()[1])
            .ifPresent(v -> scores.put(benchmark.getKey(), Scores.percent(v)));
      }
    }
    mmlu(results).ifPresent(v -> scores.put("mmlu", v));
    return new BenchmarkScores(scores);
  }

  /** Several files of one model, oldest first: a later file's benchmark replaces an earlier one's. */
  static BenchmarkScores merge(List<String> filesOldestFirst) {
    BenchmarkScores merged = new BenchmarkScores(Map.of());
    for (String file : filesOldestFirst) {
      merged = merged.overriddenBy(parse(file));
    }
    return merged;
  }

  private static Optional<BigDecimal> mmlu(JsonNode results) {
    List<BigDecimal> accs = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    results.properties().forEach(e -> {
      if (e.getKey().startsWith(MMLU_PREFIX) && e.getKey().endsWith(MMLU_SUFFIX)) {
        tasks.add(e.getKey());
      }
    });
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    // A partial MMLU run would silently give a different benchmark: refuse it rather than guess.
    if (tasks.size() != MMLU_TASKS) {
      throw new IllegalArgumentException("MMLU needs " + MMLU_TASKS + " '" + MMLU_PREFIX + "*" + MMLU_SUFFIX
          + "' tasks, the file has " + tasks.size());
    }
    for (String task : tasks) {
      Optional<BigDecimal> acc = metric(results.get(task), task, "acc");
      if (acc.isEmpty()) {
        return Optional.empty();
      }
      accs.add(acc.get());
    }
    BigDecimal sum = accs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return Optional.of(sum.movePointRight(2).divide(BigDecimal.valueOf(accs.size()), Scores.SCALE, RoundingMode.HALF_UP));
  }

  /** The metric's exact value; empty for NaN (the harness's "no result"). */
  private static Optional<BigDecimal> metric(JsonNode task, String taskName, String metric) {
    JsonNode value = task.get(metric);
    if (value != null && value.isNumber() && !value.isBigDecimal() && value.isFloatingPointNumber()
        && !Double.isFinite(value.doubleValue())) {
      return Optional.empty();
    }
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("task '" + taskName + "' has no number '" + metric + "'"
          + (value == null ? "" : ": " + value));
    }
    return Optional.of(value.decimalValue());
  }
}
