package dev.llmcatalog.progress;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as plain log lines (INFO on logger {@value #LOGGER}), at most one per interval, for output that is not
 * a terminal (cron mail, the daemon's journal): {@code hub: 6,000/10,200 models (58%), 16 requests, 0 retries, ETA 3s},
 * and at the end {@code hub: 10,200/10,200 models (100%), 24 requests, 0 retries, done in 14s}.
 */
final class LogRenderer implements Renderer {
  static final String LOGGER = "dev.llmcatalog.progress";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final Duration interval;
  private final Consumer<String> sink;

  LogRenderer(Duration interval) {
    this(interval, LOG::info);
  }

  LogRenderer(Duration interval, Consumer<String> sink) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("progress interval must not be negative: " + interval);
    }
    this.interval = interval;
    this.sink = sink;
  }

  @Override
  public Duration first() {
    return interval;
  }

  @Override
  public Duration every() {
    return interval;
  }

  @Override
  public void update(Counts counts) {
    sink.accept(line(counts, counts.etaText()));
  }

  @Override
  public void finish(Counts counts, boolean ok) {
    sink.accept(line(counts, Optional.of(counts.endText(ok))));
  }

  static String line(Counts c, Optional<String> last) {
    StringBuilder line = new StringBuilder(c.source()).append(": ");
    if (c.isWriting()) {
      line.append(c.values()).append(" (").append(c.writtenPercent()).append("%), ");
    } else if (c.totalKnown()) {
      line.append(c.models()).append(" (").append(c.percent()).append("%), ");
    } else if (c.done() > 0) {
      line.append(c.models()).append(", ");
    }
    line.append(c.requestsText()).append(", ").append(c.retriesText());
    last.ifPresent(text -> line.append(", ").append(text));
    return line.toString();
  }
}
