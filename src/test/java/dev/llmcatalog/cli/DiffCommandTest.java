package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiffCommandTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();

  private void changePhi2AndYi() {
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replaceFirst("\"downloads\":\\d+", "\"downloads\":900000")
        .replace("\"license\":\"mit\"", "\"license\":\"apache-2.0\""));
    // A counter change under the 10% threshold is not reported.
    cli.hub().overrideModel("01-ai/Yi-6B-Chat", Fixtures.text("hub-seed/models/01-ai--Yi-6B-Chat.json")
        .replaceFirst("\"likes\":(\\d+)", "\"likes\":66"));
  }

  private static final String WAIMAI = "/gh/embeddings-benchmark/results/main/results/moka-ai__m3e-base/no_revision_available/Waimai.json";

  @Test
  void listsExactlyTheUpstreamChanges() {
    cli.run("sync");
    changePhi2AndYi();
    cli.hub().override(WAIMAI, new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
        .body(Fixtures.text("leaderboards/mteb/results-repo/moka-ai__m3e-base/no_revision_available/Waimai.json")
            .replace("\"main_score\": 0.8399000000000001", "\"main_score\": 0.8512")).build());
    cli.run("sync");

    CliRunner.Result diff = cli.run("diff");

    assertThat(diff.exitCode()).isZero();
    assertThat(diff.out()).isEqualTo("""
        hub (snapshot 1 -> 10): 2 changes
          changed  microsoft/phi-2  downloads  583921 -> 900000
          changed  microsoft/phi-2  license       mit -> apache-2.0
        mteb (snapshot 7 -> 16): 1 change
          metric  moka-ai/m3e-base [no_revision_available/test/default]  Waimai  83.99 -> 85.12 (+1.13)
        """);
    assertThat(cli.run("diff", "--exit-code").exitCode()).isEqualTo(1);
  }

  @Test
  void jsonIsStable() {
    cli.run("sync");
    changePhi2AndYi();
    cli.run("sync");

    assertThat(cli.run("diff", "--source", "hub", "--format", "json").out()).isEqualTo("""
        {
          "sources" : [ {
            "source" : "hub",
            "from_snapshot" : 1,
            "to_snapshot" : 10,
            "changes" : [ {
              "type" : "field_changed",
              "model" : "microsoft/phi-2",
              "variant" : "",
              "field" : "downloads",
              "old" : "583921",
              "new" : "900000"
            }, {
              "type" : "field_changed",
              "model" : "microsoft/phi-2",
              "variant" : "",
              "field" : "license",
              "old" : "mit",
              "new" : "apache-2.0"
            } ]
          } ]
        }
        """);
  }

  @Test
  void aFailedSyncNeverShowsAsRemovals() {
    cli.run("sync");
    cli.hub().override("/api/models", new MockResponse.Builder().code(500).body("down").build());
    assertThat(cli.run("sync").exitCode()).isEqualTo(3);

    CliRunner.Result diff = cli.run("diff", "--exit-code");

    assertThat(diff.out()).isEqualTo("no changes in " + (TestConfigs.SOURCES.size() - 1) + " sources\n");
    assertThat(diff.exitCode()).isZero();
  }

  @Test
  void aModelLeavingTheTopGroupIsARemovalAndTheNewOneAnAddition() {
    cli.run("sync");
    cli.hub().override("/api/models", new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(Fixtures.text("hub-seed/list/thebloke-gguf-page2.json")).build());
    cli.run("sync");

    CliRunner.Result diff = cli.run("diff", "--source", "hub", "--format", "markdown");

    assertThat(diff.out()).startsWith("### hub (snapshot 1 → 10)\n\n| change | model | what | old | new | Δ |\n")
        .contains("| added | TheBloke/Yi-34B-Chat-GGUF |", "| removed | TheBloke/Mistral-7B-Instruct-v0.2-GGUF |")
        .doesNotContain("microsoft/phi-2");
  }

  @Test
  void anUnknownSourceIsAUsageError() {
    CliRunner.Result result = cli.run("diff", "--source", "nope");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: unknown source 'nope' (known here: hub, openllm-v1, openllm-v2, opencompass, arena,"
        + " tabby, mteb, aider, hub-benchmarks, opencompass-local)\n");
  }

  /** Issue 18: a run id that names no run is the user's mistake, not "nothing to compare". */
  @Test
  void runIdsThatDoNotExistAreAUsageErrorNamingTheRunsThatDo() {
    cli.run("sync");
    cli.run("sync");

    CliRunner.Result both = cli.run("diff", "999", "1000");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("error: no run 999 or 1000 in " + cli.db() + ": its runs are 1-2 (see llm-catalog snapshots)\n");
    assertThat(both.out()).isEmpty();
    CliRunner.Result to = cli.run("diff", "1", "8"); // 8 is a snapshot id, not a run id
    assertThat(to.exitCode()).isEqualTo(2);
    assertThat(to.err()).isEqualTo("error: no run 8 in " + cli.db() + ": its runs are 1-2 (see llm-catalog snapshots)\n");
    assertThat(cli.run("diff", "1", "2").exitCode()).isZero();
  }

  @Test
  void aRunIdOnADatabaseWithoutRunsSaysSo() {
    CliRunner.Result diff = cli.run("diff", "1");

    assertThat(diff.exitCode()).isEqualTo(2);
    assertThat(diff.err()).isEqualTo("error: no run 1 in " + cli.db() + ": it has no runs yet (run llm-catalog sync)\n");
  }

  @Test
  void runRangesAreShort() {
    assertThat(DiffCommand.ranges(new java.util.TreeSet<>(java.util.List.of(1L, 2L, 3L, 5L, 7L, 8L)))).isEqualTo("1-3, 5, 7-8");
  }
}
