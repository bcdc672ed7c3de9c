package dev.llmcatalog.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A log line written while the bar is on screen starts on a clean line, and the bar never overwrites a half line. */
class BarGuardTest {
  private final StringWriter screen = new StringWriter();
  private final BarRenderer bar = new BarRenderer(new PrintWriter(screen));

  /** stderr as the bar's guard hands it on: into the same screen, as a terminal would show it. */
  private final PrintStream logs = new PrintStream(bar.guard(new OutputStream() {
    @Override
    public void write(int b) {
      screen.write(b);
    }
  }), true, StandardCharsets.UTF_8);

  private static Counts counts(long done) {
    return new Counts("hub", done, 10, done, 0, Duration.ZERO);
  }

  @Test
  void aLogLineFirstErasesTheBarWhichIsRedrawnBelowIt() {
    bar.update(counts(3));
    logs.print("WARN retrying\n");
    bar.update(counts(4));

    String three = "hub [######--------------] 3/10 models · 3 requests · 0 retries";
    String four = "hub [########------------] 4/10 models · 4 requests · 0 retries";
    assertThat(screen.toString()).isEqualTo("\r" + three + "\r" + " ".repeat(three.length()) + "\r"
        + "WARN retrying\n" + "\r" + four);
  }

  @Test
  void noRedrawIntoAnUnfinishedLineAndTheLastStateGoesBelowIt() {
    logs.print("half a line");
    bar.update(counts(3));
    bar.finish(counts(10), true);

    assertThat(screen.toString()).isEqualTo("half a line\n"
        + "\rhub [####################] 10/10 models · 10 requests · 0 retries · done in 0s\n");
  }
}
