package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole slice: `sync` against a local Hub serving the seed fixtures, then `render`, on the shipped config. */
class SyncAndRenderTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private Path out;

  @BeforeEach
  void start() throws Exception {
    out = cli.dir().resolve("rendered.md");
  }

  @Test
  void syncStoresEveryConfiguredModelAndRenderWritesTheCatalog() throws Exception {
    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).startsWith("hub: ok, snapshot 1: 29 models, 0 missing, ");
    assertThat(cli.count("SELECT count(DISTINCT subject) FROM observation WHERE to_snapshot IS NULL AND source = 'hub'")).isEqualTo(29);
    assertThat(cli.count("SELECT count(*) FROM model_alias WHERE alias = 'THUDM/chatglm3-6b' AND model_id = 'zai-org/chatglm3-6b'")).isOne();
    assertThat(cli.count("SELECT value FROM observation WHERE subject = 'mistralai/Mixtral-8x7B-Instruct-v0.1' AND key = 'parameters'"))
        .isEqualTo(46_702_792_704L);

    CliRunner.Result render = cli.run("render", "--out", out.toString());

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(render.out()).isEqualTo("wrote " + out + "\n");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(Fixtures.text("expected/catalog.md"));
  }

  @Test
  void aSecondSyncOfUnchangedDataStoresNothingAndRendersTheSameBytes() throws Exception {
    cli.run("sync");
    cli.run("render", "--out", out.toString());
    byte[] first = Files.readAllBytes(out);
    long rows = cli.count("SELECT count(*) FROM observation");

    CliRunner.Result again = cli.run("sync");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out().lines()).hasSize(TestConfigs.SOURCES.size()).allMatch(l -> l.matches("[a-z0-9-]+: ok, snapshot \\d+: \\d+ models, 0 missing, 0 values added, 0 closed"));
    assertThat(cli.count("SELECT count(*) FROM observation")).isEqualTo(rows);
    CliRunner.Result check = cli.run("render", "--out", out.toString(), "--check");
    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).isEqualTo(out + " is up to date\n");
    cli.run("render", "--out", out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(first);
  }

  @Test
  void theSameUpstreamThroughAnotherBaseUrlStoresNothingAndDiffsEmpty() throws Exception {
    cli.run("sync");
    long rows = cli.count("SELECT count(*) FROM observation");
    String before = cli.hub().endpoint();
    String mirror = before.contains("localhost") ? before.replace("localhost", "127.0.0.1") : before.replace("127.0.0.1", "localhost");
    cli.hub().env().forEach((name, url) -> cli.env(name, url.replace(before, mirror))); // a mirror: other host, same paths

    CliRunner.Result again = cli.run("sync");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out().lines()).hasSize(TestConfigs.SOURCES.size()).allMatch(l -> l.endsWith(" 0 values added, 0 closed"));
    assertThat(cli.count("SELECT count(*) FROM observation")).isEqualTo(rows);
    assertThat(cli.count("SELECT count(*) FROM fetch_url WHERE url LIKE '" + mirror + "/%'")).as("read through the mirror")
        .isPositive();
    CliRunner.Result diff = cli.run("diff", "1", "2", "--exit-code");
    assertThat(diff.exitCode()).as(diff.out()).isZero();
  }

  @Test
  void anUpstreamChangeIsOneNewValueAndShowsInRenderCheck() throws Exception {
    cli.run("sync");
    cli.run("render", "--out", out.toString());
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    cli.hub().overrideModel("microsoft/phi-2", phi2.replaceFirst("\"downloads\":\\d+", "\"downloads\":1234567"));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.out()).startsWith("hub: ok, snapshot 10: 29 models, 0 missing, 1 values added, 1 closed\n")
        .contains("openllm-v1: ok, snapshot 11: 11 models, 0 missing, 0 values added, 0 closed\n");
    CliRunner.Result check = cli.run("render", "--out", out.toString(), "--check");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("--- a/" + out, "+++ b/" + out)
        .contains("+- [microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license mit · downloads 1.23M");
  }

  @Test
  void theSeedTableFollowsTheServedNumbers() throws Exception {
    cli.run("sync");
    cli.hub().overrideRows("open-llm-leaderboard-old/contents", Fixtures.text("leaderboards/openllm-v1/rows-seed-SYNTHETIC.json")
        .replace("62.37", "63.01"));

    cli.run("sync");
    cli.run("render", "--out", out.toString());

    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .contains("| Qwen/Qwen1.5-14B-Chat | 63.01 | 58.79 | 82.33 | 68.52 | 60.38 | 73.32 | 30.86 |\n")
        .doesNotContain("62.37");
  }

  @Test
  void aModelTheHubDoesNotKnowIsRecordedAsMissingAndTheRestIsStored() throws Exception {
    cli.config(text -> text
        .replace("      - lmsys/vicuna-7b-v1.5\n", "      - lmsys/vicuna-7b-v1.5\n      - nobody/does-not-exist\n"));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(sync.out()).startsWith("hub: ok, snapshot 1: 29 models, 1 missing, ");
    assertThat(cli.count("SELECT count(*) FROM missing_model WHERE model_id = 'nobody/does-not-exist' AND status = 401"
        + " AND error_code = 'RepoNotFound'")).isOne();
    cli.run("render", "--out", out.toString());
    assertThat(Files.readString(out)).contains(
        "- [nobody/does-not-exist](https://huggingface.co/nobody/does-not-exist) · not found on the Hub (HTTP 401 RepoNotFound)\n");
  }

  @Test
  void aFailingHubKeepsThePreviousDataAndTheOtherSourcesSyncExitPartial() throws Exception {
    cli.run("sync");
    long rows = cli.count("SELECT count(*) FROM observation");
    cli.hub().override("/api/models/Qwen/Qwen-7B-Chat", new MockResponse.Builder().code(503).body("upstream down").build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out()).startsWith("hub: FAILED, snapshot 10, previous data kept: GET ").contains("/api/models/Qwen/Qwen-7B-Chat",
        "HTTP 503");
    assertThat(cli.count("SELECT count(*) FROM observation")).isEqualTo(rows);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(cli.count("SELECT max(id) FROM snapshot WHERE status = 'ok' AND source = 'hub'")).isEqualTo(1);
    assertThat(cli.count("SELECT count(*) FROM snapshot WHERE status = 'ok' AND run_id = 2")).isEqualTo(TestConfigs.SOURCES.size() - 1);
  }

  @Test
  void theTokenGoesToTheHubAndNeverToOutputOrDatabase() throws Exception {
    cli.env("HF_TOKEN", "hf_TopSecret123");

    CliRunner.Result sync = cli.runAt(Clock.systemUTC(), "--verbose", "sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(cli.server().takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_TopSecret123");
    assertThat(sync.out() + sync.err()).doesNotContain("hf_TopSecret123");
    assertThat(new String(Files.readAllBytes(cli.db()), StandardCharsets.ISO_8859_1)).doesNotContain("hf_TopSecret123");
  }

  @Test
  void snapshotsListsIdSourceTimeStatusAndCounts() {
    cli.run("sync");
    CliRunner.Result list = cli.run("snapshots");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines()).containsExactly(
        "ID    RUN   SOURCE          FINISHED                  STATUS  MODELS  MISSING   ADDED  CLOSED  ERROR",
        "1     1     hub             2026-11-26T10:00:00Z      ok          29        0     341       0  ",
        "2     1     openllm-v1      2026-11-26T10:00:00Z      ok          11        0     132       0  ",
        "3     1     openllm-v2      2026-11-26T10:00:00Z      ok          14        0     271       0  ",
        "4     1     opencompass     2026-11-26T10:00:00Z      ok          15        0     210       0  ",
        "5     1     arena           2026-11-26T10:00:00Z      ok          61        0     434       0  ",
        "6     1     tabby           2026-11-26T10:00:00Z      ok          26        0     450       0  ",
        "7     1     mteb            2026-11-26T10:00:00Z      ok           4        0      12       0  ",
        "8     1     aider           2026-11-26T10:00:00Z      ok          10        0      98       0  ",
        "9     1     hub-benchmarks  2026-11-26T10:00:00Z      ok          10        0     105       0  ");
  }
}
