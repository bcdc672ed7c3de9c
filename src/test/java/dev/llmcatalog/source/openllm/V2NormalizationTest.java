package dev.llmcatalog.source.openllm;

import static dev.llmcatalog.source.openllm.RowsPages.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The v2 normalization of sources.md, checked on every row of the real formatted-API sample: GPQA =
 * max(0, (raw - 0.25) / 0.75) x 100, MMLU-PRO = max(0, (raw - 0.1) / 0.9) x 100, MATH Lvl 5 and IFEval =
 * raw x 100, Average = mean of the six normalized scores (BBH and MUSR are normalized per subtask, which
 * the table does not carry).
 */
class V2NormalizationTest {
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final Offset<BigDecimal> TOLERANCE = Offset.offset(new BigDecimal("1e-6"));

  static BigDecimal rescaled(BigDecimal raw, String baseline) {
    BigDecimal base = new BigDecimal(baseline);
    BigDecimal score = raw.subtract(base).divide(BigDecimal.ONE.subtract(base), MC).max(BigDecimal.ZERO);
    return score.movePointRight(2);
  }

  static BigDecimal gpqa(BigDecimal raw) {
    return rescaled(raw, "0.25");
  }

  static BigDecimal mmluPro(BigDecimal raw) {
    return rescaled(raw, "0.1");
  }

  static BigDecimal percent(BigDecimal raw) {
    return raw.movePointRight(2);
  }

  static BigDecimal mean(List<BigDecimal> values) {
    return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), MC);
  }

  @Test
  void theFormulasHoldOnEveryRowOfTheRealSample() {
    List<Map<String, String>> rows = CsvTable.rows(Fixtures.text(OpenLlmV2SourceTest.CSV));
    assertThat(rows).hasSize(16);
    for (Map<String, String> row : rows) {
      String id = row.get("id");
      assertThat(gpqa(dec(row, "evaluations_gpqa_value"))).as(id + " GPQA")
          .isCloseTo(dec(row, "evaluations_gpqa_normalized_score"), TOLERANCE);
      assertThat(mmluPro(dec(row, "evaluations_mmlu_pro_value"))).as(id + " MMLU-PRO")
          .isCloseTo(dec(row, "evaluations_mmlu_pro_normalized_score"), TOLERANCE);
      assertThat(percent(dec(row, "evaluations_math_value"))).as(id + " MATH")
          .isCloseTo(dec(row, "evaluations_math_normalized_score"), TOLERANCE);
      assertThat(percent(dec(row, "evaluations_ifeval_value"))).as(id + " IFEval")
          .isCloseTo(dec(row, "evaluations_ifeval_normalized_score"), TOLERANCE);
      List<BigDecimal> six = List.of("ifeval", "bbh", "math", "gpqa", "musr", "mmlu_pro").stream()
          .map(b -> dec(row, "evaluations_" + b + "_normalized_score")).toList();
      assertThat(mean(six)).as(id + " Average").isCloseTo(dec(row, "model_average_score"), TOLERANCE);
    }
  }

  @Test
  void theClampAtZeroMatters() {
    // 01-ai/Yi-Coder-9B-Chat: GPQA raw 0.24748322147651 is below chance and shows as 0.
    assertThat(gpqa(new BigDecimal("0.24748322147651"))).isEqualByComparingTo("0");
    assertThat(gpqa(new BigDecimal("0.375"))).isCloseTo(new BigDecimal("16.6666666666667"), TOLERANCE);
  }

  @Test
  void theSourcesObservationsSatisfyTheSameFormulas() throws Exception {
    try (MockWebServer server = LocalServers.mockWebServer()) {
      server.start();
      server.enqueue(json(Fixtures.text(OpenLlmV2SourceTest.SAMPLE)));
      String base = server.url("/").toString();
      List<Observation> observations = new OpenLlmSource(new Fetcher(HttpClients.create("t", Optional.empty(), List.of())),
          base.substring(0, base.length() - 1), Board.V2).fetch().observations();

      Map<String, Map<String, BigDecimal>> byRow = observations.stream()
          .filter(o -> !List.of("precision", "type", "hub_license").contains(o.key()))
          .collect(Collectors.groupingBy(o -> o.subject() + " " + o.variant(),
              Collectors.toMap(Observation::key, o -> new BigDecimal(o.value()))));
      assertThat(byRow).hasSize(16);
      byRow.forEach((row, v) -> {
        assertThat(gpqa(v.get("gpqa_raw"))).as(row).isCloseTo(v.get("gpqa"), TOLERANCE);
        assertThat(mmluPro(v.get("mmlu_pro_raw"))).as(row).isCloseTo(v.get("mmlu_pro"), TOLERANCE);
        assertThat(percent(v.get("math_lvl5_raw"))).as(row).isCloseTo(v.get("math_lvl5"), TOLERANCE);
        assertThat(percent(v.get("ifeval_raw"))).as(row).isCloseTo(v.get("ifeval"), TOLERANCE);
        assertThat(mean(List.of(v.get("ifeval"), v.get("bbh"), v.get("math_lvl5"), v.get("gpqa"), v.get("musr"),
            v.get("mmlu_pro")))).as(row).isCloseTo(v.get("average"), TOLERANCE);
      });
    }
  }

  private static BigDecimal dec(Map<String, String> row, String column) {
    return new BigDecimal(row.get(column));
  }
}
