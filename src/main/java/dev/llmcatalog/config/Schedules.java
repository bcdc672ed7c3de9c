package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * The config's {@code schedules} section, read only by {@code llm-catalog daemon}: a Quartz cron expression
 * (seconds first, in the machine's time zone) per source, a random delay of up to {@code jitter} before each
 * fire, and how long a stop waits for running jobs before interrupting them. Which sources may have a schedule is
 * checked with the whole config (see {@link CatalogConfig}).
 */
public record Schedules(String defaultCron, Map<String, String> crons, Duration jitter, Duration stopTimeout) {
  /** Every six hours, on the hour. */
  public static final String DEFAULT_CRON = "0 0 */6 * * ?";
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final long DAY = 86_400;

  public Schedules {
    crons = Collections.unmodifiableMap(new LinkedHashMap<>(crons));
  }

  /** Keys {@code default}, {@code jitter}, {@code stop_timeout}, and one per source naming its cron expression. */
  @JsonCreator
  static Schedules bind(Map<String, Object> section) {
    String defaultCron = DEFAULT_CRON;
    Map<String, String> crons = new LinkedHashMap<>();
    long jitter = 0;
    long stopTimeout = DEFAULT_STOP_TIMEOUT.toSeconds();
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String key = e.getKey();
      switch (key) {
        case "default" -> defaultCron = cron(e.getValue(), key, "default schedule");
        case "jitter" -> jitter = seconds(e.getValue(), key, 0);
        case "stop_timeout" -> stopTimeout = seconds(e.getValue(), key, 1);
        default -> crons.put(key, cron(e.getValue(), key, "schedule for '" + key + "'"));
      }
    }
    return new Schedules(defaultCron, crons, Duration.ofSeconds(jitter), Duration.ofSeconds(stopTimeout));
  }

  public static Schedules defaults() {
    return new Schedules(DEFAULT_CRON, Map.of(), Duration.ZERO, DEFAULT_STOP_TIMEOUT);
  }

  /** The cron expression of {@code source}: its own, else the default. */
  public String cronFor(String source) {
    return crons.getOrDefault(source, defaultCron);
  }

  /** A Quartz cron expression, checked here so that a daemon never starts with one it cannot schedule. */
  private static String cron(Object value, String key, String what) {
    if (!(value instanceof String expression) || expression.isBlank()) {
      throw new ConfigInvalid(key, what + ": expected a Quartz cron expression, got " + value);
    }
    CronExpression parsed;
    try {
      parsed = new CronExpression(expression);
    } catch (ParseException e) {
      throw new ConfigInvalid(key, what + ": bad cron expression '" + expression + "': " + e.getMessage()
          + " (Quartz syntax: sec min hour day month weekday [year])");
    }
    // Any instant works to ask whether it fires again; the wall clock is as good as any and is never compared.
    if (parsed.getNextValidTimeAfter(new Date()) == null) {
      throw new ConfigInvalid(key, what + ": cron expression '" + expression + "' never fires again");
    }
    return expression;
  }

  private static long seconds(Object value, String key, long min) {
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new ConfigInvalid(key, key + ": expected a whole number, got '" + value + "'");
    }
    return Check.seconds(((Number) value).longValue(), min, DAY, key);
  }
}
