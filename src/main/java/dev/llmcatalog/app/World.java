package dev.llmcatalog.app;

import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.Time;
import java.time.Clock;

/**
 * What llm-catalog takes from the world outside: the environment variables, the clock its records are stamped with,
 * and the fetch layer's time (retry waits, rate limits, deadlines). {@code main} passes the real ones; tests pass
 * fixed clocks and a fake time that never waits.
 */
public record World(Environment env, Clock clock, Time time) {
  public static World system() {
    return new World(Environment.system(), Clock.systemUTC(), Time.SYSTEM);
  }
}
