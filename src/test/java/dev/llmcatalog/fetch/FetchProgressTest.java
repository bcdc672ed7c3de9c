package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 7 item 5: the fetch layer tells a progress display of each request and each retry, by source name only. */
class FetchProgressTest {
  private final MockWebServer server = LocalServers.mockWebServer();
  private final FakeTime time = new FakeTime();
  private final List<String> events = new ArrayList<>();
  private final FetchProgress recorder = new FetchProgress() {
    @Override
    public synchronized void requested(String source) {
      events.add("request " + source);
    }

    @Override
    public synchronized void retrying(String source) {
      events.add("retry " + source);
    }
  };

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRequestCountsOnceAndEachRetryOfItOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    Fetcher hub = TestFetchers.fetcher(TestFetchers.SETTINGS, time).withProgress(recorder).forSource("hub");

    assertThat(hub.fetch(new Request.Builder().url(server.url("/api/models/a/b")).build()).status()).isEqualTo(200);

    assertThat(events).containsExactly("request hub", "retry hub", "retry hub");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aRequestThatIsNotRetriedCountsOnlyAsARequest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    Fetcher board = TestFetchers.fetcher(TestFetchers.SETTINGS, time).withProgress(recorder).forSource("opencompass");

    Request post = new Request.Builder().url(server.url("/rank"))
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    assertThat(board.fetch(post).status()).isEqualTo(503);

    assertThat(events).containsExactly("request opencompass");
  }
}
