package dev.llmcatalog.source.openllm;

import java.util.ArrayList;
import java.util.List;

/**
 * One Open LLM Leaderboard table as the dataset viewer serves it: the source name, the {@code contents}
 * dataset, and which columns hold which canonical metric. Both editions share the other columns
 * ({@code fullname}, {@code Model}, {@code Precision}, {@code Model sha}, ...).
 */
record Board(String source, String dataset, List<Metric> metrics) {
  static final String CONFIG = "default";
  static final String SPLIT = "train";

  /**
   * The archived v1 board (ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K and their average, 0-100 as
   * displayed).
   */
  static final Board V1 = new Board("openllm-v1", "open-llm-leaderboard-old/contents", List.of(
      new Metric("average", "Average ⬆️"),
      new Metric("arc", "ARC"),
      new Metric("hellaswag", "HellaSwag"),
      new Metric("mmlu", "MMLU"),
      new Metric("truthfulqa", "TruthfulQA"),
      new Metric("winogrande", "Winogrande"),
      new Metric("gsm8k", "GSM8K")));

  /** The v2 board (retired 2025, frozen): six normalized scores (0-100) with their 0-1 raw values, and the average. */
  static final Board V2 = new Board("openllm-v2", "open-llm-leaderboard/contents", v2Metrics());

  Board {
    metrics = List.copyOf(metrics);
  }

  private static List<Metric> v2Metrics() {
    List<Metric> metrics = new ArrayList<>();
    metrics.add(new Metric("average", "Average ⬆️"));
    String[][] benchmarks = {{"ifeval", "IFEval"}, {"bbh", "BBH"}, {"math_lvl5", "MATH Lvl 5"}, {"gpqa", "GPQA"},
        {"musr", "MUSR"}, {"mmlu_pro", "MMLU-PRO"}};
    for (String[] b : benchmarks) {
      metrics.add(new Metric(b[0], b[1]));
      metrics.add(new Metric(b[0] + "_raw", b[1] + " Raw"));
    }
    return metrics;
  }

  /** A score column, matched by its exact name (emoji and spaces included), and its canonical key. */
  record Metric(String key, String column) {}
}
