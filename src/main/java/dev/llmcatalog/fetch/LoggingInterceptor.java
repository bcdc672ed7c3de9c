package dev.llmcatalog.fetch;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per HTTP exchange (every attempt): method, URL without the {@code expand} noise, status,
 * bytes and milliseconds. Headers are never logged, so neither is the token.
 */
final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingInterceptor.class);

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      LOG.debug("{} -> {}, {} ms", Texts.call(request), Texts.describe(e), millisSince(start));
      throw e;
    }
    HttpUrl answered = response.request().url();
    String via = answered.equals(request.url()) ? "" : " (redirected to " + Fetcher.display(answered) + ")";
    LOG.debug("{} -> {}{}, {} bytes, {} ms", Texts.call(request), response.code(), via, response.body().contentLength(),
        millisSince(start));
    return response;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
