package dev.llmcatalog.fetch;

import dev.llmcatalog.Version;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes fetching polite and fault-tolerant, in one value so a later change can load it
 * from config. Start from {@link #defaults()} and change settings through {@link #toBuilder()}.
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
    return defaults().toBuilder().maxAttempts(1).defaultRateLimit(RateLimit.UNLIMITED).clearHostRateLimits().build();
  }

  /** {@code llm-catalog/<version> (+<contact URL>)}. */
  public String userAgent() {
    return Version.userAgent(contactUrl);
  }

  /** The rate limit for requests to {@code host}. */
  public RateLimit rateLimitFor(String host) {
    return hostRateLimits.getOrDefault(host.toLowerCase(Locale.ROOT), defaultRateLimit);
  }

  /** A builder holding these settings, to change some of them: {@code defaults().toBuilder().maxAttempts(1).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes settings one by one; {@link #build()} validates them together, as the constructor does. */
  public static final class Builder {
    private String contactUrl;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private long maxBodyBytes;
    private int maxAttempts;
    private Duration backoffBase;
    private Duration backoffCeiling;
    private Duration maxRetryWait;
    private int maxConcurrentPerHost;
    private RateLimit defaultRateLimit;
    private final Map<String, RateLimit> hostRateLimits;
    private Duration sourceDeadline;

    private Builder(FetchSettings s) {
      contactUrl = s.contactUrl;
      connectTimeout = s.connectTimeout;
      readTimeout = s.readTimeout;
      callTimeout = s.callTimeout;
      maxBodyBytes = s.maxBodyBytes;
      maxAttempts = s.maxAttempts;
      backoffBase = s.backoffBase;
      backoffCeiling = s.backoffCeiling;
      maxRetryWait = s.maxRetryWait;
      maxConcurrentPerHost = s.maxConcurrentPerHost;
      defaultRateLimit = s.defaultRateLimit;
      hostRateLimits = new HashMap<>(s.hostRateLimits);
      sourceDeadline = s.sourceDeadline;
    }

    public Builder contactUrl(String url) {
      contactUrl = url;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      readTimeout = timeout;
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      callTimeout = timeout;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      maxBodyBytes = bytes;
      return this;
    }

    public Builder maxAttempts(int attempts) {
      maxAttempts = attempts;
      return this;
    }

    public Builder backoffBase(Duration base) {
      backoffBase = base;
      return this;
    }

    public Builder backoffCeiling(Duration ceiling) {
      backoffCeiling = ceiling;
      return this;
    }

    public Builder maxRetryWait(Duration wait) {
      maxRetryWait = wait;
      return this;
    }

    public Builder maxConcurrentPerHost(int max) {
      maxConcurrentPerHost = max;
      return this;
    }

    public Builder defaultRateLimit(RateLimit limit) {
      defaultRateLimit = limit;
      return this;
    }

    /** {@code limit} for {@code host} (e.g. a Hub mirror given {@link #HUB_RATE_LIMIT}), the other hosts' kept. */
    public Builder hostRateLimit(String host, RateLimit limit) {
      hostRateLimits.put(Objects.requireNonNull(host, "host == null").toLowerCase(Locale.ROOT), limit);
      return this;
    }

    /** No host-specific limits: every host gets the {@link #defaultRateLimit}. */
    public Builder clearHostRateLimits() {
      hostRateLimits.clear();
      return this;
    }

    public Builder sourceDeadline(Duration budget) {
      sourceDeadline = budget;
      return this;
    }

    /** @throws IllegalArgumentException naming the first setting that is out of range */
    public FetchSettings build() {
      return new FetchSettings(contactUrl, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxAttempts,
          backoffBase, backoffCeiling, maxRetryWait, maxConcurrentPerHost, defaultRateLimit, hostRateLimits,
          sourceDeadline);
    }
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
