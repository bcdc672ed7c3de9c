package dev.llmcatalog.progress;

import dev.llmcatalog.fetch.FetchProgress;
import dev.llmcatalog.store.WriteProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of one sync: per source, models done of total, requests, retries and an ETA, shown as a bar on a
 * terminal ({@link #bar}), as log lines ({@link #log}) or not at all ({@link #none}). Sources report models through
 * the {@link SourceProgress} of {@link #start}; the fetch layer reports requests and retries to this object as a
 * {@link FetchProgress} (attach it with {@code Fetcher.withProgress}), by source name. Nothing is shown for a
 * source that ends before its renderer's first interval.
 */
public final class SyncProgress implements FetchProgress, AutoCloseable {
  /** The default time between two progress log lines. */
  public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(5);

  private final Clock clock;
  private final Renderer renderer; // null: nothing is shown
  private final PrintStream replacedErr; // System.err as it was before bar() guarded it; null otherwise
  private final Map<String, Tracker> trackers = new ConcurrentHashMap<>();

  SyncProgress(Clock clock, Renderer renderer, PrintStream replacedErr) {
    this.clock = clock;
    this.renderer = renderer;
    this.replacedErr = replacedErr;
  }

  /** Shows nothing and counts nothing. */
  public static SyncProgress none() {
    return new SyncProgress(Clock.systemUTC(), null, null);
  }

  /** A log line at most every {@code interval} (INFO on logger {@code dev.llmcatalog.progress}), the first after it. */
  public static SyncProgress log(Clock clock, Duration interval) {
    return new SyncProgress(clock, new LogRenderer(interval), null);
  }

  /**
   * A bar on {@code err}, redrawn at most 10 times a second from a second after a source started. Until
   * {@link #close}, {@code System.err} (where the log lines go) is replaced by a stream that erases the bar before
   * each write, so that a log line never lands in the middle of the bar.
   */
  public static SyncProgress bar(PrintWriter err, Clock clock) {
    BarRenderer bar = new BarRenderer(err);
    PrintStream original = System.err;
    System.setErr(new PrintStream(bar.guard(original), true, Charset.defaultCharset()));
    return new SyncProgress(clock, bar, original);
  }

  /** Starts counting for {@code source}; end with {@link #finish}. */
  public SourceProgress start(String source) {
    Objects.requireNonNull(source, "source == null");
    if (renderer == null) {
      return SourceProgress.NONE;
    }
    Tracker tracker = new Tracker(source, clock, renderer);
    trackers.put(source, tracker);
    return tracker;
  }

  /** Ends {@code source}'s display: the bar's last state stays on its own line, the log gets a last line. */
  public void finish(String source, boolean ok) {
    Tracker tracker = trackers.remove(source);
    if (tracker != null) {
      tracker.finish(ok);
    }
  }

  /**
   * Counts the write of {@code source}'s snapshot, shown in place of its models until {@link #finish}: the bar or log
   * line keeps moving while a large state is stored.
   */
  public WriteProgress writing(String source) {
    Tracker tracker = trackers.get(source);
    return tracker == null ? WriteProgress.NONE : tracker.writing();
  }

  @Override
  public void requested(String source) {
    Tracker tracker = source == null ? null : trackers.get(source);
    if (tracker != null) {
      tracker.requested();
    }
  }

  @Override
  public void retrying(String source) {
    Tracker tracker = source == null ? null : trackers.get(source);
    if (tracker != null) {
      tracker.retrying();
    }
  }

  /** Finishes what is still shown and gives {@code System.err} back. */
  @Override
  public void close() {
    trackers.keySet().forEach(source -> finish(source, false));
    if (replacedErr != null) {
      System.err.flush();
      System.setErr(replacedErr);
    }
  }
}
