package dev.llmcatalog.source.opencompass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.format.CsvException;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SummaryCsvParserTest {
  private static final String REAL = "leaderboards/opencompass/summary_csv_internlm2-1.8b-hf_ceval.csv";
  private static final String MULTI = "leaderboards/opencompass/summary_20240412_093015.csv";
  private static final String URL = "file:///runs/summary.csv";

  private static SourceData parse(String fixture) {
    String name = fixture.substring(fixture.lastIndexOf('/') + 1);
    return SummaryCsvParser.parse(Fixtures.text(fixture), name, URL);
  }

  private static Map<String, String> values(SourceData data, String model) {
    return data.observations().stream().filter(o -> o.subject().equals(model))
        .collect(Collectors.toMap(Observation::key, Observation::value));
  }

  @Test
  void readsEveryScoreOfTheRealSummary() {
    SourceData data = parse(REAL);

    assertThat(data.observations()).hasSize(58).allSatisfy(o -> {
      assertThat(o.subject()).isEqualTo("internlm2-1.8b-hf");
      assertThat(o.variant()).isEmpty();
      assertThat(o.raw()).isNull();
      assertThat(o.url()).isEqualTo(URL);
    });
    Map<String, String> v = values(data, "internlm2-1.8b-hf");
    assertThat(v).containsEntry("ceval.naive_average", "47.03")
        .containsEntry("ceval-computer_network.accuracy", "47.37")
        .containsEntry("ceval-college_programming.accuracy", "27.03")
        .containsEntry("ceval-college_chemistry.accuracy", "37.5")
        .containsEntry("ceval-middle_school_chemistry.accuracy", "80")
        .containsEntry("ceval-middle_school_history.accuracy", "86.36")
        .containsEntry("ceval-physician.accuracy", "42.86")
        .containsEntry("ceval-social-science.naive_average", "58.21")
        .containsEntry("ceval-hard.naive_average", "33.76");
    assertThat(data.observations().get(0).key()).isEqualTo("ceval-computer_network.accuracy");
    assertThat(data.dataDate()).isNull();
  }

  @Test
  void theRealGroupAverageIsTheMeanOfItsSubsets() {
    // A transcription check: 52 subsets rounded to 2 places average to the file's own 47.03.
    List<BigDecimal> subsets = parse(REAL).observations().stream().filter(o -> o.key().endsWith(".accuracy"))
        .map(o -> new BigDecimal(o.value())).toList();

    assertThat(subsets).hasSize(52);
    assertThat(Scores.mean(subsets).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("47.03");
  }

  @Test
  void readsEveryModelColumnAndSkipsMissingScores() {
    SourceData data = parse(MULTI);

    assertThat(values(data, "qwen-7b-chat-hf")).containsOnly(
        Map.entry("mmlu-college_physics.accuracy", "41.18"), Map.entry("mmlu.naive_average", "55.36"),
        Map.entry("mmlu.weighted_average", "56.02"), Map.entry("ceval.naive_average", "59.71"),
        Map.entry("gsm8k.accuracy", "50.27"), Map.entry("humaneval.humaneval_pass@1", "37.2"));
    assertThat(values(data, "internlm2-chat-7b-hf")).hasSize(7)
        .containsEntry("triviaqa.score", "52.1").containsEntry("mmlu.weighted_average", "62.87");
    // yi-6b-chat-hf has no MMLU ("-"); qwen's triviaqa is "nan"; category and result-less rows give nothing.
    assertThat(values(data, "yi-6b-chat-hf")).containsOnlyKeys(
        "ceval.naive_average", "gsm8k.accuracy", "humaneval.humaneval_pass@1", "triviaqa.score");
    assertThat(data.observations()).hasSize(17).noneMatch(o -> o.key().startsWith("###") || o.key().startsWith("race"));
    assertThat(data.subjects()).isEqualTo(3);
  }

  @Test
  void theSummarizersFileNameGivesTheDataDate() {
    assertThat(parse(MULTI).dataDate()).isEqualTo("2024-04-12");
    assertThat(SummaryCsvParser.dataDate("summary_20241301_000000.csv")).isNull();
    assertThat(SummaryCsvParser.dataDate("results.csv")).isNull();
  }

  @Test
  void aSpreadsheetCopyWithBomQuotesAndCrlfReadsTheSame() {
    String resaved = "\uFEFF" + Fixtures.text(MULTI).replace("\n", "\r\n").replace("qwen-7b-chat-hf", "\"qwen-7b-chat-hf\"");

    SourceData data = SummaryCsvParser.parse(resaved, "x.csv", URL);

    assertThat(data.observations()).isEqualTo(parse(MULTI).observations());
  }

  @Test
  void aRepeatedRowWithTheSameScoresIsHarmless() {
    String csv = "dataset,version,metric,mode,m\nceval,-,naive_average,gen,47.03\nceval,-,naive_average,gen,47.03\n";

    assertThat(SummaryCsvParser.parse(csv, "x.csv", URL).observations()).hasSize(1);
  }

  @Test
  void badInputNamesTheLineAndWhatIsWrong() {
    assertFails(() -> SummaryCsvParser.parse("", "x.csv", URL), 1,
        "empty file, expected the header dataset,version,metric,mode,<model>...");
    assertFails(() -> SummaryCsvParser.parse("model,score\nx,1\n", "x.csv", URL), 1,
        "expected the header dataset,version,metric,mode,<model>... of an OpenCompass summary, got 'model,score'");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode\n", "x.csv", URL), 1,
        "no model columns after dataset,version,metric,mode");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a,a\n", "x.csv", URL), 1,
        "model 'a' appears twice in the header");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,accuracy,gen,1\ny,-,accuracy,gen\n", "x.csv", URL),
        3, "4 fields, expected 5 (dataset,version,metric,mode and 1 model)");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,accuracy,gen,n/a\n", "x.csv", URL), 2,
        "score of a is not a number: 'n/a'");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,-,-,12.5\n", "x.csv", URL), 2,
        "dataset 'x' has a score but no metric");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,acc,gen,1\nx,-,acc,gen,2\n", "x.csv", URL), 3,
        "x.acc of a is 2 here but 1 on line 2");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,-,-,-\n", "x.csv", URL), 0,
        "no scores: every value is '-'");
  }

  @Test
  void unreadableCsvKeepsTheReadersLine() {
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,\"acc,gen,1\n", "x.csv", URL), 2,
        "Missing closing quote for value");
    assertFails(() -> SummaryCsvParser.parse("dataset,version,metric,mode,a\nx,-,acc,gen,1\n\"y\"z,-,acc,gen,1\n", "x.csv", URL),
        3, "Unexpected character ('z' (code 122)): Expected column separator character (',' (code 44)) or end-of-line");
  }

  private static void assertFails(ThrowingCallable call, int line, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CsvException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.line()).isEqualTo(line);
    });
  }
}
