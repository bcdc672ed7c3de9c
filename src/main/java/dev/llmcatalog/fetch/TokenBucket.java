package dev.llmcatalog.fetch;

import java.time.Duration;
import java.time.Instant;

/**
 * One host's request budget: refills {@code permits} per {@code per}, holds at most {@code burst}. A request
 * reserves a token and is told how long to wait for it, so concurrent callers queue up fairly without holding
 * a lock while they sleep. A server that says its window is used up pauses the bucket until it resets.
 */
final class TokenBucket {
  private final FetchSettings.RateLimit limit;
  private double tokens;
  private Instant refilled;
  private Instant pausedUntil;

  TokenBucket(FetchSettings.RateLimit limit, Instant now) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.refilled = now;
    this.pausedUntil = now;
  }

  /** Takes one token; returns how long the caller must wait before using it (zero when one was ready). */
  synchronized Duration reserve(Instant now) {
    Duration pause = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    if (limit.unlimited()) {
      return pause;
    }
    if (now.isAfter(refilled)) {
      long elapsed = Duration.between(refilled, now).toNanos();
      tokens = Math.min(limit.burst(), tokens + (double) elapsed * limit.permits() / limit.per().toNanos());
      refilled = now;
    }
    tokens -= 1;
    Duration wait = tokens >= 0 ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil(-tokens * limit.per().toNanos() / limit.permits()));
    return wait.compareTo(pause) >= 0 ? wait : pause;
  }

  /** No request goes out before {@code until} (the server's window reset). */
  synchronized void pauseUntil(Instant until) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }
}
