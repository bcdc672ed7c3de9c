package dev.llmcatalog.source.openllm;

import dev.llmcatalog.normalize.Scores;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Open LLM Leaderboard v1 scores of one model computed from raw results files: 0-100, rounded to
 * {@link Scores#SCALE} places, keyed like {@link Board#V1} ({@code arc, hellaswag, mmlu, truthfulqa,
 * winogrande, gsm8k}). A benchmark the files do not cover is absent.
 */
record BenchmarkScores(Map<String, BigDecimal> scores) {
  static final List<String> KEYS = List.of("arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k");

  BenchmarkScores {
    for (String key : scores.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown benchmark '" + key + "' (known: " + KEYS + ")");
      }
    }
    Map<String, BigDecimal> ordered = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (scores.get(key) != null) {
        ordered.put(key, scores.get(key));
      }
    }
    scores = Collections.unmodifiableMap(ordered);
  }

  Optional<BigDecimal> find(String key) {
    return Optional.ofNullable(scores.get(key));
  }

  /** The leaderboard's Average: the mean of the six, present only when all six are. */
  Optional<BigDecimal> average() {
    return scores.size() == KEYS.size() ? Optional.of(Scores.mean(scores.values())) : Optional.empty();
  }

  /** These scores with every benchmark {@code later} has replaced (a newer results file wins per benchmark). */
  BenchmarkScores overriddenBy(BenchmarkScores later) {
    Map<String, BigDecimal> merged = new LinkedHashMap<>(scores);
    merged.putAll(later.scores);
    return new BenchmarkScores(merged);
  }
}
