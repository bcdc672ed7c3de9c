package dev.llmcatalog.testsupport;

import dev.llmcatalog.fetch.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fetch layer's time for tests: it only moves when someone sleeps on it (or a test advances it), so a retry's
 * wait or a rate limit's pause costs nothing; remembers every sleep.
 */
public final class FakeTime implements Time {
  public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

  private Instant now = START;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
