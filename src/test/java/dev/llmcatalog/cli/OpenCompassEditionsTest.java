package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: OpenCompass per edition. A full `sync` of the shipped config after a clean one, with one CompassRank
 * edition failing: the others stay current, the failed one keeps its values and is named in the sync line (exit 3).
 */
class OpenCompassEditionsTest {
  private static final String MONTHS = "/oc/gw/opencompass-be/api/v1/rank/listRankTableAvailableMonths";
  private static final String FILES = "leaderboards/opencompass/compassrank/";
  private static final String FILE_2402 = "assets/llm-rank/llm-data-v2.24-02.20240401.json";
  private static final String FILE_2405 = "assets/llm-rank/llm-data-v2.24-05.20240531.json";
  private static final String FILE_2607 = "assets/llm-rank/llm-data-v2.26-07.20260824.json";
  /** The values of each edition in the fixtures: 10 rows x 12 values, 4 x 12, 10 + 11 + 11 + 10. */
  private static final long VALUES_2402 = 120;
  private static final long VALUES_2405 = 48;
  /** The first sync's opencompass snapshot (after hub, openllm-v1, openllm-v2); the second sync's is 11. */
  private static final long FIRST = 4;

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  private String cdn(String file) {
    return cli.hub().endpoint() + "/cdn/" + file;
  }

  private String months() {
    return cli.hub().endpoint() + MONTHS;
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse unavailable() {
    return new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("busy").build();
  }

  private String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private long current(String variant) throws Exception {
    return cli.count("SELECT count(*) FROM observation WHERE source = 'opencompass' AND variant = '" + variant
        + "' AND to_snapshot IS NULL");
  }

  /** The catalog as rendered now; its OpenCompass table shows edition 24-02. */
  private String render() throws Exception {
    Path out = cli.dir().resolve("rendered.md");
    CliRunner.Result render = cli.run("render", "--out", out.toString());
    assertThat(render.exitCode()).as(render.err()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void anEditionFailingLeavesTheOthersCurrentAndNamesItselfInTheSyncLine() throws Exception {
    cli.run("sync");
    // Two attempts, 10 ms apart: the edition fails as it would after the fetch layer's retries, without real waits.
    cli.config(text -> text.replace("  attempts: 1\n", "  attempts: 2\n  backoff_ms: 10\n"));
    cli.hub().override("/cdn/" + FILE_2405, unavailable());
    cli.hub().override("/cdn/" + FILE_2607, json(Fixtures.text(FILES + FILE_2607).replace("\"Average\": 83.3", "\"Average\": 84.0")));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(3);
    String reason = "GET " + cdn(FILE_2405) + " -> HTTP 503 after 2 attempts";
    assertThat(sync.out().lines()).contains("opencompass: PARTIAL, snapshot 13: 15 models, 0 missing, 1 values added, 1 closed;"
        + " previous data kept for edition 24-05: " + reason);
    assertThat(sync.out().lines().filter(l -> l.contains(": ok, snapshot "))).hasSize(TestConfigs.SOURCES.size() - 1);
    assertThat(query("SELECT status || ' ' || warning FROM snapshot WHERE id = 13 AND source = 'opencompass'"))
        .isEqualTo("ok edition 24-05: " + reason);
    // The kept edition: every value as the first sync stored it, none closed, none written again.
    assertThat(current("24-05")).isEqualTo(VALUES_2405);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'opencompass' AND variant = '24-05'"))
        .isEqualTo(VALUES_2405);
    assertThat(cli.count("SELECT max(from_snapshot) FROM observation WHERE source = 'opencompass' AND variant = '24-05'"))
        .isEqualTo(FIRST);
    assertThat(query("SELECT value FROM observation WHERE source = 'opencompass' AND subject = 'Qwen/Qwen1.5-14B-Chat'"
        + " AND variant = '24-05' AND key = 'average' AND to_snapshot IS NULL")).isEqualTo("51.7");
    // The other editions are current: 26-07 took the new number, 24-02 is unchanged.
    assertThat(query("SELECT value || ' ' || from_snapshot FROM observation WHERE source = 'opencompass'"
        + " AND subject = 'Claude Opus 5 (high)' AND variant = '26-07' AND key = 'average' AND to_snapshot IS NULL"))
        .isEqualTo("84 13");
    assertThat(query("SELECT value || ' ' || to_snapshot FROM observation WHERE source = 'opencompass'"
        + " AND to_snapshot IS NOT NULL")).isEqualTo("83.3 13");
    assertThat(current("24-02")).isEqualTo(VALUES_2402);
    assertThat(render()).isEqualTo(Fixtures.text("expected/catalog.md"));
  }

  @Test
  void aMonthListedWithoutAFileNameIsSkippedLikewiseAndTheSeedTableStays() throws Exception {
    cli.run("sync");
    cli.hub().override(MONTHS, json(Fixtures.text(FILES + "months.json").replace("\"fileName\": \"" + FILE_2402 + "\",", "")));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out().lines()).contains("opencompass: PARTIAL, snapshot 13: 15 models, 0 missing, 0 values added, 0 closed;"
        + " previous data kept for edition 24-02: listed without a fileName (have: updateTime, month)");
    assertThat(current("24-02")).isEqualTo(VALUES_2402);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(render()).isEqualTo(Fixtures.text("expected/catalog.md"));
  }

  @Test
  void everyEditionFailingFailsTheSourceAndKeepsItsData() throws Exception {
    cli.run("sync");
    for (String file : new String[] {FILE_2607, FILE_2405, FILE_2402}) {
      cli.hub().override("/cdn/" + file, unavailable());
    }

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out().lines()).contains("opencompass: FAILED, snapshot 13, previous data kept: opencompass: no edition"
        + " could be read: edition 26-07: GET " + cdn(FILE_2607) + " -> HTTP 503; edition 24-05: GET " + cdn(FILE_2405)
        + " -> HTTP 503; edition 24-02: GET " + cdn(FILE_2402) + " -> HTTP 503");
    assertThat(query("SELECT status FROM snapshot WHERE id = 13")).isEqualTo("failed");
    assertThat(cli.count("SELECT max(id) FROM snapshot WHERE source = 'opencompass' AND status = 'ok'")).isEqualTo(FIRST);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
  }

  @Test
  void anEditionNoLongerListedIsKeptUntilTheSyncAcceptsItsRemoval() throws Exception {
    cli.run("sync");
    String listed = Fixtures.text(FILES + "months.json");
    String without2402 = listed.substring(0, listed.lastIndexOf(",\n    {")) + "\n  ]\n}\n";
    assertThat(without2402).doesNotContain("24-02").contains("24-05");
    cli.hub().override(MONTHS, json(without2402));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out().lines()).contains("opencompass: PARTIAL, snapshot 13: 15 models, 0 missing, 0 values added, 0 closed;"
        + " previous data kept for edition 24-02: no longer listed by POST " + months()
        + "; rerun with `sync --accept-shrink` to drop it");
    assertThat(current("24-02")).isEqualTo(VALUES_2402);
    assertThat(render()).isEqualTo(Fixtures.text("expected/catalog.md"));

    CliRunner.Result accepted = cli.run("sync", "--accept-shrink");

    assertThat(accepted.exitCode()).isZero();
    assertThat(accepted.out().lines()).contains("opencompass: ok, snapshot 22: 8 models, 0 missing, 0 values added, "
        + VALUES_2402 + " closed");
    assertThat(current("24-02")).isZero();
  }
}
