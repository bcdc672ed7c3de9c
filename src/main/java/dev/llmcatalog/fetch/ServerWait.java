package dev.llmcatalog.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;

/** How long a server asks us to wait: {@code Retry-After} and the Hub's {@code RateLimit} header. */
final class ServerWait {
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
  private static final Pattern REMAINING = Pattern.compile(";\\s*r\\s*=\\s*(\\d{1,9})");
  private static final Pattern RESET = Pattern.compile(";\\s*t\\s*=\\s*(\\d{1,9})");

  private ServerWait() {}

  /** {@code Retry-After: 7} or {@code Retry-After: <HTTP date>}, relative to {@code now}; never negative. */
  static Optional<Duration> retryAfter(Response response, Instant now) {
    String value = response.header("Retry-After");
    if (value == null) {
      return Optional.empty();
    }
    if (DIGITS.matcher(value.trim()).matches()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    }
    Date date = response.headers().getDate("Retry-After");
    if (date == null) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, date.toInstant());
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  /**
   * The Hub's {@code RateLimit: "api";r=0;t=7}: when a bucket has no requests left ({@code r=0}), the seconds
   * until its window resets; the longest if several buckets are empty.
   */
  static Optional<Duration> rateLimitReset(Response response) {
    Duration longest = null;
    for (String header : response.headers("RateLimit")) {
      for (String item : header.split(",")) {
        Matcher remaining = REMAINING.matcher(item);
        Matcher reset = RESET.matcher(item);
        if (remaining.find() && Long.parseLong(remaining.group(1)) == 0 && reset.find()) {
          Duration wait = Duration.ofSeconds(Long.parseLong(reset.group(1)));
          if (longest == null || wait.compareTo(longest) > 0) {
            longest = wait;
          }
        }
      }
    }
    return Optional.ofNullable(longest);
  }
}
