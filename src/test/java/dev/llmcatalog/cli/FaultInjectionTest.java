package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6: each upstream fault injected into a full `sync` of the shipped config, asserting what the database
 * holds afterwards. A first clean sync gives every test its "previous data"; after a fault, that data must be
 * exactly as it was (no value closed, the last good snapshot still the newest ok one).
 */
class FaultInjectionTest {
  private static final String PHI2 = "/api/models/microsoft/phi-2";
  private static final String V1_DATASET = "open-llm-leaderboard-old/contents";
  /** Values of the first clean sync (see SyncAndRenderTest). */
  private static final long HUB_VALUES = 341;

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  /** Up to {@code attempts} attempts per request, the backoff between them 10 ms (server-asked waits still apply). */
  private void allowAttempts(int attempts) {
    cli.config(text -> text.replace("  attempts: 1\n", "  attempts: " + attempts + "\n  backoff_ms: 10\n"));
  }

  /** "source status" of every snapshot of run {@code run}, in sync order. */
  private List<String> statuses(long run) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT source, status FROM snapshot WHERE run_id = " + run + " ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return rows;
  }

  private String error(String source, long run) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT error FROM snapshot WHERE run_id = " + run + " AND source = '" + source + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static List<String> allOk() {
    return TestConfigs.SOURCES.stream().map(s -> s + " ok").toList();
  }

  private static List<String> allOkBut(String failed) {
    return allOk().stream().map(s -> s.startsWith(failed + " ") ? failed + " failed" : s).toList();
  }

  /** How many requests the server received for {@code path} (drains the recorded requests). */
  private int requestsTo(MockWebServer to, String path) throws Exception {
    int n = 0;
    RecordedRequest r;
    while ((r = to.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      if (r.getUrl().encodedPath().equals(path)) {
        n++;
      }
    }
    return n;
  }

  private void assertHubIsTheFirstSyncUntouched() throws Exception {
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'hub'")).isEqualTo(HUB_VALUES);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(cli.count("SELECT max(id) FROM snapshot WHERE status = 'ok' AND source = 'hub'")).isEqualTo(1);
  }

  private static MockResponse.Builder phi2Json() {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(Fixtures.text("hub-seed/models/microsoft--phi-2.json"));
  }

  @Test
  void a429WithRetryAfterIsWaitedOutAndTheSyncSucceeds() throws Exception {
    allowAttempts(2);
    cli.hub().overrideNext(PHI2, new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(statuses(1)).isEqualTo(allOk());
    assertThat(requestsTo(cli.server(), PHI2)).isEqualTo(2);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'hub'")).isEqualTo(HUB_VALUES);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE subject = 'microsoft/phi-2' AND source = 'hub'")).isEqualTo(11);
  }

  @Test
  void a429WithTheHubsRateLimitHeaderIsWaitedOutAndTheSyncSucceeds() throws Exception {
    allowAttempts(2);
    cli.hub().overrideNext(PHI2, new MockResponse.Builder().code(429).setHeader("RateLimit", "\"api\";r=0;t=1")
        .setHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300").body("rate limited").build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(statuses(1)).isEqualTo(allOk());
    assertThat(requestsTo(cli.server(), PHI2)).isEqualTo(2);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'hub'")).isEqualTo(HUB_VALUES);
  }

  @Test
  void twoServiceUnavailableAnswersThenOkIsRetriedToSuccess() throws Exception {
    allowAttempts(3);
    MockResponse unavailable = new MockResponse.Builder().code(503).body("upstream down").build();
    cli.hub().overrideNext(PHI2, unavailable, unavailable);

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(statuses(1)).isEqualTo(allOk());
    assertThat(requestsTo(cli.server(), PHI2)).isEqualTo(3);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'hub'")).isEqualTo(HUB_VALUES);
  }

  @Test
  void aSlowBodyHittingTheReadTimeoutIsRetriedToSuccess() throws Exception {
    cli.config(text -> text.replace("  attempts: 1\n", "  attempts: 2\n  backoff_ms: 10\n  read_timeout: 1\n"));
    cli.hub().overrideNext(PHI2, phi2Json().bodyDelay(3, TimeUnit.SECONDS).build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(statuses(1)).isEqualTo(allOk());
    assertThat(requestsTo(cli.server(), PHI2)).isEqualTo(2);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'hub'")).isEqualTo(HUB_VALUES);
  }

  @Test
  void aTruncatedJsonBodyFailsTheSourceAndKeepsItsData() throws Exception {
    cli.run("sync");
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    cli.hub().override(PHI2, phi2Json().body(phi2.substring(0, phi2.length() / 2)).build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out()).startsWith("hub: FAILED, snapshot 10, previous data kept: ");
    assertThat(statuses(2)).isEqualTo(allOkBut("hub"));
    assertThat(error("hub", 2)).contains(PHI2, "body is not valid JSON");
    assertHubIsTheFirstSyncUntouched();
  }

  @Test
  void anHtmlPageWithStatus200FailsTheSourceAndKeepsItsData() throws Exception {
    cli.run("sync");
    cli.hub().override(PHI2, new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>")
        .build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(statuses(2)).isEqualTo(allOkBut("hub"));
    assertThat(error("hub", 2)).contains(PHI2, "expected JSON, got an HTML page (text/html; charset=utf-8)");
    assertHubIsTheFirstSyncUntouched();
  }

  @Test
  void aConnectionResetMidBodyIsRetriedAndOnEveryAttemptFailsTheSource() throws Exception {
    cli.run("sync");
    allowAttempts(2);
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    // Long enough that the socket shuts down before the client has read it all.
    cli.hub().override(PHI2, phi2Json().body(phi2 + " ".repeat(256 * 1024))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(statuses(2)).isEqualTo(allOkBut("hub"));
    assertThat(error("hub", 2)).contains(PHI2, "after 2 attempts");
    assertThat(requestsTo(cli.server(), PHI2)).isEqualTo(1 + 2);
    assertHubIsTheFirstSyncUntouched();
  }

  @Test
  void aPermanent500OnOneSourceLeavesItsDataAndTheOthersSyncWithExitPartialAndNoRemovalsInDiff() throws Exception {
    cli.run("sync");
    long tabbyValues = cli.count("SELECT count(*) FROM observation WHERE source = 'tabby'");
    cli.hub().override("/tabby/tabby.yml", new MockResponse.Builder().code(500).body("internal error").build());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(sync.out()).contains("tabby: FAILED, snapshot 15, previous data kept: tabby: ");
    assertThat(statuses(2)).isEqualTo(allOkBut("tabby"));
    assertThat(error("tabby", 2)).contains("/tabby/tabby.yml", "HTTP 500");
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'tabby' AND to_snapshot IS NULL")).isEqualTo(tabbyValues);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(cli.count("SELECT max(id) FROM snapshot WHERE status = 'ok' AND source = 'tabby'")).isEqualTo(6);

    CliRunner.Result diff = cli.run("diff", "--exit-code");

    assertThat(diff.out()).isEqualTo("no changes in " + (TestConfigs.SOURCES.size() - 1) + " sources\n").doesNotContain("removed");
    assertThat(diff.exitCode()).isZero();
  }

  @Test
  void aRowCountCollapseIsRejectedUnlessAccepted() throws Exception {
    cli.run("sync");
    cli.hub().overrideRows(V1_DATASET, rows(2));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(statuses(2)).isEqualTo(allOkBut("openllm-v1"));
    assertThat(error("openllm-v1", 2)).isEqualTo("rejected: 2 models against 11 in snapshot 2 (more than 50% fewer,"
        + " validation.max_shrink 0.5); rerun with `sync --accept-shrink` to accept");
    assertThat(sync.out()).contains("openllm-v1: FAILED, snapshot 11, previous data kept: rejected: 2 models against 11");
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL")).isZero();
    assertThat(cli.count("SELECT max(id) FROM snapshot WHERE status = 'ok' AND source = 'openllm-v1'")).isEqualTo(2);

    CliRunner.Result accepted = cli.run("sync", "--accept-shrink");

    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.out()).contains("openllm-v1: ok, snapshot 20: 2 models, 0 missing, 0 values added, ");
    assertThat(statuses(3)).isEqualTo(allOk());
    assertThat(cli.count("SELECT count(DISTINCT subject) FROM observation WHERE source = 'openllm-v1' AND to_snapshot IS NULL"))
        .isEqualTo(2);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE to_snapshot IS NOT NULL AND source <> 'openllm-v1'")).isZero();
  }

  @Test
  void aShrinkWithinTheThresholdIsAcceptedAndTheThresholdIsConfigurable() throws Exception {
    cli.run("sync");
    cli.hub().overrideRows(V1_DATASET, rows(8));

    assertThat(cli.run("sync").exitCode()).isZero();
    assertThat(cli.count("SELECT subjects FROM snapshot WHERE run_id = 2 AND source = 'openllm-v1'")).isLessThan(11);

    cli.config(text -> text + "validation:\n  max_shrink: 0.1\n");
    cli.hub().overrideRows(V1_DATASET, rows(5));

    assertThat(cli.run("sync").exitCode()).isEqualTo(3);
    assertThat(error("openllm-v1", 3)).startsWith("rejected: ").contains("more than 10% fewer, validation.max_shrink 0.1");
  }

  @Test
  void aRedirectToAnotherHostDoesNotCarryTheToken() throws Exception {
    try (MockWebServer elsewhere = LocalServers.mockWebServer()) {
      elsewhere.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return phi2Json().build();
        }
      });
      elsewhere.start();
      String target = elsewhere.url(PHI2).toString();
      cli.hub().override(PHI2, new MockResponse.Builder().code(302).setHeader("Location", target).build());
      cli.env("HF_TOKEN", "hf_TopSecret123");

      CliRunner.Result sync = cli.runAt(Clock.systemUTC(), "sync");

      assertThat(sync.exitCode()).as(sync.err()).isZero();
      RecordedRequest redirected = elsewhere.takeRequest();
      assertThat(redirected.getUrl().encodedPath()).isEqualTo(PHI2);
      assertThat(redirected.getHeaders().get("Authorization")).isNull();
      RecordedRequest first = cli.server().takeRequest();
      assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer hf_TopSecret123");
      assertThat(statuses(1)).isEqualTo(allOk());
      assertThat(cli.count("SELECT count(*) FROM observation WHERE subject = 'microsoft/phi-2' AND source = 'hub'")).isEqualTo(11);
      assertThat(new String(Files.readAllBytes(cli.db()), StandardCharsets.ISO_8859_1)).doesNotContain("TopSecret");
    }
  }

  /** The Open LLM v1 rows fixture cut to its first {@code n} rows. */
  private static String rows(int n) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode page = (ObjectNode) json.readTree(Fixtures.text("leaderboards/openllm-v1/rows-seed-SYNTHETIC.json"));
    ArrayNode rows = (ArrayNode) page.get("rows");
    while (rows.size() > n) {
      rows.remove(rows.size() - 1);
    }
    page.put("num_rows_total", n);
    return json.writeValueAsString(page);
  }
}
