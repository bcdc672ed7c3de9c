package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole slice: `sync` against a local Hub serving the seed fixtures, then `render`, on the shipped config. */
class SyncAndRenderTest {
  @TempDir
  Path dir;
  private final MockWebServer server = new MockWebServer();
  private FixtureHub hub;
  private CliRunner cli;
  private Path db;
  private Path out;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    server.start();
    hub = new FixtureHub(server);
    cli = new CliRunner(hub.env(), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    db = dir.resolve("catalog.db");
    out = dir.resolve("rendered.md");
    config = TestConfigs.shippedIn(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRunner.Result run(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--config";
    all[1] = config.toString();
    all[2] = "--db";
    all[3] = db.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return cli.run(all);
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void syncStoresEveryConfiguredModelAndRenderWritesTheCatalog() throws Exception {
    CliRunner.Result sync = run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).startsWith("hub: ok, snapshot 1: 29 models, 0 missing, ");
    assertThat(count("SELECT count(DISTINCT subject) FROM observation WHERE to_snapshot IS NULL AND source = 'hub'")).isEqualTo(29);
    assertThat(count("SELECT count(*) FROM model_alias WHERE alias = 'THUDM/chatglm3-6b' AND model_id = 'zai-org/chatglm3-6b'")).isOne();
    assertThat(count("SELECT value FROM observation WHERE subject = 'mistralai/Mixtral-8x7B-Instruct-v0.1' AND key = 'parameters'"))
        .isEqualTo(46_702_792_704L);

    CliRunner.Result render = run("render", "--out", out.toString());

    assertThat(render.exitCode()).as(render.err()).isZero();
    assertThat(render.out()).isEqualTo("wrote " + out + "\n");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(Fixtures.text("expected/catalog.md"));
  }

  @Test
  void aSecondSyncOfUnchangedDataStoresNothingAndRendersTheSameBytes() throws Exception {
    run("sync");
    run("render", "--out", out.toString());
    byte[] first = Files.readAllBytes(out);
    long rows = count("SELECT count(*) FROM observation");

    CliRunner.Result again = run("sync");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out().lines()).hasSize(7).allMatch(l -> l.matches("[a-z0-9-]+: ok, snapshot \\d+: \\d+ models, 0 missing, 0 values added, 0 closed"));
    assertThat(count("SELECT count(*) FROM observation")).isEqualTo(rows);
    CliRunner.Result check = run("render", "--out", out.toString(), "--check");
    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).isEqualTo(out + " is up to date\n");
    run("render", "--out", out.toString());
    assertThat(Files.readAllBytes(out)).isEqualTo(first);
  }

  @Test
  void anUpstreamChangeIsOneNewValueAndShowsInRenderCheck() throws Exception {
    run("sync");
    run("render", "--out", out.toString());
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    hub.overrideModel("microsoft/phi-2", phi2.replaceFirst("\"downloads\":\\d+", "\"downloads\":1234567"));

    CliRunner.Result sync = run("sync");

    assertThat(sync.out()).startsWith("hub: ok, snapshot 8: 29 models, 0 missing, 1 values added, 1 closed\n")
        .contains("openllm-v1: ok, snapshot 9: 11 models, 0 missing, 0 values added, 0 closed\n");
    CliRunner.Result check = run("render", "--out", out.toString(), "--check");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("--- a/" + out, "+++ b/" + out)
        .contains("+- [microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license mit · downloads 1.23M");
  }

  @Test
  void theSeedTableFollowsTheServedNumbers() throws Exception {
    run("sync");
    hub.overrideRows("open-llm-leaderboard-old/contents", Fixtures.text("leaderboards/openllm-v1/rows-seed-SYNTHETIC.json")
        .replace("62.37", "63.01"));

    run("sync");
    run("render", "--out", out.toString());

    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .contains("| Qwen/Qwen1.5-14B-Chat | 63.01 | 58.79 | 82.33 | 68.52 | 60.38 | 73.32 | 30.86 |\n")
        .doesNotContain("62.37");
  }

  @Test
  void aModelTheHubDoesNotKnowIsRecordedAsMissingAndTheRestIsStored() throws Exception {
    Path config = TestConfigs.shippedIn(dir, text -> text
        .replace("      - lmsys/vicuna-7b-v1.5\n", "      - lmsys/vicuna-7b-v1.5\n      - nobody/does-not-exist\n"));

    CliRunner.Result sync = cli.run("--config", config.toString(), "--db", db.toString(), "sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(sync.out()).startsWith("hub: ok, snapshot 1: 29 models, 1 missing, ");
    assertThat(count("SELECT count(*) FROM missing_model WHERE model_id = 'nobody/does-not-exist' AND status = 401"
        + " AND error_code = 'RepoNotFound'")).isOne();
    cli.run("--config", config.toString(), "--db", db.toString(), "render", "--out", out.toString());
    assertThat(Files.readString(out)).contains(
        "- [nobody/does-not-exist](https://huggingface.co/nobody/does-not-exist) · not found on the Hub (HTTP 401 RepoNotFound)\n");
  }

  @Test
  void aFailingHubKeepsThePreviousDataAndTheOtherSourcesSyncExitPartial() throws Exception {
    run("sync");
    long rows = count("SELECT count(*) FROM observation");
    hub.override("/api/models/Qwen/Qwen-7B-Chat", new MockResponse.Builder().code(503).body("upstream down").build());

    CliRunner.Result sync = run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out()).startsWith("hub: FAILED, snapshot 8, previous data kept: GET ").contains("/api/models/Qwen/Qwen-7B-Chat",
        "HTTP 503");
    assertThat(count("SELECT count(*) FROM observation")).isEqualTo(rows);
    assertThat(count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(count("SELECT max(id) FROM snapshot WHERE status = 'ok' AND source = 'hub'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM snapshot WHERE status = 'ok' AND run_id = 2")).isEqualTo(6);
  }

  @Test
  void theTokenGoesToTheHubAndNeverToOutputOrDatabase() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(hub.env());
    env.put("HF_TOKEN", "hf_TopSecret123");
    CliRunner withToken = new CliRunner(env, Clock.systemUTC());

    CliRunner.Result sync = withToken.run("--config", config.toString(), "--db", db.toString(), "--verbose", "sync");

    assertThat(sync.exitCode()).isZero();
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_TopSecret123");
    assertThat(sync.out() + sync.err()).doesNotContain("hf_TopSecret123");
    assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)).doesNotContain("hf_TopSecret123");
  }

  @Test
  void snapshotsListsIdSourceTimeStatusAndCounts() {
    run("sync");
    CliRunner.Result list = run("snapshots");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines()).containsExactly(
        "ID    RUN   SOURCE        FINISHED                  STATUS  MODELS  MISSING   ADDED  CLOSED  ERROR",
        "1     1     hub           2026-11-26T10:00:00Z      ok          29        0     319       0  ",
        "2     1     openllm-v1    2026-11-26T10:00:00Z      ok          11        0     132       0  ",
        "3     1     openllm-v2    2026-11-26T10:00:00Z      ok          14        0     271       0  ",
        "4     1     opencompass   2026-11-26T10:00:00Z      ok          15        0     210       0  ",
        "5     1     arena         2026-11-26T10:00:00Z      ok          93        0     498       0  ",
        "6     1     tabby         2026-11-26T10:00:00Z      ok          26        0     450       0  ",
        "7     1     mteb          2026-11-26T10:00:00Z      ok           4        0      12       0  ");
  }
}
