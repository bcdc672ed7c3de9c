package dev.llmcatalog.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient failures of idempotent requests (GET, HEAD, or tagged {@link RetrySafe}): HTTP 408, 429,
 * 500, 502, 503, 504, timeouts and connection resets. Waits what the server asks ({@code Retry-After}, else the
 * Hub's {@code RateLimit} reset when no requests remain), else an exponential backoff with full jitter; never
 * longer than {@link FetchSettings#maxRetryWait()}, never past the request's {@link Deadline} or call timeout.
 * When every attempt failed, the request fails with a {@link FetchException} naming the attempts.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
  private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD");

  private final FetchSettings settings;
  private final Time time;
  private final DoubleSupplier random;

  /** @param random uniform draws from [0, 1) for the jitter */
  RetryInterceptor(FetchSettings settings, Time time, DoubleSupplier random) {
    this.settings = settings;
    this.time = time;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Deadline deadline = request.tag(Deadline.class);
    Instant callEnd = time.now().plus(settings.callTimeout());
    boolean retryable = IDEMPOTENT_METHODS.contains(request.method()) || RetrySafe.isMarked(request);
    int max = retryable ? settings.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      if (deadline != null && deadline.expiredAt(time.now())) {
        throw new FetchException(request.url().toString(), 0, deadline.exceededMessage() + " before " + Texts.call(request));
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (FetchException e) {
        throw e; // our own verdicts (size cap, deadline) are final
      } catch (IOException e) {
        if (attempt >= max || !isTransient(e, chain.call())) {
          if (attempt == 1) {
            throw e;
          }
          throw new FetchException(request.url().toString(),
              Texts.call(request) + " failed after " + attempt + " attempts: " + Texts.describe(e), e);
        }
        waitBeforeRetry(request, 0, Texts.describe(e), backoff(attempt), attempt, max, deadline, callEnd);
        continue;
      }
      int status = response.code();
      if (!RETRYABLE_STATUSES.contains(status) || max == 1) {
        return response;
      }
      if (attempt >= max) {
        response.close();
        throw new FetchException(request.url().toString(), status,
            Texts.call(request) + " -> HTTP " + status + errorCode(response) + " after " + attempt + " attempts");
      }
      Optional<Duration> asked = ServerWait.retryAfter(response, time.now());
      String reason = "HTTP " + status + errorCode(response);
      if (asked.isPresent()) {
        reason += ", Retry-After " + Texts.seconds(asked.get());
      } else {
        asked = ServerWait.rateLimitReset(response);
        if (asked.isPresent()) {
          reason += ", RateLimit reset in " + Texts.seconds(asked.get());
        }
      }
      response.close();
      Duration wait = asked.isPresent() ? asked.get() : backoff(attempt);
      waitBeforeRetry(request, status, reason, wait, attempt, max, deadline, callEnd);
    }
  }

  private void waitBeforeRetry(Request request, int status, String reason, Duration wait, int attempt, int max,
      Deadline deadline, Instant callEnd) throws IOException {
    String url = request.url().toString();
    String what = Texts.call(request) + " -> " + reason + " (attempt " + attempt + " of " + max + ")";
    if (wait.compareTo(settings.maxRetryWait()) > 0) {
      throw new FetchException(url, status, what + ": the server asks to wait " + Texts.seconds(wait)
          + ", more than the cap of " + Texts.seconds(settings.maxRetryWait()));
    }
    Instant now = time.now();
    if (deadline != null && deadline.exceededBy(now, wait)) {
      throw new FetchException(url, status, deadline.exceededMessage() + ": " + what + ", a retry would wait "
          + Texts.seconds(wait) + " more");
    }
    if (now.plus(wait).isAfter(callEnd)) {
      throw new FetchException(url, status, what + ": a retry in " + Texts.seconds(wait) + " would pass the call timeout of "
          + Texts.seconds(settings.callTimeout()));
    }
    LOG.warn("{}, retrying in {}", what, Texts.seconds(wait));
    ProgressTag progress = request.tag(ProgressTag.class);
    if (progress != null) {
      progress.retrying();
    }
    time.sleep(wait);
  }

  /** Full jitter: a uniform draw from [0, min(ceiling, base * 2^(attempt - 1))]. */
  Duration backoff(int attempt) {
    long ceiling = settings.backoffCeiling().toMillis();
    long cap = Math.min(settings.backoffBase().toMillis(), ceiling);
    for (int i = 1; i < attempt && cap < ceiling; i++) {
      cap = Math.min(cap * 2, ceiling);
    }
    return Duration.ofMillis(Math.round(random.getAsDouble() * cap));
  }

  /**
   * Timeouts and broken connections are worth another try; a cancelled call (including OkHttp's call
   * timeout), an interrupt, a refused TLS handshake or an unknown host are not.
   */
  static boolean isTransient(IOException e, Call call) {
    if (call.isCanceled()) {
      return false;
    }
    if (e instanceof SocketTimeoutException || e instanceof SocketException || e instanceof EOFException) {
      return true;
    }
    if (e instanceof InterruptedIOException) {
      return "timeout".equals(e.getMessage()) && !Thread.currentThread().isInterrupted();
    }
    String message = String.valueOf(e.getMessage());
    return message.contains("unexpected end of stream") || message.startsWith("stream was reset");
  }

  private static String errorCode(Response response) {
    String code = response.header("X-Error-Code");
    return code == null ? "" : " " + code;
  }
}
