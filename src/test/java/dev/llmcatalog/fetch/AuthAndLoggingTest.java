package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 6: the token stays with the Hub across retries and out of logs and messages; what the log says. */
class AuthAndLoggingTest {
  private static final String TOKEN = "hf_TopSecretToken123";
  private final MockWebServer hub = LocalServers.mockWebServer();
  private final MockWebServer elsewhere = LocalServers.mockWebServer();
  private final FakeTime time = new FakeTime();
  private final Logger fetchLog = (Logger) LoggerFactory.getLogger("dev.llmcatalog.fetch");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level levelBefore;
  private Fetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    elsewhere.start();
    fetcher = TestFetchers.fetcher(TestFetchers.SETTINGS, time, Optional.of(TOKEN), List.of(hub.url("/").toString()));
    levelBefore = fetchLog.getLevel();
    fetchLog.setLevel(Level.DEBUG);
    appender.start();
    fetchLog.addAppender(appender);
  }

  @AfterEach
  void stop() {
    fetchLog.detachAppender(appender);
    fetchLog.setLevel(levelBefore);
    hub.close();
    elsewhere.close();
  }

  private List<String> logLines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void retriesToTheHubKeepTheTokenAndRetriesElsewhereNeverGetIt() throws Exception {
    hub.enqueue(new MockResponse.Builder().code(503).build());
    hub.enqueue(new MockResponse.Builder().body("{}").build());
    elsewhere.enqueue(new MockResponse.Builder().code(503).build());
    elsewhere.enqueue(new MockResponse.Builder().body("{}").build());

    fetcher.fetch(new Request.Builder().url(hub.url("/api/models/a/b")).build());
    // A caller's own Authorization header does not leak to another host either.
    fetcher.fetch(new Request.Builder().url(elsewhere.url("/file")).header("Authorization", "Bearer " + TOKEN).build());

    assertThat(hub.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(hub.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).isNull();
    assertThat(elsewhere.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aFailingRequestWithATokenNeverShowsItInTheExceptionOrTheLog() {
    hub.enqueue(new MockResponse.Builder().code(503).setHeader("X-Error-Code", "Overloaded").build());
    hub.enqueue(new MockResponse.Builder().code(429).setHeader("RateLimit", "\"api\";r=0;t=3").build());
    hub.enqueue(new MockResponse.Builder().body("{\"a\":\"" + "x".repeat(10_000) + "\"}")
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    hub.enqueue(new MockResponse.Builder().code(502).build());

    FetchException e = catchThrowableOfType(FetchException.class,
        () -> fetcher.fetch(new Request.Builder().url(hub.url("/api/models/a/b?expand=sha")).build()));

    assertThat(e).hasMessageContaining("HTTP 502 after 4 attempts");
    List<String> texts = new ArrayList<>(logLines());
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    assertThat(logLines()).hasSize(7); // 4 exchanges at DEBUG, 3 retries at WARN: the check below is not vacuous
    assertThat(texts).noneMatch(text -> text.contains(TOKEN) || text.contains("TopSecret"));
  }

  @Test
  void oneDebugLinePerExchangeAndOneWarningPerRetry() throws Exception {
    hub.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "2").build());
    hub.enqueue(new MockResponse.Builder().body("{\"id\":\"a/b\"}").build());

    fetcher.fetch(new Request.Builder().url(hub.url("/api/models/a/b?expand=sha&expand=tags")).build());

    String url = hub.url("/api/models/a/b").toString();
    List<String> lines = logLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("DEBUG GET \\Q" + url + "\\E -> 503, 0 bytes, \\d+ ms");
    assertThat(lines.get(1)).isEqualTo("WARN GET " + url + " -> HTTP 503, Retry-After 2 s (attempt 1 of 4), retrying in 2 s");
    assertThat(lines.get(2)).matches("DEBUG GET \\Q" + url + "\\E -> 200, 12 bytes, \\d+ ms");
    RecordedRequest first = hub.takeRequest();
    assertThat(first.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
  }
}
