package dev.llmcatalog.fetch;

import dev.llmcatalog.Version;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes fetching polite and fault-tolerant, in one value so a later change can load it
 * from config. Start from {@link #defaults()} and change single settings with the {@code with*} methods.
 *
 * @param contactUrl where upstream operators learn who calls them; part of the User-Agent
 * @param connectTimeout limit for opening one connection
 * @param readTimeout limit for one read on the socket (a body that stalls longer fails the attempt)
 * @param callTimeout limit for one request from start to last byte, its retries and waits included
 * @param maxBodyBytes a longer response body fails the request (not retried)
 * @param maxAttempts attempts per request, the first included; 1 turns retries off
 * @param backoffBase the first retry waits up to this long, each further retry up to twice as long as the last
 * @param backoffCeiling no backoff draw exceeds this
 * @param maxRetryWait a server asking for a longer wait (Retry-After, RateLimit) fails the request instead
 * @param maxConcurrentPerHost requests in flight to one host at a time
 * @param defaultRateLimit the rate limit of hosts not in {@code hostRateLimits}
 * @param hostRateLimits rate limits by host name (lower case)
 * @param sourceDeadline the total time one source may spend fetching (see {@link Fetcher#forSource})
 */
public record FetchSettings(
    String contactUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    long maxBodyBytes,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffCeiling,
    Duration maxRetryWait,
    int maxConcurrentPerHost,
    RateLimit defaultRateLimit,
    Map<String, RateLimit> hostRateLimits,
    Duration sourceDeadline) {

  public static final String DEFAULT_CONTACT_URL = "https://github.com/llm-catalog/llm-catalog";
  /** The Hub host whose documented limits {@link #HUB_RATE_LIMIT} follows. */
  public static final String HUB_HOST = "huggingface.co";
  /**
   * The Hub allows ~500 anonymous API calls per fixed 5-minute window. 450 per 300 s with a burst of 25
   * sends at most 475 in any 5 minutes.
   */
  public static final RateLimit HUB_RATE_LIMIT = new RateLimit(450, Duration.ofSeconds(300), 25);
  /** Hosts that document no limit get one request per second on average, 10 at once. */
  public static final RateLimit DEFAULT_RATE_LIMIT = new RateLimit(60, Duration.ofSeconds(60), 10);
  /** This machine (a local mirror, a test server) shares no upstream's capacity, so it is not rate limited. */
  static final Map<String, RateLimit> LOOPBACK_UNLIMITED = Map.of(
      "localhost", RateLimit.UNLIMITED, "127.0.0.1", RateLimit.UNLIMITED, "::1", RateLimit.UNLIMITED);

  public FetchSettings {
    Objects.requireNonNull(contactUrl, "contactUrl == null");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(callTimeout, "callTimeout");
    requirePositive(backoffBase, "backoffBase");
    requirePositive(backoffCeiling, "backoffCeiling");
    requirePositive(maxRetryWait, "maxRetryWait");
    requirePositive(sourceDeadline, "sourceDeadline");
    if (backoffCeiling.compareTo(maxRetryWait) > 0) {
      throw new IllegalArgumentException("backoffCeiling " + backoffCeiling + " exceeds maxRetryWait " + maxRetryWait);
    }
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must be within 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBodyBytes);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (maxConcurrentPerHost < 1) {
      throw new IllegalArgumentException("maxConcurrentPerHost must be at least 1: " + maxConcurrentPerHost);
    }
    Objects.requireNonNull(defaultRateLimit, "defaultRateLimit == null");
    Map<String, RateLimit> hosts = new HashMap<>();
    Objects.requireNonNull(hostRateLimits, "hostRateLimits == null")
        .forEach((host, limit) -> hosts.put(host.toLowerCase(Locale.ROOT), Objects.requireNonNull(limit, "limit of " + host)));
    hostRateLimits = Map.copyOf(hosts);
  }

  /**
   * Connect 10 s, read 30 s, call 5 min; bodies up to 64 MiB; 4 attempts with full-jitter backoff from 1 s up
   * to 30 s, server-requested waits up to 120 s; 4 requests in flight per host; {@link #HUB_RATE_LIMIT} for
   * huggingface.co, none for this machine (localhost, 127.0.0.1, ::1), {@link #DEFAULT_RATE_LIMIT} elsewhere
   * (Hub mirrors included); 10 minutes per source.
   */
  public static FetchSettings defaults() {
    Map<String, RateLimit> hosts = new HashMap<>(LOOPBACK_UNLIMITED);
    hosts.put(HUB_HOST, HUB_RATE_LIMIT);
    return new FetchSettings(DEFAULT_CONTACT_URL, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5),
        64L * 1024 * 1024, 4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120), 4,
        DEFAULT_RATE_LIMIT, hosts, Duration.ofMinutes(10));
  }

  /**
   * The defaults with one attempt per request and no rate limit: what a test against a local server or a
   * one-off call needs.
   */
  public static FetchSettings plain() {
    return defaults().withMaxAttempts(1).withDefaultRateLimit(RateLimit.UNLIMITED).withoutHostRateLimits();
  }

  /** {@code llm-catalog/<version> (+<contact URL>)}. */
  public String userAgent() {
    return Version.userAgent(contactUrl);
  }

  /** The rate limit for requests to {@code host}. */
  public RateLimit rateLimitFor(String host) {
    return hostRateLimits.getOrDefault(host.toLowerCase(Locale.ROOT), defaultRateLimit);
  }

  public FetchSettings withContactUrl(String url) {
    return new FetchSettings(url, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withTimeouts(Duration connect, Duration read, Duration call) {
    return new FetchSettings(contactUrl, connect, read, call, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withMaxBodyBytes(long bytes) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, bytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withMaxAttempts(int attempts) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, attempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withBackoff(Duration base, Duration ceiling) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, base,
        ceiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withMaxRetryWait(Duration wait) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, wait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withMaxConcurrentPerHost(int max) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, max, defaultRateLimit, hostRateLimits, sourceDeadline);
  }

  public FetchSettings withDefaultRateLimit(RateLimit limit) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, limit, hostRateLimits, sourceDeadline);
  }

  /** These settings with {@code limit} for {@code host} (e.g. a Hub mirror given {@link #HUB_RATE_LIMIT}). */
  public FetchSettings withHostRateLimit(String host, RateLimit limit) {
    Map<String, RateLimit> hosts = new HashMap<>(hostRateLimits);
    hosts.put(host, limit);
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hosts, sourceDeadline);
  }

  public FetchSettings withoutHostRateLimits() {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, Map.of(), sourceDeadline);
  }

  public FetchSettings withSourceDeadline(Duration budget) {
    return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts, backoffBase,
        backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits, budget);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  /**
   * A token bucket: {@code permits} requests per {@code per} on average, up to {@code burst} at once.
   * {@link #UNLIMITED} (all zero) lets every request through.
   */
  public record RateLimit(int permits, Duration per, int burst) {
    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ZERO, 0);

    public RateLimit {
      Objects.requireNonNull(per, "per == null");
      boolean unlimited = permits == 0 && per.isZero() && burst == 0;
      if (!unlimited && (permits < 1 || per.isNegative() || per.isZero() || burst < 1)) {
        throw new IllegalArgumentException("a rate limit needs permits >= 1, a positive period and burst >= 1: "
            + permits + " per " + per + ", burst " + burst);
      }
    }

    public boolean unlimited() {
      return permits == 0;
    }

    @Override
    public String toString() {
      return unlimited() ? "unlimited" : permits + " per " + Texts.seconds(per) + ", burst " + burst;
    }
  }
}
