package dev.llmcatalog.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets at most {@link FetchSettings#maxConcurrentPerHost()} requests to one host be in flight at a time. The
 * permit covers reading the body, which {@link BodyCapInterceptor} does further down the chain. A request tagged with
 * a {@link HostSlot} of its host goes through that slot's permit instead of taking one of its own.
 */
final class ConcurrencyLimitInterceptor implements Interceptor {
  private final int maxPerHost;
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

  ConcurrencyLimitInterceptor(int maxPerHost) {
    this.maxPerHost = maxPerHost;
  }

  /** Waits for one of {@code host}'s permits and holds it in the slot returned, until the slot is closed. */
  HostSlot hold(String host) throws InterruptedIOException {
    String key = host.toLowerCase(Locale.ROOT);
    Semaphore semaphore = permits(key);
    acquire(semaphore, host);
    return new HostSlot(key, semaphore);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String host = chain.request().url().host();
    HostSlot slot = chain.request().tag(HostSlot.class);
    Semaphore semaphore = permits(host.toLowerCase(Locale.ROOT));
    try {
      if (slot != null && slot.covers(host)) {
        // The chain's request before this one may still be reading its body: a free permit spares the wait for it
        // (one not waited for by others: the fair semaphore's timed tryAcquire never barges), else the slot's turn.
        boolean entered = slot.enter(false);
        if (!entered && semaphore.tryAcquire(0, TimeUnit.NANOSECONDS)) {
          return proceedAndRelease(chain, semaphore);
        }
        if (entered || slot.enter(true)) {
          try {
            return chain.proceed(chain.request());
          } finally {
            slot.exit();
          }
        }
      }
    } catch (InterruptedException e) {
      throw interrupted(host);
    }
    acquire(semaphore, host);
    return proceedAndRelease(chain, semaphore);
  }

  private static Response proceedAndRelease(Chain chain, Semaphore semaphore) throws IOException {
    try {
      return chain.proceed(chain.request());
    } finally {
      semaphore.release();
    }
  }

  private Semaphore permits(String key) {
    return permits.computeIfAbsent(key, h -> new Semaphore(maxPerHost, true));
  }

  private static void acquire(Semaphore semaphore, String host) throws InterruptedIOException {
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      throw interrupted(host);
    }
  }

  private static InterruptedIOException interrupted(String host) {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("interrupted while waiting for a connection slot to " + host);
  }
}
