package dev.llmcatalog.source.openllm;

import java.util.List;

/**
 * One Open LLM Leaderboard table as the dataset viewer serves it: the source name, the {@code contents}
 * dataset, and which columns hold which canonical metric. Both editions share the other columns
 * ({@code fullname}, {@code Model}, {@code Precision}, {@code Model sha}, ...).
 */
record Board(String source, String dataset, List<Metric> metrics) {
  static final String CONFIG = "default";
  static final String SPLIT = "train";

  Board {
    metrics = List.copyOf(metrics);
  }

  /** A score column, matched by its exact name (emoji and spaces included), and its canonical key. */
  record Metric(String key, String column) {}
}
