package dev.llmcatalog.source.hubbench;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.HubBenchmarks;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 20: the Hub's benchmark leaderboards over a local Hub serving the documented shapes (synthetic fixtures). */
class HubBenchSourceTest {
  private static final String DIR = "hub-benchmarks/";
  private static final String TOKEN = "hf_BoardToken42";

  private final MockWebServer server = LocalServers.mockWebServer();
  private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(HubBenchSource.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    answers.put("/api/datasets/Idavidrein/gpqa/leaderboard", json(Fixtures.text(DIR + "leaderboard_Idavidrein--gpqa.json")));
    answers.put("/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard", json(Fixtures.text(DIR + "leaderboard_TIGER-Lab--MMLU-Pro.json")));
    answers.put("/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard?base_model=false",
        json(Fixtures.text(DIR + "leaderboard_TIGER-Lab--MMLU-Pro_base_model-false.json")));
    answers.put("/api/datasets/SWE-bench/SWE-bench_Verified/leaderboard",
        json(Fixtures.text(DIR + "leaderboard_SWE-bench--SWE-bench_Verified.json")));
    answers.put("/api/datasets/cais/hle/leaderboard", HubBenchmarks.gated());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        return answers.getOrDefault(target, HubBenchmarks.repoNotFound());
      }
    });
    server.start();
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void stop() {
    log.detachAppender(logged);
    server.close();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  private SourceData fetch(Optional<String> token, HubBenchConfig.Board... boards) throws Exception {
    Fetcher fetcher = new Fetcher(HttpClients.create("llm-catalog/test", token, List.of(server.url("/").toString())));
    return new HubBenchSource(new HubBenchConfig(List.of(boards)), fetcher, server.url("/").toString()).fetch();
  }

  private static HubBenchConfig.Board board(String id) {
    return new HubBenchConfig.Board(id, HubBenchConfig.DEFAULT_TOP, false);
  }

  /** key -> value of one model on one board. */
  private static Map<String, String> entry(SourceData data, String board, String model) {
    Map<String, String> values = new LinkedHashMap<>();
    data.observations().stream().filter(o -> o.variant().equals(board) && o.subject().equals(model))
        .forEach(o -> values.put(o.key(), o.value()));
    return values;
  }

  private static List<String> models(SourceData data, String board) {
    return data.observations().stream().filter(o -> o.variant().equals(board) && o.key().equals("rank"))
        .map(o -> o.value() + " " + o.subject()).toList();
  }

  @Test
  void aBoardWithoutSourceKeepsItsTopEntriesWithTheServedValues() throws Exception {
    SourceData data = fetch(Optional.empty(), board("Idavidrein/gpqa"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/datasets/Idavidrein/gpqa/leaderboard");
    assertThat(models(data, "Idavidrein/gpqa")).containsExactly("1 Qwen/Qwen3.5-397B-A17B",
        "2 deepseek-ai/DeepSeek-V3.2", "3 MiniMaxAI/MiniMax-M2.5", "4 zai-org/GLM-5", "5 moonshotai/Kimi-K2.5",
        "6 stepfun-ai/Step-3.5-Flash", "7 openai/gpt-oss-120b", "8 Qwen/Qwen3-30B-A3B",
        "9 mistralai/Mistral-Small-3.2-24B-Instruct-2506", "10 google/gemma-3-27b-it"); // 12 served, top 10 kept
    assertThat(entry(data, "Idavidrein/gpqa", "Qwen/Qwen3.5-397B-A17B")).containsExactly(Map.entry("rank", "1"),
        Map.entry("value", "88.4"), Map.entry("verified", "true"), Map.entry("filename", ".eval_results/gpqa_diamond.yaml"),
        Map.entry("author", "Qwen"));
    assertThat(entry(data, "Idavidrein/gpqa", "zai-org/GLM-5")).containsEntry("value", "78.5")
        .containsEntry("notes", "no-tools").containsEntry("verified", "false").doesNotContainKey("source_url");
    Observation glm = data.observations().stream()
        .filter(o -> o.subject().equals("zai-org/GLM-5") && o.key().equals("value")).findFirst().orElseThrow();
    assertThat(glm.raw()).isEqualTo("78.50"); // the served text, trailing zero and all
    assertThat(glm.url()).isEqualTo(server.url("/api/datasets/Idavidrein/gpqa/leaderboard").toString());
    assertThat(data.kept()).isEmpty();
  }

  @Test
  void valuesStayOnTheSubmittersScale() throws Exception {
    SourceData data = fetch(Optional.empty(), new HubBenchConfig.Board("Idavidrein/gpqa", 12, false));

    assertThat(entry(data, "Idavidrein/gpqa", "allenai/OLMo-2-0325-32B-Instruct")).containsEntry("rank", "12")
        .containsEntry("value", "0.412"); // a 0-1 fraction among percentages: as served, never rescaled
    assertThat(entry(data, "Idavidrein/gpqa", "mistralai/Mistral-Small-3.2-24B-Instruct-2506")).containsEntry("value", "46.13");
  }

  @Test
  void sourceNotesAndPullRequestAreProvenance() throws Exception {
    SourceData data = fetch(Optional.empty(), board("TIGER-Lab/MMLU-Pro"));

    assertThat(entry(data, "TIGER-Lab/MMLU-Pro", "zai-org/GLM-5")).containsExactly(Map.entry("rank", "4"),
        Map.entry("value", "84.3"), Map.entry("verified", "false"),
        Map.entry("source_url", "https://huggingface.co/spaces/SaylorTwift/glm5-mmlu-pro"),
        Map.entry("source_name", "Eval traces"), Map.entry("notes", "5-shot, chain-of-thought"),
        Map.entry("filename", ".eval_results/mmlu_pro.yaml"), Map.entry("author", "zai-org"));
    assertThat(entry(data, "TIGER-Lab/MMLU-Pro", "moonshotai/Kimi-K2.5")).containsEntry("pull_request", "7");
  }

  @Test
  void fineTunesAskForBaseModelFalseAndGetTheFullBoard() throws Exception {
    SourceData data = fetch(Optional.empty(), new HubBenchConfig.Board("TIGER-Lab/MMLU-Pro", 10, true));

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard?base_model=false");
    assertThat(models(data, "TIGER-Lab/MMLU-Pro")).containsExactly("1 Qwen/Qwen3.5-397B-A17B",
        "2 deepseek-ai/DeepSeek-V3.2", "3 nvidia/Qwen3.5-397B-A17B-NVFP4", "4 moonshotai/Kimi-K2.5", "5 zai-org/GLM-5",
        "6 openai/gpt-oss-120b", "7 lmsys/vicuna-7b-v1.5");
    assertThat(entry(data, "TIGER-Lab/MMLU-Pro", "lmsys/vicuna-7b-v1.5")).containsEntry("value", "17.71");
  }

  @Test
  void aGatedBoardWithoutTokenIsOneLineAndKeptWithoutMakingTheSnapshotPartial() throws Exception {
    SourceData data = fetch(Optional.empty(), board("Idavidrein/gpqa"), board("cais/hle"),
        board("SWE-bench/SWE-bench_Verified"));

    assertThat(models(data, "SWE-bench/SWE-bench_Verified")).containsExactly("1 Qwen/Qwen3.5-397B-A17B",
        "2 MiniMaxAI/MiniMax-M2.5", "3 stepfun-ai/Step-3.5-Flash"); // the boards after it were read
    assertThat(entry(data, "SWE-bench/SWE-bench_Verified", "Qwen/Qwen3.5-397B-A17B")).containsEntry("value", "76.4");
    assertThat(data.kept()).containsExactly(
        new SourceData.Kept("cais/hle", "board cais/hle", "gated (HTTP 401): set HF_TOKEN", false));
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "hub-benchmarks: cais/hle is gated (HTTP 401 GatedRepo): set HF_TOKEN to a token of an account granted access"
            + " to https://huggingface.co/datasets/cais/hle; its last values are kept");
  }

  @Test
  void theTokenGoesToTheHubAndNeverIntoALogLine() throws Exception {
    answers.put("/api/datasets/cais/hle/leaderboard", json("[{\"rank\":1,\"modelId\":\"Qwen/Qwen3.5-397B-A17B\","
        + "\"value\":28.7,\"verified\":false,\"filename\":\".eval_results/hle.yaml\",\"author\":{\"type\":\"org\",\"name\":\"Qwen\"}}]"));

    SourceData data = fetch(Optional.of(TOKEN), board("cais/hle"));

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(entry(data, "cais/hle", "Qwen/Qwen3.5-397B-A17B")).containsEntry("value", "28.7");
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(TOKEN));
  }

  @Test
  void aBoardRedirectedToAnotherHostIsReadWithoutTheToken() throws Exception {
    try (MockWebServer elsewhere = LocalServers.mockWebServer()) {
      elsewhere.enqueue(json(Fixtures.text(DIR + "leaderboard_cais--hle.json")));
      elsewhere.start();
      answers.put("/api/datasets/cais/hle/leaderboard", new MockResponse.Builder().code(302)
          .setHeader("Location", elsewhere.url("/cais-hle-board.json").toString()).build());

      SourceData data = fetch(Optional.of(TOKEN), board("cais/hle"));

      assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).as("another host").isNull();
      assertThat(entry(data, "cais/hle", "moonshotai/Kimi-K2.5")).containsEntry("rank", "1").containsEntry("value", "30.1");
    }
  }

  @Test
  void anUnknownDatasetIsOneLineAndAPartialSnapshot() throws Exception {
    SourceData data = fetch(Optional.empty(), board("Idavidrein/gpqa"), board("nobody/no-such-bench"));

    assertThat(models(data, "Idavidrein/gpqa")).hasSize(10);
    String url = server.url("/api/datasets/nobody/no-such-bench/leaderboard").toString();
    assertThat(data.kept()).containsExactly(new SourceData.Kept("nobody/no-such-bench", "board nobody/no-such-bench",
        "GET " + url + " -> HTTP 404 RepoNotFound: Repository not found (no such dataset, or it has no leaderboard)"));
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("hub-benchmarks:"
        + " nobody/no-such-bench: GET " + url + " -> HTTP 404 RepoNotFound: Repository not found (no such dataset, or it"
        + " has no leaderboard); its last values are kept");
  }

  @Test
  void anAnswerThatIsNoListOfEntriesIsAChangedLayout() throws Exception {
    answers.put("/api/datasets/Idavidrein/gpqa/leaderboard", json("{\"entries\":[]}"));
    answers.put("/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard", json("[{\"rank\":1,\"modelId\":\"a/b\",\"value\":\"n/a\"}]"));
    answers.put("/api/datasets/SWE-bench/SWE-bench_Verified/leaderboard", json("[]"));

    SourceData data = fetch(Optional.empty(), board("Idavidrein/gpqa"), board("TIGER-Lab/MMLU-Pro"),
        board("SWE-bench/SWE-bench_Verified"));

    String base = server.url("/api/datasets/").toString();
    assertThat(data.observations()).isEmpty();
    assertThat(data.kept()).extracting(SourceData.Kept::reason).containsExactly(
        base + "Idavidrein/gpqa/leaderboard: expected a JSON array of leaderboard entries",
        base + "TIGER-Lab/MMLU-Pro/leaderboard: entry #1 lacks modelId, an integer rank or a numeric value",
        base + "SWE-bench/SWE-bench_Verified/leaderboard: the leaderboard is empty");
    assertThat(data.kept()).allMatch(SourceData.Kept::partial);
  }
}
