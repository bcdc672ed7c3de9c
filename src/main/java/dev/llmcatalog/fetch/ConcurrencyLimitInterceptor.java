package dev.llmcatalog.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Lets at most {@link FetchSettings#maxConcurrentPerHost()} requests to one host be in flight at a time. The
 * permit covers reading the body, which {@link BodyCapInterceptor} does further down the chain.
 */
final class ConcurrencyLimitInterceptor implements Interceptor {
  private final int maxPerHost;
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

  ConcurrencyLimitInterceptor(int maxPerHost) {
    this.maxPerHost = maxPerHost;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Semaphore semaphore = permits.computeIfAbsent(chain.request().url().host().toLowerCase(Locale.ROOT),
        host -> new Semaphore(maxPerHost, true));
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a connection slot to " + chain.request().url().host());
    }
    try {
      return chain.proceed(chain.request());
    } finally {
      semaphore.release();
    }
  }
}
