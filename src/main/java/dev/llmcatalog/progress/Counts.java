package dev.llmcatalog.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One source's progress at one moment, and the pieces of text both renderers use.
 *
 * @param total the models expected, or -1 while unknown
 * @param elapsed since the source started
 * @param written values of the snapshot written so far
 * @param toWrite values the snapshot's write expects, or -1 while the source is not writing its snapshot
 * @param writing since the write started
 */
record Counts(String source, long done, long total, long requests, long retries, Duration elapsed, long written,
    long toWrite, Duration writing) {
  /** Not writing its snapshot (yet). */
  Counts(String source, long done, long total, long requests, long retries, Duration elapsed) {
    this(source, done, total, requests, retries, elapsed, 0, -1, Duration.ZERO);
  }

  /** The snapshot is being written: the display shows values written instead of models. */
  boolean isWriting() {
    return toWrite >= 0;
  }

  /** {@code writing 10,000/122,200 values}. */
  String values() {
    return "writing " + number(written) + "/" + number(toWrite) + " values";
  }

  /** Written of to write in whole percent, as {@link #percent()}. */
  int writtenPercent() {
    return toWrite <= 0 ? 100 : (int) Math.min(100, written * 100 / toWrite);
  }

  boolean totalKnown() {
    return total >= 0;
  }

  /** Done of total in whole percent, rounded down so that 100% means all done; 100 for a total of 0. */
  int percent() {
    return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
  }

  /**
   * The time left at the rate models were done so far; empty before the first model is done, without a total,
   * once all are done, or before any time passed.
   */
  Optional<Duration> eta() {
    if (isWriting()) {
      return eta(written, toWrite, writing.toMillis());
    }
    return eta(done, total, elapsed.toMillis());
  }

  private Optional<Duration> eta(long done, long total, long millis) {
    if (total < 0 || done <= 0 || done >= total || millis <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((total - done) * millis / done));
  }

  /** {@code 6,000/10,200 models} or, without a total, {@code 6,000 models}. */
  String models() {
    return totalKnown() ? number(done) + "/" + number(total) + " models" : number(done) + " models";
  }

  String requestsText() {
    return number(requests) + (requests == 1 ? " request" : " requests");
  }

  String retriesText() {
    return number(retries) + (retries == 1 ? " retry" : " retries");
  }

  /** {@code ETA 3s}, the seconds rounded up so that it never promises too early; empty as {@link #eta()}. */
  Optional<String> etaText() {
    return eta().map(d -> "ETA " + duration((d.toMillis() + 999) / 1000));
  }

  /** {@code done in 14s} or {@code failed after 14s}. */
  String endText(boolean ok) {
    return (ok ? "done in " : "failed after ") + duration(elapsed.toSeconds());
  }

  /** Digits grouped by commas, whatever the machine's locale. */
  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 45s}, {@code 2m05s}, {@code 1h02m}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
