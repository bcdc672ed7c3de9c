package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.llmcatalog.app.SyncService;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.HubBenchmarks;
import java.nio.file.Files;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20 end to end, with the shipped config against the local Hub: the boards' top entries and the listed models'
 * own results in the catalog, the gated board without a token, a board that is gone, a changed board in {@code diff}
 * and the requests per listed model.
 */
class HubBenchmarksCliTest {
  private static final String TOKEN = "hf_HubBenchCliToken7";
  private static final String GPQA = "/api/datasets/Idavidrein/gpqa/leaderboard";
  private static final String SWE = "/api/datasets/SWE-bench/SWE-bench_Verified/leaderboard";

  @RegisterExtension
  final CliHarness cli = new CliHarness();
  @RegisterExtension
  final RootLog log = new RootLog();

  private List<String> loggedAbout(String text) {
    return log.about(text).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private String catalog() throws Exception {
    return Files.readString(cli.dir().resolve("catalog.md"));
  }

  /** The lines of one table block of the catalog, markers excluded. */
  private static List<String> block(String catalog, String table) {
    String begin = "<!-- llm-catalog:begin table " + table + " -->\n";
    int from = catalog.indexOf(begin) + begin.length();
    return catalog.substring(from, catalog.indexOf("<!-- llm-catalog:end -->", from)).strip().lines().toList();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  @Test
  void aFirstSyncWithoutTokenIsGreenSaysOnceToSetHfTokenAndShowsTheOtherBoardsAsServed() throws Exception {
    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).contains("hub-benchmarks: ok, snapshot 9: 10 models, 0 missing, 105 values added, 0 closed\n");
    assertThat(loggedAbout("cais/hle")).containsExactly("hub-benchmarks: cais/hle is gated (HTTP 401 GatedRepo): set"
        + " HF_TOKEN to a token of an account granted access to https://huggingface.co/datasets/cais/hle; its last values"
        + " are kept");
    String catalog = catalog();
    assertThat(block(catalog, "hub-gpqa")).contains(
        "| [Qwen/Qwen3.5-397B-A17B](https://huggingface.co/Qwen/Qwen3.5-397B-A17B) | 1 | 88.4 | ✓ |",
        "| [google/gemma-3-27b-it](https://huggingface.co/google/gemma-3-27b-it) | 10 | 42.4 |  |")
        .noneMatch(l -> l.contains("SmolLM3")); // rank 11: top 10 only
    assertThat(block(catalog, "hub-hle")).containsExactly("_Source: hub-benchmarks (board cais/hle): no entries read yet"
        + " (a gated board needs `HF_TOKEN`, see `llm-catalog sync`)._");
    // Each listed model's own results, on its submitter's scale; vicuna, a fine-tune the default MMLU-Pro board leaves
    // out, still shows its own result.
    assertThat(block(catalog, "hub-evals")).contains(
        "| [deepseek-ai/deepseek-llm-7b-chat](https://huggingface.co/deepseek-ai/deepseek-llm-7b-chat) | 0.412 | 37.2 | — | — |",
        "| [lmsys/vicuna-7b-v1.5](https://huggingface.co/lmsys/vicuna-7b-v1.5) | — | 17.71 | — | — |");
    assertThat(block(catalog, "hub-mmlu-pro")).noneMatch(l -> l.contains("vicuna"));
  }

  @Test
  void theListedModelsResultsComeWithNoRequestMoreAndEachBoardIsOneRequest() throws Exception {
    List<String> listed = List.copyOf(SyncService.loadConfig(cli.config()).listedModels());

    assertThat(cli.run("sync").exitCode()).isZero();

    List<RecordedRequest> requests = cli.requests();
    List<String> modelInfo = requests.stream().filter(r -> r.getUrl().encodedPath().startsWith("/api/models/"))
        .filter(r -> r.getUrl().queryParameterValues("expand").contains("evalResults"))
        .map(r -> r.getUrl().encodedPath().substring("/api/models/".length())).toList();
    // One model-info request per listed model (a renamed one follows its 307 once), evalResults asked in each.
    assertThat(modelInfo).as("listed %s", listed).doesNotHaveDuplicates().hasSize(listed.size() + 1)
        .contains("THUDM/chatglm3-6b", "zai-org/chatglm3-6b").containsAll(listed);
    assertThat(requests).filteredOn(r -> r.getUrl().encodedPath().startsWith("/api/models/"))
        .filteredOn(r -> !r.getUrl().queryParameterValues("expand").contains("evalResults"))
        .allMatch(r -> r.getUrl().queryParameterValues("expand").equals(List.of("model-index")), "only MTEB's own cards");
    assertThat(requests).noneMatch(r -> r.getUrl().encodedPath().contains(".eval_results"));
    assertThat(requests).filteredOn(r -> r.getUrl().encodedPath().startsWith("/api/datasets/"))
        .extracting(r -> r.getUrl().encodedPath()).containsExactly(GPQA,
            "/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard", "/api/datasets/cais/hle/leaderboard", SWE);
  }

  @Test
  void withATokenTheGatedBoardIsReadAndWithoutOneLaterItsValuesAreKeptNotRemoved() throws Exception {
    CliRunner.Result withToken = cli.env("HF_TOKEN", TOKEN).run("sync");

    assertThat(withToken.exitCode()).as(withToken.err()).isZero();
    assertThat(block(catalog(), "hub-hle")).contains(
        "| [moonshotai/Kimi-K2.5](https://huggingface.co/moonshotai/Kimi-K2.5) | 1 | 30.1 |  |",
        "| [deepseek-ai/DeepSeek-V3.2](https://huggingface.co/deepseek-ai/DeepSeek-V3.2) | 3 | 25.1 |  |");
    assertThat(cli.requests()).filteredOn(r -> r.getUrl().encodedPath().equals("/api/datasets/cais/hle/leaderboard"))
        .extracting(r -> r.getHeaders().get("Authorization")).containsExactly("Bearer " + TOKEN);
    assertThat(withToken.out() + withToken.err()).doesNotContain(TOKEN);
    assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(TOKEN));

    CliRunner.Result without = cli.env("HF_TOKEN", "").run("sync");

    assertThat(without.exitCode()).as(without.err()).isZero();
    assertThat(without.out()).contains("hub-benchmarks: ok, snapshot 18: 10 models, 0 missing, 0 values added, 0 closed\n");
    assertThat(block(catalog(), "hub-hle")).contains(
        "| [moonshotai/Kimi-K2.5](https://huggingface.co/moonshotai/Kimi-K2.5) | 1 | 30.1 |  |");
    assertThat(cli.run("diff", "--source", "hub-benchmarks").out()).doesNotContain("removed");
  }

  @Test
  void aBoardThatIsGoneIsOneLineTheSyncIsPartialAndItsLastValuesStay() throws Exception {
    cli.run("sync");
    cli.hub().override(SWE, HubBenchmarks.repoNotFound());
    log.clear();

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    String url = cli.hub().endpoint() + SWE;
    assertThat(sync.out()).contains("hub-benchmarks: PARTIAL, snapshot 18: 10 models, 0 missing, 0 values added, 0 closed;"
        + " previous data kept for board SWE-bench/SWE-bench_Verified: GET " + url + " -> HTTP 404 RepoNotFound:"
        + " Repository not found (no such dataset, or it has no leaderboard)\n");
    assertThat(loggedAbout("SWE-bench/SWE-bench_Verified")).hasSize(1);
    assertThat(block(catalog(), "hub-swe-bench-verified")).contains(
        "| [Qwen/Qwen3.5-397B-A17B](https://huggingface.co/Qwen/Qwen3.5-397B-A17B) | 1 | 76.4 |  |");
    assertThat(cli.run("diff", "--source", "hub-benchmarks").out()).doesNotContain("removed");
  }

  @Test
  void aNewEntryAMovedValueAndARankChangeOnABoardShowInDiff() throws Exception {
    cli.run("sync");
    String board = Fixtures.text("hub-benchmarks/leaderboard_Idavidrein--gpqa.json");
    // gemma (rank 10) leaves the top 10 for a new model; GLM-5 moves from 78.50 to 80.2 and up to rank 3.
    String changed = board
        .replace("\"rank\": 3,\n    \"modelId\": \"MiniMaxAI/MiniMax-M2.5\"", "\"rank\": 4,\n    \"modelId\": \"MiniMaxAI/MiniMax-M2.5\"")
        .replace("\"rank\": 4,\n    \"modelId\": \"zai-org/GLM-5\",\n    \"value\": 78.50",
            "\"rank\": 3,\n    \"modelId\": \"zai-org/GLM-5\",\n    \"value\": 80.2")
        .replace("\"modelId\": \"google/gemma-3-27b-it\"", "\"modelId\": \"nvidia/Llama-3_3-Nemotron-Super-49B-v1_5\"");
    assertThat(changed).isNotEqualTo(board).contains("80.2", "Nemotron");
    cli.hub().override(GPQA, json(changed));

    CliRunner.Result sync = cli.run("sync");
    CliRunner.Result diff = cli.run("diff", "--source", "hub-benchmarks");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(diff.out()).isEqualTo("""
        hub-benchmarks (snapshot 9 -> 18): 9 changes
          added    nvidia/Llama-3_3-Nemotron-Super-49B-v1_5
          removed  google/gemma-3-27b-it
          metric   MiniMaxAI/MiniMax-M2.5 [Idavidrein/gpqa]  rank         3 -> 4 (+1)
          metric   zai-org/GLM-5 [Idavidrein/gpqa]           rank         4 -> 3 (-1)
          metric   zai-org/GLM-5 [Idavidrein/gpqa]           value     78.5 -> 80.2 (+1.7)
          rank     MiniMaxAI/MiniMax-M2.5                    hub-gpqa    #3 -> #4 (-1)
          rank     google/gemma-3-27b-it                     hub-gpqa   #10 -> —
          rank     nvidia/Llama-3_3-Nemotron-Super-49B-v1_5  hub-gpqa     — -> #10
          rank     zai-org/GLM-5                             hub-gpqa    #4 -> #3 (+1)
        """);
    // gemma left the top 10 that the source keeps: a removal from this board, as a model leaving any ranked list.
    assertThat(block(catalog(), "hub-gpqa")).contains("| [zai-org/GLM-5](https://huggingface.co/zai-org/GLM-5) | 3 | 80.2 |  |")
        .noneMatch(l -> l.contains("gemma"));
  }
}
