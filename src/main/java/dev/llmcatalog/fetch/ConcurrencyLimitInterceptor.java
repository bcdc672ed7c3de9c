package dev.llmcatalog.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets at most {@link FetchSettings#maxConcurrentPerHost()} requests to one host be in flight at a time. The
 * permit covers reading the body, which {@link BodyCapInterceptor} does further down the chain. A request tagged with
 * a {@link HostSlot} of its host goes through that slot, or, while the slot is busy, on a permit it takes before the
 * requests waiting ({@link HostPermits}).
 */
final class ConcurrencyLimitInterceptor implements Interceptor {
  private final int maxPerHost;
  private final Map<String, HostPermits> permits = new ConcurrentHashMap<>();

  ConcurrencyLimitInterceptor(int maxPerHost) {
    this.maxPerHost = maxPerHost;
  }

  /** Waits for one of {@code host}'s permits and holds it in the slot returned, until the slot is closed. */
  HostSlot hold(String host) throws InterruptedIOException {
    String key = host.toLowerCase(Locale.ROOT);
    HostPermits hostPermits = permits(key);
    try {
      hostPermits.acquire();
    } catch (InterruptedException e) {
      throw interrupted(host);
    }
    return new HostSlot(key, hostPermits);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String host = chain.request().url().host();
    HostSlot slot = chain.request().tag(HostSlot.class);
    boolean chained = slot != null && slot.covers(host);
    // a chain's turn is on its slot's permits, which it gives back to
    HostPermits hostPermits = chained ? slot.permits() : permits(host.toLowerCase(Locale.ROOT));
    try {
      HostSlot.Turn turn = chained ? slot.take() : HostSlot.Turn.OWN;
      if (turn == HostSlot.Turn.SLOT) {
        try {
          return chain.proceed(chain.request());
        } finally {
          slot.exit();
        }
      }
      if (turn == HostSlot.Turn.OWN) {
        hostPermits.acquire();
      }
    } catch (InterruptedException e) {
      throw interrupted(host);
    }
    try {
      return chain.proceed(chain.request());
    } finally {
      hostPermits.release();
    }
  }

  private HostPermits permits(String key) {
    return permits.computeIfAbsent(key, h -> new HostPermits(maxPerHost));
  }

  private static InterruptedIOException interrupted(String host) {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("interrupted while waiting for a connection slot to " + host);
  }
}
