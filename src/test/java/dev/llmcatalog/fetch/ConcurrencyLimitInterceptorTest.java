package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 6: no more than maxConcurrentPerHost requests to one host are in flight at once. */
class ConcurrencyLimitInterceptorTest {
  private static final int LIMIT = 2;
  private final MockWebServer server = LocalServers.mockWebServer();
  private final CountingDispatcher dispatcher = new CountingDispatcher();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(dispatcher);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsToOneHostQueueBehindTheLimit() throws Exception {
    Fetcher fetcher = TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxConcurrentPerHost(LIMIT).build(), new FakeTime());
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Fetched>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Request request = new Request.Builder().url(server.url("/item/" + i)).build();
        results.add(callers.submit(() -> fetcher.fetch(request)));
      }
      for (Future<Fetched> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(server.getRequestCount()).isEqualTo(8);
    assertThat(dispatcher.maxInFlight()).isEqualTo(LIMIT);
  }

  /**
   * Counts requests being answered at the same time. Each one is held until the limit is reached (so the test
   * shows requests do run in parallel), then a little longer, in which a request beyond the limit would arrive.
   */
  static final class CountingDispatcher extends Dispatcher {
    private int inFlight;
    private int maxInFlight;

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      notifyAll();
      waitUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(5), true);
      waitUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), false);
      inFlight--;
      return new MockResponse.Builder().body("{}").build();
    }

    /** Waits until {@code deadline}, or until the limit is reached if {@code untilLimit}. */
    private void waitUntil(long deadline, boolean untilLimit) throws InterruptedException {
      while ((!untilLimit || inFlight < LIMIT) && System.nanoTime() < deadline) {
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }

    synchronized int maxInFlight() {
      return maxInFlight;
    }
  }
}
