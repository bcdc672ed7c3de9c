package dev.llmcatalog.source.openllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.testsupport.Fixtures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsFileParserTest {
  static final String HENRY =
      "leaderboards/openllm-v1/latest_results_HenryJJ__Instruct_Yi-6B_Dolly15K_2024-01-06T09-45-44.755529.json";

  private static String shown(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static Map<String, String> shown(BenchmarkScores scores) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    scores.scores().forEach((k, v) -> out.put(k, shown(v)));
    scores.average().ifPresent(a -> out.put("average", shown(a)));
    return out;
  }

  @Test
  void reproducesTheLeaderboardRowOfHenryJJ() {
    BenchmarkScores scores = ResultsFileParser.parse(Fixtures.text(HENRY));

    // The leaderboard's row for HenryJJ/Instruct_Yi-6B_Dolly15K (and the real v1 CSV sample).
    assertThat(shown(scores)).containsExactly(Map.entry("arc", "54.86"), Map.entry("hellaswag", "75.87"),
        Map.entry("mmlu", "63.37"), Map.entry("truthfulqa", "42.84"), Map.entry("winogrande", "74.90"),
        Map.entry("gsm8k", "29.26"), Map.entry("average", "56.85"));
    // Exact decimals of the file's text, x100, rounded to six places; never through a double.
    assertThat(scores.find("arc")).contains(new BigDecimal("54.863481"));
    assertThat(scores.find("truthfulqa")).contains(new BigDecimal("42.839603"));
  }

  @Test
  void aWholeResultsFileGivesTheSameScores() {
    String file = "{\"config_general\":{\"model_name\":\"HenryJJ/Instruct_Yi-6B_Dolly15K\",\"model_dtype\":\"torch.float16\"},"
        + "\"results\":" + Fixtures.text(HENRY) + ",\"versions\":{\"all\":0}}";

    assertThat(ResultsFileParser.parse(file)).isEqualTo(ResultsFileParser.parse(Fixtures.text(HENRY)));
  }

  @Test
  void theAllBlockIsNotTheLeaderboardAverage() {
    ObjectNode results = RowsPages.read(Fixtures.text(HENRY));
    ((ObjectNode) results.get("all")).put("acc", 0.99).put("acc_norm", 0.99).put("mc2", 0.99);

    assertThat(ResultsFileParser.parse(RowsPages.write(results))).isEqualTo(ResultsFileParser.parse(Fixtures.text(HENRY)));
  }

  @Test
  void laterFilesOverrideEarlierBenchmarks() {
    String rerun = "{\"results\":{\"harness|gsm8k|5\":{\"acc\":0.3125,\"acc_stderr\":0.01}}}";

    BenchmarkScores merged = ResultsFileParser.merge(List.of(Fixtures.text(HENRY), rerun));
    BenchmarkScores reversed = ResultsFileParser.merge(List.of(rerun, Fixtures.text(HENRY)));

    assertThat(shown(merged)).containsEntry("gsm8k", "31.25").containsEntry("arc", "54.86").containsEntry("average", "57.18");
    assertThat(shown(reversed)).containsEntry("gsm8k", "29.26").containsEntry("average", "56.85");
  }

  @Test
  void withoutAllSixThereIsNoAverage() {
    ObjectNode results = RowsPages.read(Fixtures.text(HENRY));
    results.remove("harness|winogrande|5");

    BenchmarkScores scores = ResultsFileParser.parse(RowsPages.write(results));

    assertThat(scores.scores()).doesNotContainKey("winogrande").containsKey("mmlu");
    assertThat(scores.average()).isEmpty();
  }

  @Test
  void aPartialMmluIsRefused() {
    ObjectNode results = RowsPages.read(Fixtures.text(HENRY));
    results.remove("harness|hendrycksTest-virology|5");

    assertThatThrownBy(() -> ResultsFileParser.parse(RowsPages.write(results)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MMLU needs 57").hasMessageEndingWith("has 56");
  }

  @Test
  void aTaskWithoutItsMetricIsAnError() {
    ObjectNode results = RowsPages.read(Fixtures.text(HENRY));
    ((ObjectNode) results.get("harness|arc:challenge|25")).remove("acc_norm");

    assertThatThrownBy(() -> ResultsFileParser.parse(RowsPages.write(results)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 'harness|arc:challenge|25' has no number 'acc_norm'");
  }

  @Test
  void aNanMetricLeavesTheBenchmarkOut() {
    String text = Fixtures.text(HENRY).replace("\"mc2\": 0.42839602626744816", "\"mc2\": NaN");
    assertThat(text).contains("NaN");

    BenchmarkScores scores = ResultsFileParser.parse(text);

    assertThat(scores.scores()).doesNotContainKey("truthfulqa").containsKey("arc");
  }

  @Test
  void notJsonIsAnError() {
    assertThatThrownBy(() -> ResultsFileParser.parse("<html>")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a results file");
    assertThatThrownBy(() -> ResultsFileParser.parse("[1]")).hasMessage("not a results file: expected a JSON object");
  }
}
