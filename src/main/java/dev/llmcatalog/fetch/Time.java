package dev.llmcatalog.fetch;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the sleeper of the fetch layer (retry waits, rate limits, deadlines), one seam so tests wait on a fake
 * clock instead of for real. The composition root passes it in; {@link #SYSTEM} is the real one.
 */
public interface Time {
  Instant now();

  /** Blocks for {@code duration}; an interrupt becomes an {@link InterruptedIOException}, keeping the flag set. */
  void sleep(Duration duration) throws InterruptedIOException;

  Time SYSTEM = new Time() {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedIOException {
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      try {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting " + Texts.seconds(duration));
      }
    }

    @Override
    public String toString() {
      return "Time.SYSTEM";
    }
  };
}
