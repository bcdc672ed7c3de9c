package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 20: {@code llm-catalog benchmarks} lists the Hub's official benchmark datasets, as text and as JSON. */
class BenchmarksCommandTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();

  @Test
  void benchmarksListsTheOfficialDatasetsAndWhichTheConfigReads() {
    CliRunner.Result text = cli.run("benchmarks");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).isEqualTo("""
        DATASET                                   GATED    LIKES   DOWNLOADS  CONFIGURED  LAST MODIFIED
        Idavidrein/gpqa                           auto       412       98000  yes         2026-06-01T00:00:00.000Z
        TIGER-Lab/MMLU-Pro                        false      380      210000  yes         2026-06-01T00:00:00.000Z
        cais/hle                                  auto       455       56000  yes         2026-06-01T00:00:00.000Z
        SWE-bench/SWE-bench_Verified              false      310       88000  yes         2026-06-01T00:00:00.000Z
        allenai/olmOCR-bench                      false       95        7000  no          2026-06-01T00:00:00.000Z
        5 official benchmarks; add one as a board under hub_benchmarks.boards of the config (docs/config.md)
        """);
    assertThat(cli.server().getRequestCount()).isEqualTo(1);

    CliRunner.Result json = cli.run("benchmarks", "--format", "json");

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.out()).startsWith("""
        {
          "benchmarks" : [ {
            "id" : "Idavidrein/gpqa",
            "gated" : "auto",
            "likes" : 412,
            "downloads" : 98000,
            "last_modified" : "2026-06-01T00:00:00.000Z",
            "configured" : true
          }, {
            "id" : "TIGER-Lab/MMLU-Pro",
            "gated" : false,
            "likes" : 380,
        """).endsWith("""
          }, {
            "id" : "allenai/olmOCR-bench",
            "gated" : false,
            "likes" : 95,
            "downloads" : 7000,
            "last_modified" : "2026-06-01T00:00:00.000Z",
            "configured" : false
          } ]
        }
        """);
  }

  @Test
  void benchmarksWhenTheHubFailsIsOneLineAndExit1() {
    cli.hub().override("/api/datasets", new MockResponse.Builder().code(503).body("down").build());

    CliRunner.Result result = cli.run("benchmarks");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: GET " + cli.hub().endpoint() + "/api/datasets?filter=benchmark%3Aofficial -> HTTP 503\n");
  }
}
