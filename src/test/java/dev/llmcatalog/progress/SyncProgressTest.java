package dev.llmcatalog.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.testsupport.LocalServers;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 7 item 5: the fetch layer's requests and retries reach the source they belong to. */
class SyncProgressTest {
  private static final FetchSettings SETTINGS = FetchSettings.defaults().toBuilder()
      .backoffBase(Duration.ofMillis(1)).backoffCeiling(Duration.ofMillis(1)).build();
  private final MockWebServer server = LocalServers.mockWebServer();
  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private OkHttpClient http;

  @BeforeEach
  void start() throws Exception {
    server.start();
    // the production chain (retries, rate limit, ...) as configured by default (4 attempts, this machine not rate
    // limited), but with a backoff of at most 1 ms, so that the retry does not wait
    http = HttpClients.create(SETTINGS, Optional.empty(), List.of(), Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
  }

  private SyncProgress everyUpdateLogged() {
    return new SyncProgress(clock, new LogRenderer(Duration.ZERO, lines::add), null);
  }

  @Test
  void aRetryThroughTheRealInterceptorChainIsCountedForItsSource() throws Exception {
    // no Retry-After: that is our retry layer's backoff (OkHttp itself retries a 503 with Retry-After 0, below us)
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    SyncProgress progress = everyUpdateLogged();
    Fetcher hub = new Fetcher(http, SETTINGS).withProgress(progress).forSource("hub");

    SourceProgress counts = progress.start("hub");
    counts.expect(1);
    assertThat(hub.fetch(new Request.Builder().url(server.url("/api/models/a/b")).build()).status()).isEqualTo(200);
    counts.done(1);
    progress.finish("hub", true);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(lines).containsExactly(
        "hub: 0/1 models (0%), 0 requests, 0 retries",
        "hub: 0/1 models (0%), 1 request, 0 retries",
        "hub: 0/1 models (0%), 1 request, 1 retry",
        "hub: 1/1 models (100%), 1 request, 1 retry",
        "hub: 1/1 models (100%), 1 request, 1 retry, done in 0s");
  }

  @Test
  void requestsOfASourceNotStartedOrAlreadyFinishedAreNotCounted() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    SyncProgress progress = everyUpdateLogged();
    Fetcher fetcher = new Fetcher(http, SETTINGS).withProgress(progress);

    progress.start("hub");
    fetcher.forSource("arena").fetch(new Request.Builder().url(server.url("/a")).build());
    fetcher.fetch(new Request.Builder().url(server.url("/b")).build()); // no source name
    progress.finish("hub", true);

    assertThat(lines).isEmpty();
  }

  @Test
  void noneCountsNothingAndShowsNothing() {
    SyncProgress none = SyncProgress.none();
    SourceProgress counts = none.start("hub");
    counts.expect(10);
    none.requested("hub");
    none.finish("hub", true);

    assertThat(counts).isSameAs(SourceProgress.NONE);
  }

  @Test
  void theBarGuardsSystemErrUntilClosed() {
    PrintStream before = System.err;
    StringWriter screen = new StringWriter();
    try (SyncProgress bar = SyncProgress.bar(new PrintWriter(screen), clock)) {
      assertThat(System.err).isNotSameAs(before);
      bar.start("hub");
      clock.advance(Duration.ofSeconds(1));
      bar.requested("hub");
    }
    assertThat(System.err).isSameAs(before);
    // close() ended the source still open, leaving its last state on a line of its own
    assertThat(screen.toString()).isEqualTo("\rhub 1 request · 0 retries"
        + "\rhub 1 request · 0 retries · failed after 1s\n");
  }
}
