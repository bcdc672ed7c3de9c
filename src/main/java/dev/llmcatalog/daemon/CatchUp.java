package dev.llmcatalog.daemon;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * Whether a source runs at once when the daemon starts: decided from its last successful snapshot in the
 * database, not from Quartz (whose in-memory store forgets everything on restart).
 */
final class CatchUp {
  private CatchUp() {}

  /** The time between the next two fires of {@code cron} after {@code now}; empty when it fires fewer than twice. */
  static Optional<Duration> period(String cron, Instant now) {
    CronExpression expression = parse(cron);
    Date first = expression.getNextValidTimeAfter(Date.from(now));
    Date second = first == null ? null : expression.getNextValidTimeAfter(first);
    return second == null ? Optional.empty() : Optional.of(Duration.between(first.toInstant(), second.toInstant()));
  }

  /**
   * Due when the source never succeeded, or its last success is older than one period: a fire was missed while
   * no daemon ran. A recent success waits for the next regular fire.
   */
  static boolean isDue(String cron, Optional<Instant> lastSuccess, Instant now) {
    if (lastSuccess.isEmpty()) {
      return true;
    }
    return period(cron, now).map(p -> lastSuccess.get().plus(p).isBefore(now)).orElse(false);
  }

  private static CronExpression parse(String cron) {
    try {
      return new CronExpression(cron);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad cron expression '" + cron + "' (the config loader checks them)", e);
    }
  }
}
