package dev.llmcatalog.source.openllm;

import static dev.llmcatalog.source.openllm.RowsPages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.Scores;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLlmV1SourceTest {
  static final String SAMPLE = "leaderboards/openllm-v1/rows-v1-sample-SYNTHETIC.json";
  static final String SEED = "leaderboards/openllm-v1/rows-seed-SYNTHETIC.json";
  static final String CSV = "leaderboards/openllm-v1/leaderboard_v1_scraped_2024-07-07_sample.csv";
  static final List<String> SCORES = List.of("average", "arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k");

  private final MockWebServer server = LocalServers.mockWebServer();
  private OpenLlmSource source;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String base = server.url("/").toString();
    source = new OpenLlmSource(new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of())),
        base.substring(0, base.length() - 1), Board.V1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String value(Map<String, Observation> observations, String subject, String variant, String key) {
    Observation o = observations.get(subject + "|" + variant + "|" + key);
    return o == null ? null : o.value();
  }

  private static List<String> scores(Map<String, Observation> observations, String subject, String variant) {
    return SCORES.stream().map(k -> value(observations, subject, variant, k)).toList();
  }

  @Test
  void readsTheWholeTableFromTheRowsApi() throws Exception {
    server.enqueue(json(Fixtures.text(SAMPLE)));

    SourceData data = source.fetch();

    RecordedRequest request = server.takeRequest();
    HttpUrl url = request.getUrl();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(url.encodedPath()).isEqualTo("/rows");
    assertThat(url.queryParameterNames()).containsExactly("dataset", "config", "split", "offset", "length");
    assertThat(url.queryParameter("dataset")).isEqualTo("open-llm-leaderboard-old/contents");
    assertThat(url.queryParameter("config")).isEqualTo("default");
    assertThat(url.queryParameter("split")).isEqualTo("train");
    assertThat(url.queryParameter("offset")).isEqualTo("0");
    assertThat(url.queryParameter("length")).isEqualTo("100");
    assertThat(server.getRequestCount()).isEqualTo(1);

    assertThat(data.dataDate()).isNull();
    assertThat(data.missing()).isEmpty();
    assertThat(data.observations()).allSatisfy(o -> assertThat(o.url()).isEqualTo(url.toString()));
    Map<String, Observation> obs = RowsPages.byKey(data.observations());
    // The CSV's numbers, row by row (average, ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K).
    assertThat(scores(obs, "mistralai/Mixtral-8x7B-Instruct-v0.1", "float16 125c431"))
        .containsExactly("72.7", "70.14", "87.55", "71.4", "64.98", "81.06", "61.11");
    assertThat(scores(obs, "mistralai/Mixtral-8x7B-Instruct-v0.1", "bfloat16 3de0408"))
        .containsExactly("72.62", "70.22", "87.63", "71.16", "64.58", "81.37", "60.73");
    assertThat(scores(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c"))
        .containsExactly("56.85", "54.86", "75.87", "63.37", "42.84", "74.9", "29.26");
    assertThat(scores(obs, "BAAI/Aquila2-34B", "bfloat16 356733c"))
        .containsExactly("54.5", "52.65", "81.99", "76.02", "40.8", "75.06", "0.45");
    assertThat(value(obs, "internlm/internlm2-7b", "float16 aac482e", "gsm8k")).isEqualTo("63");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "precision")).isEqualTo("float16");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "type"))
        .isEqualTo("🔶 fine-tuned on domain-specific datasets");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "params_b")).isEqualTo("6");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "hub_license")).isEqualTo("apache-2.0");
    // No sha: the variant is the precision alone; a null or empty license and an empty type are absent.
    assertThat(value(obs, "openbmb/UltraLM-65b", "float16", "average")).isEqualTo("63.82");
    assertThat(value(obs, "openbmb/UltraLM-65b", "float16", "hub_license")).isNull();
    assertThat(value(obs, "SF-Foundation/Ein-70B-v2", "float16 a22e7ff", "hub_license")).isNull();
    assertThat(value(obs, "moreh/MoMo-70B-lora-1.8.6-DPO", "bfloat16 76389d5", "type")).isNull();
    assertThat(value(obs, "moreh/MoMo-70B-lora-1.8.6-DPO", "bfloat16 76389d5", "params_b")).isEqualTo("0");
    assertThat(data.observations()).allSatisfy(o -> assertThat(o.raw()).isNull());
    assertThat(data.subjects()).isEqualTo(21);
    assertThat(data.observations()).hasSize(25 * 7 + 25 + 22 + 21 + 25);
  }

  @Test
  void everyScoreOfTheRealCsvComesThroughUnchanged() throws Exception {
    server.enqueue(json(Fixtures.text(SAMPLE)));

    Map<String, Observation> obs = RowsPages.byKey(source.fetch().observations());

    List<Map<String, String>> csv = CsvTable.rows(Fixtures.text(CSV));
    for (Map<String, String> row : csv) {
      String sha = row.get("model_sha");
      String variant = sha.isEmpty() ? row.get("precision") : row.get("precision") + " " + sha.substring(0, 7);
      for (String key : SCORES) {
        assertThat(value(obs, row.get("fullname"), variant, key)).as(row.get("fullname") + " " + key)
            .isEqualTo(Scores.format(new BigDecimal(row.get(key))));
      }
    }
  }

  @Test
  void readsPagesOfAHundredUntilTheAnnouncedTotal() throws Exception {
    String sample = Fixtures.text(SAMPLE);
    server.enqueue(json(RowsPages.generatedV1Page(sample, 0, 100, 125)));
    server.enqueue(json(RowsPages.asPage(sample, 100, 125)));

    SourceData data = source.fetch();

    assertThat(server.takeRequest().getUrl().queryParameter("offset")).isEqualTo("0");
    HttpUrl second = server.takeRequest().getUrl();
    assertThat(second.encodedPath()).isEqualTo("/rows");
    assertThat(second.queryParameter("dataset")).isEqualTo("open-llm-leaderboard-old/contents");
    assertThat(second.queryParameter("offset")).isEqualTo("100");
    assertThat(second.queryParameter("length")).isEqualTo("100");
    Map<String, Observation> obs = RowsPages.byKey(data.observations());
    assertThat(data.subjects()).isEqualTo(100 + 21);
    assertThat(value(obs, "test-org/model-99", "float16 0000000", "mmlu")).isEqualTo("99.5");
    Observation henry = obs.get("HenryJJ/Instruct_Yi-6B_Dolly15K|float16 2c0644c|mmlu");
    assertThat(henry.value()).isEqualTo("63.37");
    // Each value points at the page it was read from.
    assertThat(henry.url()).isEqualTo(second.toString());
    assertThat(obs.get("test-org/model-3|float16 0000000|arc").url()).contains("offset=0&length=100");
  }

  @Test
  void theSeedTableComesOutVerbatimFromItsBestRows() throws Exception {
    server.enqueue(json(Fixtures.text(SEED)));

    SourceData data = source.fetch();

    Map<String, Observation> obs = RowsPages.byKey(data.observations());
    String[][] seed = {
        {"mistralai/Mistral-7B-Instruct-v0.2", "65.71", "63.14", "84.88", "60.78", "68.26", "77.19", "40.03"},
        {"01-ai/Yi-34B-Chat", "65.32", "65.44", "84.16", "74.9", "55.37", "80.11", "31.92"},
        {"Qwen/Qwen1.5-14B-Chat", "62.37", "58.79", "82.33", "68.52", "60.38", "73.32", "30.86"},
        {"01-ai/Yi-6B-200K", "56.76", "53.75", "75.57", "64.65", "41.56", "73.64", "31.39"},
        {"Qwen/Qwen1.5-7B-Chat", "55.15", "55.89", "78.56", "61.65", "53.54", "67.72", "13.57"},
        {"01-ai/Yi-6B", "54.08", "55.55", "76.57", "64.11", "41.96", "74.19", "12.13"},
        {"deepseek-ai/deepseek-llm-7b-chat", "59.38", "55.8", "79.38", "51.75", "47.98", "74.82", "46.55"},
        {"internlm/internlm-20b-chat", "55.53", "55.38", "78.58", "58.53", "43.22", "78.77", "18.73"},
        {"deepseek-ai/deepseek-coder-7b-instruct-v1.5", "50.89", "48.55", "72.35", "50.45", "46.73", "66.85", "20.39"}};
    for (String[] line : seed) {
      String best = data.observations().stream()
          .filter(o -> o.subject().equals(line[0]) && o.key().equals("average"))
          .max(Comparator.comparing(o -> new BigDecimal(o.value()))).orElseThrow().variant();
      assertThat(scores(obs, line[0], best)).as(line[0]).containsExactly(List.of(line).subList(1, 8).toArray(String[]::new));
    }
    Set<String> deepseek = data.observations().stream()
        .filter(o -> o.subject().equals("deepseek-ai/deepseek-llm-7b-chat") && o.key().equals("average"))
        .map(o -> o.variant().split(" ")[0] + "=" + o.value()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(deepseek).containsExactly("bfloat16=59.38", "float16=58.1");
    assertThat(data.subjects()).isEqualTo(11);
    assertThat(value(obs, "tiiuae/falcon-7b", "float16 3783374", "average")).isEqualTo("44.17");
  }

  @Test
  void withoutFullnameTheModelLinkNamesTheModel() throws Exception {
    String sample = RowsPages.withoutColumn(Fixtures.text(SAMPLE), "fullname");
    server.enqueue(json(RowsPages.editRows(sample, rows -> {
      // A link without text: its href path is the name.
      rows.get(0).put("Model", "<a target=\"_blank\" href=\"https://huggingface.co/paloalma/Le_Triomphant-ECE-TW3\"></a>");
    })));

    SourceData data = source.fetch();

    Set<String> expected = CsvTable.rows(Fixtures.text(CSV)).stream().map(r -> r.get("fullname"))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> subjects = data.observations().stream().map(Observation::subject)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(subjects).isEqualTo(expected);
    Map<String, Observation> obs = RowsPages.byKey(data.observations());
    assertThat(value(obs, "paloalma/Le_Triomphant-ECE-TW3", "bfloat16 aa4d908", "average")).isEqualTo("81.31");
  }

  @Test
  void aBlankFullnameFallsBackToTheModelLink() throws Exception {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SAMPLE), rows -> {
      rows.get(6).put("fullname", " ");
      rows.get(6).put("Model", "<a target=\"_blank\" href=\"https://huggingface.co/x/y\">mistralai/Mixtral-8x7B-Instruct-v0.1</a>"
          + "  <a href=\"https://huggingface.co/datasets/open-llm-leaderboard/details_x\">📑</a>");
      rows.get(7).remove("fullname");
    })));

    Map<String, Observation> obs = RowsPages.byKey(source.fetch().observations());

    assertThat(value(obs, "mistralai/Mixtral-8x7B-Instruct-v0.1", "float16 125c431", "average")).isEqualTo("72.7");
    assertThat(value(obs, "mistralai/Mixtral-8x7B-Instruct-v0.1", "bfloat16 3de0408", "average")).isEqualTo("72.62");
  }

  @Test
  void aRowThatNamesNoModelFailsTheSource() {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SAMPLE), rows -> {
      rows.get(3).put("fullname", "");
      rows.get(3).put("Model", "");
    })));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v1: " + server.url("/rows"))
        .hasMessageContaining("row 3 names no model");
  }

  @Test
  void aMissingScoreColumnFailsNamingSourceUrlAndColumn() {
    server.enqueue(json(RowsPages.withoutColumn(Fixtures.text(SAMPLE), "ARC")));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v1: " + server.url("/rows") + "?dataset=open-llm-leaderboard-old%2Fcontents"
            + "&config=default&split=train&offset=0&length=100: column 'ARC' missing (have: Precision, Type, T, ")
        .hasMessageNotContaining(", ARC,");
  }

  @Test
  void aMissingShaColumnFailsToo() {
    server.enqueue(json(RowsPages.withoutColumn(Fixtures.text(SAMPLE), "Model sha")));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessageContaining("column 'Model sha' missing");
  }

  @Test
  void anHttpErrorFailsWithTheViewersCode() {
    server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/json")
        .setHeader("X-Error-Code", "ResponseNotReady").body("{\"error\":\"The server is busier than usual\"}").build());

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v1: GET " + server.url("/rows"))
        .hasMessageContaining("HTTP 500 ResponseNotReady: The server is busier than usual")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(500));
  }

  @Test
  void anHtmlPageWithStatus200IsNotATable() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!doctype html><html><body>Hugging Face is down for maintenance</body></html>").build());

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v1: ")
        .hasMessageContaining("/rows?dataset=open-llm-leaderboard-old%2Fcontents")
        .hasMessageContaining("expected JSON, got an HTML page");
  }

  @Test
  void anEmptyTableIsAFailureNotAnEmptyBoard() {
    ObjectNode page = RowsPages.read(Fixtures.text(SAMPLE));
    page.putArray("rows");
    page.put("num_rows_total", 0);
    server.enqueue(json(RowsPages.write(page)));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("openllm-v1: " + server.url("/rows"))
        .hasMessageEndingWith(": the table has no rows");
  }

  @Test
  void aScoreThatIsNoNumberFails() {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SAMPLE), rows -> rows.get(2).put("MMLU", "n/a"))));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageContaining("row 2: column 'MMLU' is not a number: \"n/a\"");
  }

  @Test
  void numbersKeepTheirExactTextAsRawAndBlanksAreAbsent() throws Exception {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SAMPLE), rows -> {
      ObjectNode henry = rows.get(19);
      henry.put("Winogrande", new BigDecimal("74.90"));
      henry.put("ARC", " 54.86 ");
      henry.put("MMLU", "63.370000000000000001");
      henry.putNull("GSM8K");
      henry.put("TruthfulQA", "NaN");
    })));

    Map<String, Observation> obs = RowsPages.byKey(source.fetch().observations());

    Observation winogrande = obs.get("HenryJJ/Instruct_Yi-6B_Dolly15K|float16 2c0644c|winogrande");
    assertThat(winogrande.value()).isEqualTo("74.9");
    assertThat(winogrande.raw()).isEqualTo("74.90");
    assertThat(obs.get("HenryJJ/Instruct_Yi-6B_Dolly15K|float16 2c0644c|arc").raw()).isEqualTo(" 54.86 ");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "mmlu")).isEqualTo("63.370000000000000001");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "gsm8k")).isNull();
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "truthfulqa")).isNull();
  }

  @Test
  void rowsSharingPrecisionAndShaAreToldApartByEvalNameWhateverTheirOrder() throws Exception {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SEED), rows -> {
      // A re-submission of the same weights in the same precision.
      rows.get(9).put("Model sha", rows.get(6).get("Model sha").asText());
      rows.get(9).put("Precision", "bfloat16");
      rows.get(9).put("eval_name", "deepseek-ai_deepseek-llm-7b-chat_bfloat16_resubmitted");
    })));
    SourceData first = source.fetch();
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SEED), rows -> {
      ObjectNode a = rows.get(6).deepCopy();
      ObjectNode b = rows.get(9);
      b.put("Model sha", a.get("Model sha").asText());
      b.put("Precision", "bfloat16");
      b.put("eval_name", "deepseek-ai_deepseek-llm-7b-chat_bfloat16_resubmitted");
      rows.get(6).setAll(b.deepCopy());
      rows.get(9).setAll(a);
    })));
    SourceData swapped = source.fetch();

    String sha = RowsPages.read(Fixtures.text(SEED)).get("rows").get(6).get("row").get("Model sha").asText().substring(0, 7);
    Map<String, Observation> obs = RowsPages.byKey(first.observations());
    assertThat(value(obs, "deepseek-ai/deepseek-llm-7b-chat", "bfloat16 " + sha + " deepseek-ai_deepseek-llm-7b-chat_bfloat16",
        "average")).isEqualTo("59.38");
    assertThat(value(obs, "deepseek-ai/deepseek-llm-7b-chat",
        "bfloat16 " + sha + " deepseek-ai_deepseek-llm-7b-chat_bfloat16_resubmitted", "average")).isEqualTo("58.1");
    assertThat(new HashSet<>(swapped.observations())).isEqualTo(new HashSet<>(first.observations()));
  }

  @Test
  void rowsThatStillCollideAreNumberedInsteadOfOverwritten() throws Exception {
    server.enqueue(json(RowsPages.editRows(Fixtures.text(SAMPLE), rows -> {
      ObjectNode copy = rows.get(19).deepCopy();
      copy.put("Average ⬆️", new BigDecimal("56.8"));
      rows.get(20).setAll(copy);
    })));

    Map<String, Observation> obs = RowsPages.byKey(source.fetch().observations());

    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c #1", "average")).isEqualTo("56.85");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c #2", "average")).isEqualTo("56.8");
    assertThat(value(obs, "HenryJJ/Instruct_Yi-6B_Dolly15K", "float16 2c0644c", "average")).isNull();
  }
}
