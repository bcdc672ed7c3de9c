package dev.llmcatalog.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The total time one source may spend fetching: a start and a budget. Carried as a request tag
 * ({@code Deadline.class}); the retry and rate-limit interceptors never wait past it and fail with
 * "deadline of N s exceeded for &lt;source&gt;" instead. {@link Fetcher#forSource} attaches one to every request.
 */
public final class Deadline {
  private final String source;
  private final Instant start;
  private final Duration budget;

  public Deadline(String source, Instant start, Duration budget) {
    this.source = Objects.requireNonNull(source, "source == null");
    this.start = Objects.requireNonNull(start, "start == null");
    this.budget = Objects.requireNonNull(budget, "budget == null");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("deadline budget for " + source + " must be positive: " + budget);
    }
  }

  public String source() {
    return source;
  }

  public Instant start() {
    return start;
  }

  public Duration budget() {
    return budget;
  }

  public Instant end() {
    return start.plus(budget);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(end());
  }

  /** Whether waiting {@code wait} from {@code now} would end past the deadline. */
  public boolean exceededBy(Instant now, Duration wait) {
    return now.plus(wait).isAfter(end());
  }

  /** {@code deadline of 600 s exceeded for hub}. */
  public String exceededMessage() {
    return "deadline of " + Texts.seconds(budget) + " exceeded for " + source;
  }

  @Override
  public String toString() {
    return "Deadline[" + source + ", " + start + " + " + budget + "]";
  }
}
