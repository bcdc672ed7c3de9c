package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.llmcatalog.testsupport.Fixtures;
import java.nio.file.Files;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 18: a failure is one line on a terminal, and {@code sync --source} syncs the chosen sources only. */
class SyncCommandTest {
  private static final String QWEN = "/api/models/Qwen/Qwen-7B-Chat";

  @RegisterExtension
  final CliHarness cli = new CliHarness();
  @RegisterExtension
  final RootLog log = new RootLog();

  @Test
  void aFailureIsOneLineOnStdoutAndItsDetailsComeWithVerbose() {
    cli.run("sync");
    cli.hub().override(QWEN, new MockResponse.Builder().code(503).body("upstream down").build());
    log.clear();

    CliRunner.Result sync = cli.run("sync");

    String failure = "hub: FAILED, snapshot 10, previous data kept: GET " + cli.hub().endpoint() + QWEN + " -> HTTP 503";
    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out().lines().filter(l -> l.contains(QWEN))).containsExactly(failure);
    assertThat(sync.err()).isEmpty();
    assertThat(log.about(QWEN)).as("log lines on stderr about the failure").isEmpty();

    CliRunner.Result verbose = cli.run("--verbose", "sync");

    assertThat(verbose.exitCode()).isEqualTo(3);
    assertThat(verbose.out().lines().filter(l -> l.contains(QWEN))).containsExactly(failure.replace("snapshot 10", "snapshot 19"));
    ILoggingEvent details = log.about("hub: failed, previous data kept: ").get(0);
    assertThat(details.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(details.getFormattedMessage()).isEqualTo("hub: failed, previous data kept: GET " + cli.hub().endpoint() + QWEN
        + " -> HTTP 503");
    assertThat(details.getThrowableProxy()).as("the stack trace").isNotNull();
  }

  @Test
  void sourceSyncsOnlyTheChosenSourcesInTheConfigsOrder() throws Exception {
    CliRunner.Result sync = cli.run("sync", "--source", "openllm-v1", "--source", "hub");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).isEqualTo("""
        hub: ok, snapshot 1: 29 models, 0 missing, 341 values added, 0 closed
        openllm-v1: ok, snapshot 2: 11 models, 0 missing, 132 values added, 0 closed
        catalog updated: %s; review: %s, %s
        charts updated: %s, %s, %s, %s
        """.formatted(cli.dir().resolve("catalog.md"), cli.dir().resolve("catalog.diff"), cli.dir().resolve("summary.md"),
        cli.dir().resolve("charts/table-arena.svg"), cli.dir().resolve("charts/table-aider.svg"),
        cli.dir().resolve("charts/group-llm.svg"), cli.dir().resolve("charts/group-gguf.svg")));
    assertThat(cli.count("SELECT count(*) FROM snapshot")).isEqualTo(2);
    assertThat(Files.readString(cli.dir().resolve("catalog.md")))
        .contains("| Qwen/Qwen1.5-14B-Chat | 62.37 |", "_Source: arena, no data yet (run `llm-catalog sync`)._");
  }

  @Test
  void anUnknownSourceIsOneLineNamingTheConfiguredOnes() throws Exception {
    CliRunner.Result sync = cli.run("sync", "--source", "hub", "--source", "lmarena");

    assertThat(sync.exitCode()).isEqualTo(2);
    assertThat(sync.err()).isEqualTo("error: --source: unknown source 'lmarena' (configured sources: hub, openllm-v1,"
        + " openllm-v2, opencompass, arena, tabby, mteb, aider, hub-benchmarks)\n");
    assertThat(sync.out()).isEmpty();
    assertThat(cli.db()).doesNotExist();
  }

  /** Each review file after a sync of some sources: this run's changes, not those of runs before it. */
  @Test
  void theReviewFilesOfASyncOfOneSourceShowThatSourcesChanges() throws Exception {
    cli.run("sync");
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replace("\"license\":\"mit\"", "\"license\":\"apache-2.0\""));
    assertThat(cli.run("sync", "--source", "hub").out()).startsWith("hub: ok, snapshot 10: 29 models, 0 missing, 1 values added, 1 closed\n");
    cli.hub().overrideRows("open-llm-leaderboard-old/contents", Fixtures.text("leaderboards/openllm-v1/rows-seed-SYNTHETIC.json")
        .replace("62.37", "63.01"));

    CliRunner.Result sync = cli.run("sync", "--source", "openllm-v1");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).startsWith("openllm-v1: ok, snapshot 11: 11 models, 0 missing, 1 values added, 1 closed\ncatalog updated: ");
    String summary = Files.readString(cli.dir().resolve("summary.md"));
    assertThat(summary).as("not hub's change of run 2").isEqualTo("""
        # llm-catalog review

        Changes of run 3 (nothing published yet).

        ### openllm-v1 (snapshot 2 → 11)

        | change | model | what | old | new | Δ |
        | --- | --- | --- | --- | --- | --- |
        | metric | Qwen/Qwen1.5-14B-Chat [bfloat16 b295c4c] | average | 62.37 | 63.01 | +0.64 |

        Catalog diff: `catalog.diff`.
        """);
    String diff = Files.readString(cli.dir().resolve("catalog.diff"));
    assertThat(diff).contains("+| Qwen/Qwen1.5-14B-Chat | 63.01 |").doesNotContain("phi-2");
    assertThat(Files.readString(cli.dir().resolve("catalog.md"))).contains("| Qwen/Qwen1.5-14B-Chat | 63.01 |",
        "[microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license apache-2.0");
  }

  /** Issue 16: --format json prints one document on stdout, one object per source, and nothing else. */
  @Test
  void jsonIsOneDocumentWithASnapshotPerSourceAndTheReviewFiles() {
    CliRunner.Result sync = cli.run("sync", "--source", "hub", "--format", "json");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.err()).isEmpty();
    String hub = """
        {
            "id" : 1,
            "run" : 1,
            "source" : "hub",
            "status" : "ok",
            "started_at" : "2026-11-26T10:00:00Z",
            "finished_at" : "2026-11-26T10:00:00Z",
            "models" : 29,
            "missing" : 0,
            "values_added" : 341,
            "values_closed" : 0,
            "data_date" : null,
            "error" : null,
            "warning" : null
          }""";
    assertThat(sync.out()).isEqualTo("""
        {
          "snapshots" : [ %s ],
          "catalog" : {
            "path" : "%s",
            "changed" : true,
            "diff" : "%s",
            "summary" : "%s",
            "charts" : [ "%s", "%s", "%s", "%s" ]
          }
        }
        """.formatted(hub, cli.dir().resolve("catalog.md"), cli.dir().resolve("catalog.diff"), cli.dir().resolve("summary.md"),
        cli.dir().resolve("charts/table-arena.svg"), cli.dir().resolve("charts/table-aider.svg"),
        cli.dir().resolve("charts/group-llm.svg"), cli.dir().resolve("charts/group-gguf.svg")));
    // `snapshots` lists the same objects
    assertThat(cli.run("snapshots", "--format", "json").out()).isEqualTo("{\n  \"snapshots\" : [ " + hub + " ]\n}\n");
  }

  @Test
  void jsonOfAPartialSyncHasTheFailureAndTheSameExitCode() {
    cli.run("sync", "--source", "hub", "--source", "mteb");
    cli.hub().override(QWEN, new MockResponse.Builder().code(503).body("upstream down").build());

    CliRunner.Result sync = cli.run("sync", "--source", "hub", "--source", "mteb", "--format=json");

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(sync.err()).isEmpty();
    assertThat(sync.out()).isEqualTo("""
        {
          "snapshots" : [ {
            "id" : 3,
            "run" : 2,
            "source" : "hub",
            "status" : "failed",
            "started_at" : "2026-11-26T10:00:00Z",
            "finished_at" : "2026-11-26T10:00:00Z",
            "models" : 0,
            "missing" : 0,
            "values_added" : 0,
            "values_closed" : 0,
            "data_date" : null,
            "error" : "GET %s%s -> HTTP 503",
            "warning" : null
          }, {
            "id" : 4,
            "run" : 2,
            "source" : "mteb",
            "status" : "ok",
            "started_at" : "2026-11-26T10:00:00Z",
            "finished_at" : "2026-11-26T10:00:00Z",
            "models" : 4,
            "missing" : 0,
            "values_added" : 0,
            "values_closed" : 0,
            "data_date" : null,
            "error" : null,
            "warning" : null
          } ],
          "catalog" : null
        }
        """.formatted(cli.hub().endpoint(), QWEN));
  }

  @Test
  void aUsageErrorWithJsonIsStillOneLineOnStderrAndNothingOnStdout() {
    CliRunner.Result sync = cli.run("sync", "--format", "json", "--source", "lmarena");

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sync.err()).startsWith("error: --source: unknown source 'lmarena' (configured sources: ").hasLineCount(1);
    assertThat(sync.out()).isEmpty();
    assertThat(cli.run("snapshots", "--format", "json").out()).isEqualTo("{\n  \"snapshots\" : [ ]\n}\n");
  }
}
