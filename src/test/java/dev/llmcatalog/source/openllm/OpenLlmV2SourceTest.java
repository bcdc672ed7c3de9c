package dev.llmcatalog.source.openllm;

import static dev.llmcatalog.source.openllm.RowsPages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLlmV2SourceTest {
  static final String SAMPLE = "leaderboards/openllm-v2/rows-v2-sample-SYNTHETIC.json";
  static final String CSV = "leaderboards/openllm-v2/leaderboard_v2_formatted_api_flattened_2025-03-21_sample.csv";
  static final List<String> KEYS = List.of("average", "ifeval", "ifeval_raw", "bbh", "bbh_raw", "math_lvl5",
      "math_lvl5_raw", "gpqa", "gpqa_raw", "musr", "musr_raw", "mmlu_pro", "mmlu_pro_raw");

  private final MockWebServer server = LocalServers.mockWebServer();
  private OpenLlmSource source;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String base = server.url("/").toString();
    source = new OpenLlmSource(new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of())),
        base.substring(0, base.length() - 1), Board.V2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> values(Map<String, Observation> obs, String subject, String variant) {
    return KEYS.stream().map(k -> obs.get(subject + "|" + variant + "|" + k)).map(o -> o == null ? null : o.value()).toList();
  }

  @Test
  void readsNormalizedAndRawScoresFromTheRowsApi() throws Exception {
    server.enqueue(json(Fixtures.text(SAMPLE)));

    SourceData data = source.fetch();

    HttpUrl url = server.takeRequest().getUrl();
    assertThat(url.encodedPath()).isEqualTo("/rows");
    assertThat(url.queryParameter("dataset")).isEqualTo("open-llm-leaderboard/contents");
    assertThat(url.queryParameter("config")).isEqualTo("default");
    assertThat(url.queryParameter("split")).isEqualTo("train");
    assertThat(url.queryParameter("offset")).isEqualTo("0");
    assertThat(url.queryParameter("length")).isEqualTo("100");
    assertThat(data.dataDate()).isNull();
    assertThat(data.observations()).allSatisfy(o -> assertThat(o.url()).isEqualTo(url.toString()));
    Map<String, Observation> obs = RowsPages.byKey(data.observations());
    assertThat(values(obs, "Qwen/Qwen2.5-72B-Instruct", "bfloat16 a13fff9")).containsExactly(
        "47.9804599121686",
        "86.3837949972739", "0.863837949972739",
        "61.8732556687879", "0.727274732174482",
        "59.8187311178248", "0.598187311178248",
        "16.6666666666667", "0.375",
        "11.7421875", "0.420604166666667",
        "51.3981235224587", "0.562583111702128");
    // Same sha, two precisions: two variants.
    assertThat(obs.get("microsoft/phi-4|float16 381727a|ifeval").value()).isEqualTo("4.87850015736025");
    assertThat(obs.get("microsoft/phi-4|bfloat16 381727a|ifeval").value()).isEqualTo("5.85269307659233");
    assertThat(obs.get("THUDM/glm-4-9b-chat|bfloat16 0441900|ifeval").value()).isEqualTo("0");
    assertThat(obs.get("THUDM/glm-4-9b-chat|bfloat16 0441900|math_lvl5_raw").value()).isEqualTo("0");
    assertThat(obs.get("01-ai/Yi-Coder-9B-Chat|bfloat16 356a1f8|gpqa").value()).isEqualTo("0");
    assertThat(obs.get("Qwen/Qwen2.5-72B-Instruct|bfloat16 a13fff9|params_b").value()).isEqualTo("72.706");
    assertThat(obs.get("Qwen/Qwen2.5-72B-Instruct|bfloat16 a13fff9|hub_license").value()).isEqualTo("other");
    assertThat(obs.get("Qwen/Qwen2.5-72B-Instruct|bfloat16 a13fff9|precision").value()).isEqualTo("bfloat16");
    assertThat(obs).doesNotContainKey("DeepMount00/Llama-3.1-8b-Ita|bfloat16 5ede1e3|hub_license");
    assertThat(data.subjects()).isEqualTo(14);
    assertThat(data.observations()).hasSize(16 * (13 + 4) - 1);
  }

  @Test
  void everyValueOfTheRealCsvComesThroughUnchanged() throws Exception {
    server.enqueue(json(Fixtures.text(SAMPLE)));

    Map<String, Observation> obs = RowsPages.byKey(source.fetch().observations());

    String[][] columns = {{"ifeval", "ifeval"}, {"bbh", "bbh"}, {"math_lvl5", "math"}, {"gpqa", "gpqa"},
        {"musr", "musr"}, {"mmlu_pro", "mmlu_pro"}};
    for (Map<String, String> row : CsvTable.rows(Fixtures.text(CSV))) {
      String prefix = row.get("model_name") + "|" + row.get("model_precision") + " " + row.get("model_sha").substring(0, 7) + "|";
      assertThat(obs.get(prefix + "average").value()).isEqualTo(canonical(row.get("model_average_score")));
      for (String[] c : columns) {
        assertThat(obs.get(prefix + c[0]).value()).as(prefix + c[0])
            .isEqualTo(canonical(row.get("evaluations_" + c[1] + "_normalized_score")));
        assertThat(obs.get(prefix + c[0] + "_raw").value()).as(prefix + c[0] + "_raw")
            .isEqualTo(canonical(row.get("evaluations_" + c[1] + "_value")));
      }
    }
  }

  private static String canonical(String text) {
    return Scores.format(new BigDecimal(text));
  }

  @Test
  void aMissingRawColumnFailsNamingSourceUrlAndColumn() {
    server.enqueue(json(RowsPages.withoutColumn(Fixtures.text(SAMPLE), "MMLU-PRO Raw")));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v2: " + server.url("/rows") + "?dataset=open-llm-leaderboard%2Fcontents")
        .hasMessageContaining(": column 'MMLU-PRO Raw' missing (have: ");
  }

  @Test
  void anHttpErrorNamesTheSource() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .setHeader("X-Error-Code", "ResponseNotFound").body("{\"error\":\"Not found.\"}").build());

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v2: GET " + server.url("/rows"))
        .hasMessageContaining("HTTP 404 ResponseNotFound: Not found.");
  }

  @Test
  void anHtmlPageWithStatus200IsNotATable() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html><body>Space is sleeping</body></html>").build());

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v2: ").hasMessageContaining("expected JSON, got an HTML page");
  }
}
