package dev.llmcatalog.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces requests per host with a {@link TokenBucket} ({@link FetchSettings#rateLimitFor}), and pauses a host
 * whose answer says its window is used up ({@code RateLimit: "api";r=0;t=N}) for those N seconds. Never waits
 * past the request's {@link Deadline}.
 */
final class RateLimitInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private final FetchSettings settings;
  private final Time time;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  RateLimitInterceptor(FetchSettings settings, Time time) {
    this.settings = settings;
    this.time = time;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    TokenBucket bucket = buckets.computeIfAbsent(request.url().host().toLowerCase(Locale.ROOT),
        host -> new TokenBucket(settings.rateLimitFor(host), time.now()));
    Instant now = time.now();
    Duration wait = bucket.reserve(now);
    if (!wait.isZero()) {
      Deadline deadline = request.tag(Deadline.class);
      if (deadline != null && deadline.exceededBy(now, wait)) {
        throw new FetchException(request.url().toString(), 0, deadline.exceededMessage() + ": " + Texts.call(request)
            + " would wait " + Texts.seconds(wait) + " for the rate limit of " + request.url().host());
      }
      LOG.debug("{}: waiting {} for the rate limit of {}", Texts.call(request), Texts.seconds(wait), request.url().host());
      time.sleep(wait);
    }
    Response response = chain.proceed(request);
    ServerWait.rateLimitReset(response).ifPresent(reset -> bucket.pauseUntil(time.now().plus(reset)));
    return response;
  }
}
