package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 6: which failures are retried, how long each retry waits (on the fake clock), and when it gives up. */
class RetryInterceptorTest {
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

  private Fetched get(String path) throws FetchException {
    return fetcher.fetch(new Request.Builder().url(server.url(path)).build());
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"error\":\"status " + code + "\"}").build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body("{\"ok\":true}").build();
  }

  @Test
  void a429WithRetryAfterSecondsWaitsThatLongThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "5").build());
    server.enqueue(ok());

    Fetched fetched = get("/api/models/a/b");

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetryAfterHttpDateWaitsUntilThatMoment() throws Exception {
    // FakeTime.START is 2026-11-26T10:00:00Z.
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "Thu, 26 Nov 2026 10:00:30 GMT").build());
    server.enqueue(ok());

    assertThat(get("/x").status()).isEqualTo(200);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void a429WithTheHubsRateLimitHeaderWaitsForTheWindowReset() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429)
        .setHeader("RateLimit", "\"api\";r=0;t=7")
        .setHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300").build());
    server.enqueue(ok());

    assertThat(get("/api/models/a/b").status()).isEqualTo(200);
    // The retry waits 7 s; the rate limiter's pause of the host ends at the same moment, so no second wait.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(ok());

    assertThat(get("/x").status()).isEqualTo(200);
    // Jitter pinned to its upper bound: base 1 s, doubling.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void everyRetryableStatusIsRetried() throws Exception {
    for (int code : new int[] {408, 429, 500, 502, 503, 504}) {
      server.enqueue(status(code));
    }
    server.enqueue(ok());
    Fetcher patient = TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxAttempts(7).build(), time);

    assertThat(patient.fetch(new Request.Builder().url(server.url("/x")).build()).status()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void fullJitterDrawsBelowTheDoublingCap() {
    FetchSettings settings = FetchSettings.defaults().toBuilder()
        .backoffBase(Duration.ofSeconds(1)).backoffCeiling(Duration.ofSeconds(5)).build();
    RetryInterceptor half = new RetryInterceptor(settings, time, () -> 0.5);

    assertThat(List.of(half.backoff(1), half.backoff(2), half.backoff(3), half.backoff(4), half.backoff(40)))
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2500),
            Duration.ofMillis(2500));
    assertThat(new RetryInterceptor(settings, time, () -> 0.0).backoff(3)).isZero();
  }

  @Test
  void aBodyStallingPastTheReadTimeoutIsRetried() throws Exception {
    Fetcher impatient = TestFetchers.fetcher(
        TestFetchers.SETTINGS.toBuilder().readTimeout(Duration.ofMillis(100)).build(), time);
    server.enqueue(ok().newBuilder().bodyDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(ok());

    Fetched fetched = impatient.fetch(new Request.Builder().url(server.url("/slow")).build());

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aConnectionDroppedMidBodyIsRetried() throws Exception {
    String big = "{\"a\":\"" + "x".repeat(10_000) + "\"}";
    server.enqueue(new MockResponse.Builder().body(big).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().body(big).onResponseBody(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().body(big).build());

    Fetched fetched = get("/big");

    assertThat(fetched.body()).hasSize(big.length());
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void fourFailuresFailWithTheUrlTheStatusAndTheAttempts() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(503).setHeader("X-Error-Code", "ServiceUnavailable").build());
    }
    server.enqueue(ok()); // never asked for

    assertThatThrownBy(() -> get("/api/models/a/b?expand=sha"))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.url()).isEqualTo(server.url("/api/models/a/b?expand=sha").toString());
        })
        .hasMessage("GET " + server.url("/api/models/a/b") + " -> HTTP 503 ServiceUnavailable after 4 attempts");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void transportFailuresOnEveryAttemptFailNamingTheAttemptsAndTheCause() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().body("{\"a\":\"" + "x".repeat(10_000) + "\"}")
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    assertThatThrownBy(() -> get("/x"))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("GET " + server.url("/x") + " failed after 4 attempts: ")
        .hasMessageContaining("unexpected end of stream")
        .hasCauseInstanceOf(IOException.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void notFoundAndUnauthorizedAreAnswersNotFailures() throws Exception {
    server.enqueue(status(404));
    server.enqueue(status(401));

    assertThat(get("/a").status()).isEqualTo(404);
    assertThat(get("/b").status()).isEqualTo(401);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aPostIsNotRetried() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());

    Fetched fetched = fetcher.fetch(new Request.Builder().url(server.url("/query")).post(json("{}")).build());

    assertThat(fetched.status()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aPostTaggedRetrySafeIsRetriedWithItsBody() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    String query = "{\"rankingType\":0,\"benchmarkType\":1}";

    Fetched fetched = fetcher.fetch(RetrySafe.mark(new Request.Builder().url(server.url("/query")).post(json(query))).build());

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(server.takeRequest().getBody().utf8()).isEqualTo(query);
    assertThat(server.takeRequest().getBody().utf8()).isEqualTo(query);
  }

  @Test
  void aServerAskingForTooLongAWaitFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("RateLimit", "\"api\";r=0;t=290").build());

    assertThatThrownBy(() -> get("/api/models/a/b"))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(429))
        .hasMessage("GET " + server.url("/api/models/a/b") + " -> HTTP 429, RateLimit reset in 290 s (attempt 1 of 4):"
            + " the server asks to wait 290 s, more than the cap of 120 s");
    assertThat(time.sleeps()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBodyOverTheCapFailsAndIsNotRetried() {
    Fetcher capped = TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxBodyBytes(10).build(), time);
    server.enqueue(new MockResponse.Builder().body("x".repeat(11)).build());
    server.enqueue(new MockResponse.Builder().chunkedBody("y".repeat(11), 4).build());

    assertThatThrownBy(() -> capped.fetch(new Request.Builder().url(server.url("/declared")).build()))
        .isInstanceOf(FetchException.class).hasMessageEndingWith("/declared: body of 11 bytes exceeds the cap of 10");
    assertThatThrownBy(() -> capped.fetch(new Request.Builder().url(server.url("/chunked")).build()))
        .isInstanceOf(FetchException.class).hasMessageEndingWith("/chunked: body exceeds the cap of 10 bytes");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aBodyOfExactlyTheCapIsReadWhole() throws Exception {
    Fetcher capped = TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxBodyBytes(10).build(), time);
    server.enqueue(new MockResponse.Builder().body("0123456789").build());
    server.enqueue(new MockResponse.Builder().chunkedBody("abcdefghij", 3).build());

    assertThat(capped.fetch(new Request.Builder().url(server.url("/declared")).build()).body())
        .asString(java.nio.charset.StandardCharsets.UTF_8).isEqualTo("0123456789");
    assertThat(capped.fetch(new Request.Builder().url(server.url("/chunked")).build()).body())
        .asString(java.nio.charset.StandardCharsets.UTF_8).isEqualTo("abcdefghij");
  }

  @Test
  void onlyTimeoutsAndBrokenConnectionsCountAsTransient() {
    OkHttpClient client = new OkHttpClient();
    Call call = client.newCall(new Request.Builder().url(server.url("/")).build());

    assertThat(RetryInterceptor.isTransient(new SocketTimeoutException("timeout"), call)).isTrue();
    assertThat(RetryInterceptor.isTransient(new InterruptedIOException("timeout"), call)).isTrue();
    assertThat(RetryInterceptor.isTransient(new SocketException("Connection reset"), call)).isTrue();
    assertThat(RetryInterceptor.isTransient(new IOException("unexpected end of stream on http://x/..."), call)).isTrue();
    assertThat(RetryInterceptor.isTransient(new InterruptedIOException("interrupted"), call)).isFalse();
    assertThat(RetryInterceptor.isTransient(new UnknownHostException("nowhere.example"), call)).isFalse();
    assertThat(RetryInterceptor.isTransient(new SSLHandshakeException("bad certificate"), call)).isFalse();
    call.cancel(); // OkHttp's call timeout cancels the call: nothing left to retry
    assertThat(RetryInterceptor.isTransient(new SocketTimeoutException("timeout"), call)).isFalse();
  }

  private static RequestBody json(String body) {
    return RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"));
  }
}
