package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FakeTime;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
   * Issue 17: a list's pages hold one slot of the host to themselves, so a page never waits behind the requests running
   * beside them, and the host's limit still holds.
   */
  @Test
  void aChainHoldingASlotNeverQueuesBehindTheRequestsBesideIt() throws Exception {
    HoldingDispatcher holding = new HoldingDispatcher();
    Fetcher fetcher = limited(holding);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Fetched>> others = new ArrayList<>();
      try (HostSlot slot = fetcher.holdSlot(server.url("/"))) {
        for (int i = 0; i < 3; i++) { // one takes the other slot and is held at the server, two wait for it
          Request request = new Request.Builder().url(server.url("/held/" + i)).build();
          others.add(callers.submit(() -> fetcher.fetch(request)));
        }
        assertThat(holding.firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
        Future<List<Integer>> pages = callers.submit(() -> {
          List<Integer> statuses = new ArrayList<>();
          for (int page = 0; page < 5; page++) {
            statuses.add(fetcher.fetch(slot.tag(new Request.Builder().url(server.url("/page/" + page)).build())).status());
          }
          return statuses;
        });
        assertThat(pages.get(10, TimeUnit.SECONDS)).containsExactly(200, 200, 200, 200, 200);
        assertThat(holding.held()).isEqualTo(1); // still held: the pages went past them
      }
      holding.release();
      for (Future<Fetched> other : others) {
        assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
    } finally {
      holding.release();
      callers.shutdownNow();
    }
    assertThat(holding.maxInFlight()).isEqualTo(LIMIT);
  }

  /**
   * Issue 17: a page asked for while the page before still reads its body takes a free permit of the host rather than
   * wait for its slot; with none free it waits for the slot, and the host's limit holds either way.
   */
  @Test
  void aChainsNextRequestTakesAFreePermitWhileTheOneBeforeIsInFlight() throws Exception {
    HoldingDispatcher holding = new HoldingDispatcher();
    Fetcher fetcher = limited(holding);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (HostSlot slot = fetcher.holdSlot(server.url("/"))) {
      Future<Fetched> before = callers.submit(() -> fetcher.fetch(slot.tag(new Request.Builder().url(server.url("/held/page")).build())));
      assertThat(holding.firstHeld.await(10, TimeUnit.SECONDS)).isTrue();

      // the slot is busy with the held page, the host's other permit free: taken at once
      assertThat(fetcher.fetch(slot.tag(new Request.Builder().url(server.url("/next")).build())).status()).isEqualTo(200);
      assertThat(holding.held()).isEqualTo(1); // answered while the page before it is still in flight

      holding.release();
      assertThat(before.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    } finally {
      holding.release();
      callers.shutdownNow();
    }
    assertThat(holding.maxInFlight()).isEqualTo(LIMIT);
  }

  @Test
  void aChainsNextRequestWaitsForItsSlotWhenNoPermitIsFree() throws Exception {
    HoldingDispatcher holding = new HoldingDispatcher();
    Fetcher fetcher = limited(holding);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try (HostSlot slot = fetcher.holdSlot(server.url("/"))) {
      Future<Fetched> other = callers.submit(() -> fetcher.fetch(request("/held/other")));
      Future<Fetched> before = inFlight(holding, callers, () -> fetcher.fetch(slot.tag(request("/held/page"))), 2); // no permit free
      Future<Fetched> next = callers.submit(() -> fetcher.fetch(slot.tag(request("/next"))));
      while (!slot.waiting()) {
        Thread.onSpinWait();
      }

      holding.release();
      assertThat(next.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(before.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    } finally {
      holding.release();
      callers.shutdownNow();
    }
    assertThat(holding.maxInFlight()).isEqualTo(LIMIT); // never a third in flight
  }

  /**
   * A chain's request waiting for a turn takes the next permit any request gives back, before the requests that were
   * waiting for one already: the pages of a list go on while a pool of requests keeps the host's other permits busy.
   */
  @Test
  void aChainsWaitingRequestTakesTheNextPermitGivenBackBeforeTheRequestsQueued() throws Exception {
    HoldingDispatcher holding = new HoldingDispatcher();
    Fetcher fetcher = limited(holding);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (HostSlot slot = fetcher.holdSlot(server.url("/"))) {
      Future<Fetched> other = callers.submit(() -> fetcher.fetch(request("/held/other")));
      Future<Fetched> before = inFlight(holding, callers, () -> fetcher.fetch(slot.tag(request("/held/page"))), 2); // no permit free
      Future<Fetched> queued = callers.submit(() -> fetcher.fetch(request("/queued")));
      while (!slot.othersWaiting()) {
        Thread.onSpinWait();
      }
      Future<Fetched> next = callers.submit(() -> fetcher.fetch(slot.tag(request("/next"))));
      while (!slot.waiting()) {
        Thread.onSpinWait();
      }

      holding.release("other"); // gives its permit back: to the chain, though the other request asked first
      assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(next.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(holding.held()).isEqualTo(1); // the page before is still in flight
      assertThat(holding.answered()).startsWith("/held/other", "/next"); // not the request queued before it

      holding.release();
      assertThat(before.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(queued.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    } finally {
      holding.release();
      callers.shutdownNow();
    }
    assertThat(holding.maxInFlight()).isEqualTo(LIMIT);
  }

  @Test
  void closingASlotGivesItsPermitBackToTheHost() throws Exception {
    server.setDispatcher(new HoldingDispatcher()); // answers at once
    Fetcher fetcher = TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxConcurrentPerHost(1).build(), new FakeTime());
    ExecutorService callers = Executors.newSingleThreadExecutor();
    try {
      HostSlot slot = fetcher.holdSlot(server.url("/"));
      Request request = new Request.Builder().url(server.url("/after")).build();
      Future<Fetched> waiting = callers.submit(() -> fetcher.fetch(request)); // the host's only permit is the slot's
      slot.close();
      assertThat(waiting.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      // a request still tagged with the closed slot takes a turn of its own
      assertThat(fetcher.fetch(slot.tag(new Request.Builder().url(server.url("/late")).build())).status()).isEqualTo(200);
    } finally {
      callers.shutdownNow();
    }
  }

  /** A fetcher with at most {@link #LIMIT} requests in flight, against the server answering through {@code holding}. */
  private Fetcher limited(HoldingDispatcher holding) {
    server.setDispatcher(holding);
    return TestFetchers.fetcher(TestFetchers.SETTINGS.toBuilder().maxConcurrentPerHost(LIMIT).build(), new FakeTime());
  }

  private Request request(String path) {
    return new Request.Builder().url(server.url(path)).build();
  }

  /** Sends {@code fetch} and waits until it is one of {@code held} requests held at the server. */
  private static Future<Fetched> inFlight(HoldingDispatcher holding, ExecutorService callers, Callable<Fetched> fetch,
      int held) {
    Future<Fetched> sent = callers.submit(fetch);
    while (holding.held() < held) {
      Thread.onSpinWait();
    }
    return sent;
  }

  /**
   * Holds the requests to {@code /held/<name>} until {@link #release(String)} of that name or {@link #release()} of
   * all, answers the others at once; counts what is in flight.
   */
  static final class HoldingDispatcher extends Dispatcher {
    private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
    private volatile boolean releasedAll;
    final CountDownLatch firstHeld = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final List<String> answered = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      String path = request.getUrl().encodedPath();
      try {
        if (path.startsWith("/held/")) {
          CountDownLatch latch = latch(path.substring("/held/".length()));
          held.incrementAndGet();
          firstHeld.countDown();
          if (!releasedAll) {
            latch.await(30, TimeUnit.SECONDS);
          }
          held.decrementAndGet();
        }
        answered.add(path);
        return new MockResponse.Builder().body("{}").build();
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private CountDownLatch latch(String name) {
      return released.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    void release() {
      releasedAll = true;
      released.values().forEach(CountDownLatch::countDown);
    }

    void release(String name) {
      latch(name).countDown();
    }

    int held() {
      return held.get();
    }

    /** The paths answered so far, in order. */
    List<String> answered() {
      return List.copyOf(answered);
    }

    int maxInFlight() {
      return maxInFlight.get();
    }
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
