package dev.llmcatalog.source.aider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Aider polyglot board over a local raw GitHub serving the recorded file (fixtures/github-raw). */
class AiderSourceTest {
  private static final String FIXTURE = "github-raw/" + AiderSource.FILE;

  private final MockWebServer server = LocalServers.mockWebServer();
  private String base;

  @BeforeEach
  void start() throws Exception {
    server.start();
    String root = server.url("/gh/").toString();
    base = root.substring(0, root.length() - 1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SourceData fetch() throws Exception {
    return new AiderSource(new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of())), base).fetch();
  }

  private static MockResponse yaml(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8").body(body).build();
  }

  /** key -> value of one run. */
  private static Map<String, String> run(SourceData data, String dirname) {
    return data.observations().stream().filter(o -> o.variant().equals(dirname))
        .collect(Collectors.toMap(Observation::key, Observation::value));
  }

  @Test
  void everyRunIsAVariantOfItsModelWithTheFilesNumbers() throws Exception {
    server.enqueue(yaml(Fixtures.text(FIXTURE)));

    SourceData data = fetch();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/gh/Aider-AI/aider/main/aider/website/_data/polyglot_leaderboard.yml");
    assertThat(data.subjects()).isEqualTo(10); // 11 runs, Qwen2.5-Coder-32B-Instruct twice
    assertThat(data.dataDate()).isEqualTo("2025-02-25");
    assertThat(run(data, "2025-02-24-21-47-23--sonnet37-diff-think-32k-64k")).containsAllEntriesOf(Map.of(
        "pass_rate_2", "64.9", "pass_rate_1", "29.3", "percent_cases_well_formed", "97.8", "total_cost", "36.8343",
        "seconds_per_case", "105.2", "test_cases", "225", "edit_format", "diff", "date", "2025-02-24",
        "versions", "0.75.1.dev"));
    assertThat(data.observations()).filteredOn(o -> o.subject().equals("Qwen2.5-Coder-32B-Instruct")
            && o.key().equals("pass_rate_2"))
        .extracting(o -> o.variant() + " " + o.value())
        .containsExactly("2024-12-22-13-22-32--polyglot-qwen-diff 8", "2024-12-26-00-55-20--Qwen2.5-Coder-32B-Instruct 16.4");
    assertThat(run(data, "2025-01-28-16-00-03--qwen-max-2025-01-25-polyglot-diff")).doesNotContainKey("total_cost")
        .containsEntry("pass_rate_2", "21.8");
    assertThat(run(data, "2025-02-25-20-23-07--gemini-pro")).containsEntry("total_cost", "0")
        .containsEntry("percent_cases_well_formed", "100");
  }

  @Test
  void aRunWithoutItsPassRateIsALayoutChangeThatFailsTheSource() {
    server.enqueue(yaml(Fixtures.text(FIXTURE).replace("  pass_rate_2: 51.6\n", "")));

    assertThatThrownBy(this::fetch).isInstanceOf(FetchException.class).hasMessage("aider: " + base
        + "/Aider-AI/aider/main/aider/website/_data/polyglot_leaderboard.yml: run 2025-01-17-19-44-33--sonnet-baseline-jan-17"
        + " lacks dirname, model or a numeric pass_rate_2");
  }

  @Test
  void anHttpErrorOrAnythingButAListOfRunsFailsTheSource() {
    server.enqueue(new MockResponse.Builder().code(404).body("404: Not Found").build());
    assertThatThrownBy(this::fetch).isInstanceOf(FetchException.class)
        .hasMessageEndingWith("/polyglot_leaderboard.yml -> HTTP 404");

    server.enqueue(yaml("leaderboard: moved\n"));
    assertThatThrownBy(this::fetch).isInstanceOf(FetchException.class)
        .hasMessageEndingWith("polyglot_leaderboard.yml: expected a non-empty list of benchmark runs");

    server.enqueue(yaml(Fixtures.text(FIXTURE).replace("  total_cost: 5.4193\n", "  total_cost: n/a\n")));
    assertThatThrownBy(this::fetch).isInstanceOf(FetchException.class)
        .hasMessageEndingWith("run 2025-01-20-19-11-38--ds-turns-upd-cur-msgs-fix-with-summarizer: total_cost is not a number: n/a");
  }
}
