package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Issue 6: the per-host token bucket and the Hub's RateLimit header space requests out (on the fake clock). */
class RateLimitInterceptorTest {
  private final MockWebServer server = LocalServers.mockWebServer();
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The test server is on this machine, which the defaults exempt: give every host {@code limit}. */
  private Fetcher limitedTo(RateLimit limit) {
    return TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().clearHostRateLimits().defaultRateLimit(limit).build(), time);
  }

  private void get(Fetcher fetcher, String path) throws FetchException {
    fetcher.fetch(new Request.Builder().url(server.url(path)).build());
  }

  @Test
  void theRequestAfterABurstWaitsForTheNextToken() throws Exception {
    Fetcher fetcher = limitedTo(new RateLimit(1, Duration.ofSeconds(2), 3));
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
    }

    for (int i = 0; i < 3; i++) {
      get(fetcher, "/burst/" + i);
    }
    assertThat(time.sleeps()).as("a burst of 3 goes out at once").isEmpty();
    get(fetcher, "/burst/3");
    get(fetcher, "/burst/4");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void idleTimeRefillsTheBucketUpToTheBurst() throws Exception {
    Fetcher fetcher = limitedTo(new RateLimit(1, Duration.ofSeconds(2), 2));
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
    }
    get(fetcher, "/1");
    get(fetcher, "/2");
    time.advance(Duration.ofMinutes(10)); // refills 2 tokens, not 300

    get(fetcher, "/3");
    get(fetcher, "/4");

    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void hostsHaveTheirOwnBuckets() throws Exception {
    Fetcher fetcher = limitedTo(new RateLimit(1, Duration.ofSeconds(60), 1));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
    }
    assertThat(server.url("/").host()).isEqualTo("localhost");

    get(fetcher, "/by-name");
    // The same server named by its IP is another host with a full bucket.
    fetcher.fetch(new Request.Builder().url(server.url("/by-ip").newBuilder().host("127.0.0.1").build()).build());
    assertThat(time.sleeps()).isEmpty();
    get(fetcher, "/by-name-again");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void anAnswerWithNoRequestsLeftPausesTheHostUntilTheWindowResets() throws Exception {
    Fetcher fetcher = TestFetchers.fetcher(TestFetchers.SETTINGS, time); // the test server itself is not rate limited
    server.enqueue(new MockResponse.Builder().setHeader("RateLimit", "\"api\";r=0;t=30").body("{}").build());
    server.enqueue(new MockResponse.Builder().setHeader("RateLimit", "\"api\";r=499;t=300").body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());

    get(fetcher, "/api/models/a/b");
    get(fetcher, "/api/models/c/d");
    get(fetcher, "/api/models/e/f");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aPauseAndATokenDeficitOverlapRatherThanAdd() {
    TokenBucket bucket = new TokenBucket(new RateLimit(1, Duration.ofSeconds(10), 1), FakeTime.START);
    assertThat(bucket.reserve(FakeTime.START)).isZero();
    bucket.pauseUntil(FakeTime.START.plusSeconds(4));

    assertThat(bucket.reserve(FakeTime.START)).isEqualTo(Duration.ofSeconds(10));
    assertThat(new TokenBucket(RateLimit.UNLIMITED, FakeTime.START).reserve(FakeTime.START)).isZero();
  }
}
