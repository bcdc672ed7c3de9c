package dev.llmcatalog.progress;

import dev.llmcatalog.store.WriteProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one source, updated from any thread (the Hub's model-info requests run on several), and the
 * pace of its renderer. An update costs two atomic operations and a clock read unless a render is due; only then
 * does it take the lock.
 */
final class Tracker implements SourceProgress {
  private final String source;
  private final Clock clock;
  private final Renderer renderer;
  private final long startedAt;
  private final long every;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong toWrite = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private volatile long writingSince = -1; // clock millis; -1 before the snapshot's write starts
  private volatile boolean totalKnown;
  private volatile long nextAt;
  // guarded by this
  private boolean shown;
  private boolean finished;

  Tracker(String source, Clock clock, Renderer renderer) {
    this.source = source;
    this.clock = clock;
    this.renderer = renderer;
    this.startedAt = clock.millis();
    this.every = renderer.every().toMillis();
    this.nextAt = startedAt + renderer.first().toMillis();
  }

  @Override
  public void expect(long models) {
    total.addAndGet(models);
    totalKnown = true;
    tick();
  }

  @Override
  public void done(long models) {
    done.addAndGet(models);
    tick();
  }

  /** The source's snapshot is being written from now on: its values written are shown instead of its models. */
  WriteProgress writing() {
    writingSince = clock.millis();
    return new WriteProgress() {
      @Override
      public void expect(long values) {
        toWrite.addAndGet(values);
        tick();
      }

      @Override
      public void done(long values) {
        written.addAndGet(values);
        tick();
      }
    };
  }

  void requested() {
    requests.incrementAndGet();
    tick();
  }

  void retrying() {
    retries.incrementAndGet();
    tick();
  }

  private void tick() {
    long now = clock.millis();
    if (now < nextAt) {
      return;
    }
    synchronized (this) {
      if (finished || now < nextAt) {
        return; // another thread rendered meanwhile
      }
      nextAt = now + every;
      shown = true;
      renderer.update(counts(now));
    }
  }

  /** Ends the source's display, if it showed anything. */
  synchronized void finish(boolean ok) {
    if (finished) {
      return;
    }
    finished = true;
    if (shown) {
      // the last line says what the source did: its models, not the values of its write
      Counts last = counts(clock.millis());
      renderer.finish(new Counts(source, last.done(), last.total(), last.requests(), last.retries(), last.elapsed()), ok);
    }
  }

  Counts counts(long now) {
    long d = done.get();
    // a shrunk total never falls below what was done (a model listed twice counts twice)
    long t = totalKnown ? Math.max(total.get(), d) : -1;
    long since = writingSince;
    return new Counts(source, d, t, requests.get(), retries.get(), Duration.ofMillis(Math.max(0, now - startedAt)),
        written.get(), since < 0 ? -1 : toWrite.get(), Duration.ofMillis(since < 0 ? 0 : Math.max(0, now - since)));
  }
}
