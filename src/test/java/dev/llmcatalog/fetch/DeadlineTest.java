package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchSettings.RateLimit;
import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 6: a source's total time budget, carried by its requests, stops retries and waits (on the fake clock). */
class DeadlineTest {
  private final MockWebServer server = LocalServers.mockWebServer();
  private final FakeTime time = new FakeTime();
  private Fetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    server.start();
    fetcher = TestFetchers.fetcher(TestFetchers.SETTINGS, time);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Request get(String path) {
    return new Request.Builder().url(server.url(path)).build();
  }

  @Test
  void aSourceFetcherStartsItsDeadlineAtItsFirstRequestAndTagsEveryRequest() throws Exception {
    Fetcher hub = fetcher.forSource("hub");
    assertThat(hub.deadline()).isEmpty();
    time.advance(Duration.ofMinutes(30)); // created long before it runs: the budget is still whole
    server.enqueue(new MockResponse.Builder().body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());

    hub.fetch(get("/one"));
    time.advance(Duration.ofSeconds(5));
    hub.fetch(get("/two"));

    assertThat(hub.deadline()).hasValueSatisfying(d -> {
      assertThat(d.source()).isEqualTo("hub");
      assertThat(d.start()).isEqualTo(FakeTime.START.plus(Duration.ofMinutes(30)));
      assertThat(d.budget()).isEqualTo(Duration.ofMinutes(10));
    });
    assertThat(fetcher.deadline()).isEmpty();
    assertThat(fetcher.forSource("arena").deadline()).isEmpty();
  }

  @Test
  void theDeadlineStopsRetries() {
    Fetcher hub = fetcher.forSource("hub", Duration.ofSeconds(5));
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(503).build());
    }

    // Waits 1 s and 2 s; the third retry would wait 4 s, past the 5 s budget.
    assertThatThrownBy(() -> hub.fetch(get("/api/models/a/b")))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessage("deadline of 5 s exceeded for hub: GET " + server.url("/api/models/a/b")
            + " -> HTTP 503 (attempt 3 of 4), a retry would wait 4 s more");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void nothingIsSentOnceTheDeadlinePassed() throws Exception {
    Fetcher hub = fetcher.forSource("hub");
    server.enqueue(new MockResponse.Builder().body("{}").build());
    hub.fetch(get("/first"));
    time.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> hub.fetch(get("/late")))
        .isInstanceOf(FetchException.class)
        .hasMessage("deadline of 600 s exceeded for hub before GET " + server.url("/late"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitWaitPastTheDeadlineFailsInsteadOfWaiting() throws Exception {
    FetchSettings slow = TestFetchers.SETTINGS.toBuilder().clearHostRateLimits()
        .defaultRateLimit(new RateLimit(1, Duration.ofMinutes(1), 1)).build();
    Fetcher hub = TestFetchers.fetcher(slow, time).forSource("hub", Duration.ofSeconds(30));
    server.enqueue(new MockResponse.Builder().body("{}").build());
    hub.fetch(get("/first"));

    assertThatThrownBy(() -> hub.fetch(get("/second")))
        .isInstanceOf(FetchException.class)
        .hasMessage("deadline of 30 s exceeded for hub: GET " + server.url("/second")
            + " would wait 60 s for the rate limit of localhost");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void eachSourceHasItsOwnDeadline() throws Exception {
    Fetcher hub = fetcher.forSource("hub", Duration.ofSeconds(10));
    Fetcher arena = fetcher.forSource("arena", Duration.ofSeconds(10));
    server.enqueue(new MockResponse.Builder().body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    hub.fetch(get("/hub"));
    time.advance(Duration.ofSeconds(10));

    arena.fetch(get("/arena"));

    assertThat(arena.deadline()).hasValueSatisfying(d -> assertThat(d.start()).isEqualTo(FakeTime.START.plusSeconds(10)));
    assertThatThrownBy(() -> hub.fetch(get("/hub-again"))).hasMessageStartingWith("deadline of 10 s exceeded for hub");
  }
}
