package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.LocalServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a real {@code sync} process killed with SIGKILL while it stages values (the first pages of a large group
 * written, the last page not yet answered) leaves an intact database in which no reader sees a staged value, and the
 * next sync removes them and completes.
 */
class StagedWriteCrashTest {
  /**
   * Two pages of 1,000 (about 11,000 values each, more than a batch): the models of the first are staged (their changed
   * values written) before the second page is answered.
   */
  private static final int MODELS = 2_000;

  @TempDir
  Path dir;
  private MockWebServer server;
  private final BigGroup hub = new BigGroup();
  private Path config;
  private Path db;

  @BeforeEach
  void start() throws Exception {
    server = LocalServers.mockWebServer();
    server.setDispatcher(hub);
    server.start();
    db = dir.resolve("catalog.db");
    Files.writeString(dir.resolve("catalog.template.md"),
        "# Catalog\n\n<!-- llm-catalog:begin group big -->\n<!-- llm-catalog:end -->\n");
    config = dir.resolve("catalog.yaml");
    Files.writeString(config, """
        front_matter:
          title: Catalog
        output: catalog.md
        groups:
          - id: big
            title: Big
            top:
              author: big
              sort: downloads
              limit: %d
        sources: [hub]
        review:
          diff: catalog.diff
          summary: summary.md
        """.formatted(MODELS));
  }

  @AfterEach
  void stop() {
    hub.release();
    server.close();
  }

  @Test
  void aSyncKilledWhileStagingShowsNothingOfItAndTheNextSyncRemovesIt() throws Exception {
    assertThat(cli("sync").exitCode()).isZero();
    hub.generation = 1;
    assertThat(cli("sync").exitCode()).isZero();
    String catalog = Files.readString(dir.resolve("catalog.md"));
    String diff = cli("diff").out();
    String snapshots = cli("snapshots").out();
    long shown = count("SELECT count(*) FROM latest_value");
    assertThat(diff).contains("big/model-00000");

    hub.generation = 2;
    hub.holdLastPage();
    Process sync = startSync(dir.resolve("killed.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (staged() == 0 && sync.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long staged = staged();
    sync.destroyForcibly(); // SIGKILL while the last page is held: values staged, none visible
    assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
    hub.release();
    assertThat(staged).as("values staged when killed: %s", Files.readString(dir.resolve("killed.log")))
        .isPositive();

    assertThat(integrityCheck()).isEqualTo("ok");
    assertThat(count("SELECT count(*) FROM latest_value")).isEqualTo(shown);
    assertThat(cli("snapshots").out()).isEqualTo(snapshots);
    assertThat(cli("diff").out()).isEqualTo(diff);
    assertThat(cli("render").exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("catalog.md"))).isEqualTo(catalog);

    CliRunner.Result next = cli("sync");

    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(integrityCheck()).isEqualTo("ok");
    assertThat(staged()).isZero();
    assertThat(count("SELECT count(*) FROM staged_snapshot")).isZero();
    assertThat(count("SELECT count(*) FROM snapshot WHERE status = 'failed' AND error LIKE 'interrupted:%'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM observation o JOIN snapshot s ON s.id = o.from_snapshot"
        + " WHERE s.status <> 'ok'")).isZero();
    assertThat(count("SELECT count(*) FROM latest_value WHERE key = 'downloads' AND value = '"
        + BigGroup.downloads(0, 2) + "' AND model = 'big/model-00000'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM latest_value")).isEqualTo(shown);
    assertThat(count("""
        SELECT count(*) FROM snapshot s WHERE s.values_added <> (SELECT count(*) FROM observation o WHERE o.from_snapshot = s.id)
           OR s.values_closed <> (SELECT count(*) FROM observation o WHERE o.to_snapshot = s.id)""")).isZero();
  }

  private CliRunner.Result cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(new String[] {"--config", config.toString(), "--db", db.toString()}, 0, all, 0, 4);
    System.arraycopy(args, 0, all, 4, args.length);
    return new CliRunner(Map.of("HF_ENDPOINT", server.url("/").toString()), CliHarness.CLOCK).run(all);
  }

  private Process startSync(Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.llmcatalog.cli.Main", "--config", config.toString(), "--db", db.toString(), "sync")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.equals("HF_TOKEN") || k.equals("HUGGING_FACE_HUB_TOKEN") || k.toUpperCase().endsWith("_PROXY"));
    env.put("HF_ENDPOINT", server.url("/").toString());
    return builder.start();
  }

  /** Values under a snapshot still named staged. */
  private long staged() throws SQLException {
    return count("SELECT count(*) FROM observation o JOIN staged_snapshot g ON g.snapshot_id = o.from_snapshot");
  }

  private String integrityCheck() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A Hub with one author of {@link #MODELS} models, listed 1,000 a page; each generation changes every model's
   * downloads and every tenth model's sha. The last page can be held back until {@link #release}.
   */
  private static final class BigGroup extends Dispatcher {
    volatile int generation;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    void holdLastPage() {
      hold = new CountDownLatch(1);
    }

    void release() {
      hold.countDown();
    }

    static long downloads(int i, int generation) {
      return 1_000_000L - i * 7L + generation;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      HttpUrl url = request.getUrl();
      if (!url.encodedPath().equals("/api/models") || !"big".equals(url.queryParameter("author"))) {
        return new MockResponse.Builder().code(404).body("{\"error\":\"not found\"}").build();
      }
      int from = Integer.parseInt(url.queryParameter("cursor") == null ? "0" : url.queryParameter("cursor"));
      int to = Math.min(MODELS, from + 1000);
      if (to == MODELS) {
        hold.await(60, TimeUnit.SECONDS);
      }
      StringBuilder body = new StringBuilder("[");
      for (int i = from; i < to; i++) {
        String id = String.format(java.util.Locale.ROOT, "big/model-%05d", i);
        body.append(i > from ? "," : "").append("{\"_id\":\"x").append(i).append("\",\"id\":\"").append(id)
            .append("\",\"sha\":\"").append(Integer.toHexString(id.hashCode() + (i % 10 == 0 ? generation : 0)))
            .append("\",\"downloads\":")
            .append(downloads(i, generation)).append(",\"likes\":").append(i % 50)
            .append(",\"lastModified\":\"2026-11-0").append(1 + i % 9).append("T10:00:00.000Z\"")
            .append(",\"createdAt\":\"2025-05-1").append(i % 10).append("T08:00:00.000Z\"")
            .append(",\"library_name\":\"transformers\",\"pipeline_tag\":\"text-generation\",\"gated\":false")
            .append(",\"tags\":[\"transformers\",\"license:apache-2.0\"],\"cardData\":{\"license\":\"apache-2.0\"}}");
      }
      MockResponse.Builder answer = new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json; charset=utf-8").body(body.append(']').toString());
      if (to < MODELS) {
        HttpUrl next = url.newBuilder().setQueryParameter("cursor", String.valueOf(to)).build();
        answer.addHeader("Link", "<" + next + ">; rel=\"next\"");
      }
      return answer.build();
    }
  }
}
