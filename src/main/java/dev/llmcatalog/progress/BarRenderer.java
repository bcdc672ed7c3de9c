package dev.llmcatalog.progress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Progress as one line redrawn in place with {@code \r}, for a terminal:
 * {@code hub [###########---------] 6,000/10,200 models · 16 requests · 0 retries · ETA 3s}; at the end of the
 * source it is drawn once more ({@code · done in 14s}) and left behind with a newline.
 */
final class BarRenderer implements Renderer {
  static final int WIDTH = 20;
  /** A source done within a second shows no bar, so quick boards do not flash one. */
  static final Duration FIRST = Duration.ofSeconds(1);
  /** At most 10 redraws a second: smooth to the eye, nothing measurable for the sync. */
  static final Duration EVERY = Duration.ofMillis(100);

  private final PrintWriter out;
  // guarded by this
  private int drawn; // characters of the bar on screen; 0 when none is
  private boolean othersMidLine; // someone else's line is unfinished: a redraw would overwrite it

  BarRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Duration first() {
    return FIRST;
  }

  @Override
  public Duration every() {
    return EVERY;
  }

  @Override
  public synchronized void update(Counts counts) {
    if (!othersMidLine) {
      draw(line(counts, counts.etaText()));
    }
  }

  @Override
  public synchronized void finish(Counts counts, boolean ok) {
    if (othersMidLine) {
      out.print('\n');
      othersMidLine = false;
    }
    draw(line(counts, Optional.of(counts.endText(ok))));
    out.print('\n');
    out.flush();
    drawn = 0;
  }

  private void draw(String text) {
    out.print('\r');
    out.print(text);
    if (drawn > text.length()) {
      out.print(" ".repeat(drawn - text.length())); // what is left of a longer line before
    }
    out.flush();
    drawn = text.length();
  }

  private void erase() {
    if (drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      out.flush();
      drawn = 0;
    }
  }

  static String line(Counts c, Optional<String> last) {
    StringBuilder line = new StringBuilder(c.source()).append(' ');
    if (c.isWriting()) {
      bar(line, c.written(), c.toWrite()).append(c.values()).append(" · ");
    } else if (c.totalKnown()) {
      bar(line, c.done(), c.total()).append(c.models()).append(" · ");
    } else if (c.done() > 0) {
      line.append(c.models()).append(" · ");
    }
    line.append(c.requestsText()).append(" · ").append(c.retriesText());
    last.ifPresent(text -> line.append(" · ").append(text));
    return line.toString();
  }

  /** {@code [#####---------------] }: {@code done} of {@code total} in {@link #WIDTH} characters. */
  private static StringBuilder bar(StringBuilder line, long done, long total) {
    int filled = (int) (total == 0 ? WIDTH : Math.min(WIDTH, done * WIDTH / total));
    return line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
  }

  /**
   * {@code target} made safe to write to while the bar is on screen (log lines on stderr): each write first erases
   * the bar, and the bar is redrawn below the written line at its next update, never into a line left unfinished.
   */
  OutputStream guard(OutputStream target) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return;
        }
        synchronized (BarRenderer.this) {
          erase();
          target.write(b, off, len);
          target.flush(); // out before the next redraw, which goes to the terminal by another stream
          othersMidLine = b[off + len - 1] != '\n';
        }
      }

      @Override
      public void flush() throws IOException {
        target.flush();
      }
    };
  }
}
