package dev.llmcatalog.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config's {@code schedules} section, read only by {@code llm-catalog daemon}: a Quartz cron expression
 * (seconds first, in the machine's time zone) per source, a random delay of up to {@code jitter} before each
 * fire, and how long a stop waits for running jobs before interrupting them.
 */
public record Schedules(String defaultCron, Map<String, String> crons, Duration jitter, Duration stopTimeout) {
  /** Every six hours, on the hour. */
  public static final String DEFAULT_CRON = "0 0 */6 * * ?";
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(60);

  public Schedules {
    crons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(crons));
  }

  public static Schedules defaults() {
    return new Schedules(DEFAULT_CRON, Map.of(), Duration.ZERO, DEFAULT_STOP_TIMEOUT);
  }

  /** The cron expression of {@code source}: its own, else the default. */
  public String cronFor(String source) {
    return crons.getOrDefault(source, defaultCron);
  }
}
