package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.cli.SyncCommand.Progress;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.testsupport.TestConfigs;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Issue 7 item 5: `sync --progress` shows progress on stderr or in the log, never on stdout. */
class SyncProgressCliTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private final ListAppender<ILoggingEvent> progressLog = new ListAppender<>();
  private final Logger progressLogger = (Logger) LoggerFactory.getLogger("dev.llmcatalog.progress");

  @BeforeEach
  void listen() {
    progressLog.start();
    progressLogger.addAppender(progressLog);
  }

  @AfterEach
  void stopListening() {
    progressLogger.detachAppender(progressLog);
  }

  private List<String> progressLines() {
    return progressLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The report on stdout, as without progress: one line per source, the catalog line and the charts line. */
  private static void assertPlainReport(CliRunner.Result sync) {
    assertThat(sync.exitCode()).as(sync.err()).isZero();
    List<String> lines = sync.out().lines().toList();
    assertThat(lines).hasSize(TestConfigs.SOURCES.size() + 2);
    assertThat(lines.get(TestConfigs.SOURCES.size() + 1)).startsWith("charts updated: ");
    assertThat(lines.subList(0, TestConfigs.SOURCES.size())).allMatch(l -> l.matches("[a-z0-9-]+: ok, snapshot \\d+: \\d+ models, 0 missing, \\d+ values added, 0 closed"));
    assertThat(lines.get(TestConfigs.SOURCES.size())).startsWith("catalog updated: ");
  }

  @Test
  void logModeWithAnIntervalOfZeroLogsEveryUpdateAndALastLinePerSource() {
    CliRunner.Result sync = cli.run("sync", "--progress=log", "--progress-interval=0");

    assertPlainReport(sync);
    List<String> last = progressLines().stream().filter(l -> l.contains("done in")).toList();
    // the clock of the harness stands still: no ETA, and every source took 0 s
    assertThat(last).containsExactly(
        "hub: 29/29 models (100%), 21 requests, 0 retries, done in 0s",
        "openllm-v1: 1 request, 0 retries, done in 0s",
        "openllm-v2: 1 request, 0 retries, done in 0s",
        "opencompass: 4 requests, 0 retries, done in 0s",
        "arena: 5 requests, 0 retries, done in 0s",
        "tabby: 3 requests, 0 retries, done in 0s",
        "mteb: 11 requests, 0 retries, done in 0s", "aider: 1 request, 0 retries, done in 0s",
        "hub-benchmarks: 4 requests, 0 retries, done in 0s");
    assertThat(progressLines()).contains("hub: 0/29 models (0%), 0 requests, 0 retries");
    // issue 16 item 5: the write of each snapshot moves the progress too, before the source's last line
    List<String> hub = progressLines().stream().filter(l -> l.startsWith("hub: ")).toList();
    assertThat(hub.subList(hub.size() - 3, hub.size())).containsExactly(
        "hub: writing 0/341 values (0%), 21 requests, 0 retries",
        "hub: writing 341/341 values (100%), 21 requests, 0 retries",
        "hub: 29/29 models (100%), 21 requests, 0 retries, done in 0s");
    assertThat(progressLines()).contains("aider: writing 98/98 values (100%), 1 request, 0 retries");
    assertThat(sync.err()).isEmpty();
  }

  @Test
  void noneAndAShortSyncInTheDefaultModeShowNoProgress() {
    CliRunner.Result none = cli.run("sync", "--progress=none");
    assertPlainReport(none);
    assertThat(progressLines()).isEmpty();

    // not a terminal: log lines, the first after 5 s, which the harness's clock never reaches
    CliRunner.Result auto = cli.run("sync");
    assertThat(auto.exitCode()).isZero();
    assertThat(progressLines()).isEmpty();
    assertThat(auto.err()).isEmpty();
  }

  @Test
  void barModeDrawsOnStderrOnlyAndGivesSystemErrBack() {
    PrintStream before = System.err;

    CliRunner.Result sync = cli.runAt(new SteppingClock(Duration.ofMillis(250)), "sync", "--progress=bar");

    assertPlainReport(sync);
    assertThat(System.err).isSameAs(before);
    assertThat(progressLines()).isEmpty();
    // each source that lasted a second on this clock ends its bar with its last state and a newline
    assertThat(sync.err()).contains("\rhub [####################] 29/29 models · 21 requests · 0 retries · done in ")
        .endsWith("\n");
    assertThat(sync.err().lines()).allMatch(l -> l.isBlank() || l.contains(" request"));
  }

  @Test
  void autoIsTheBarOnATerminalUnlessTermIsDumbOrNoColorIsSet() {
    Environment plain = new Environment(Map.of("TERM", "xterm-256color"));

    assertThat(SyncCommand.resolve(Progress.auto, true, plain)).isEqualTo(Progress.bar);
    assertThat(SyncCommand.resolve(Progress.auto, false, plain)).isEqualTo(Progress.log);
    assertThat(SyncCommand.resolve(Progress.auto, true, new Environment(Map.of("TERM", "dumb")))).isEqualTo(Progress.log);
    assertThat(SyncCommand.resolve(Progress.auto, true, new Environment(Map.of("NO_COLOR", "1")))).isEqualTo(Progress.log);
    assertThat(SyncCommand.resolve(Progress.bar, false, plain)).isEqualTo(Progress.bar);
    assertThat(SyncCommand.resolve(Progress.none, true, plain)).isEqualTo(Progress.none);
  }

  @Test
  void aBadModeOrANegativeIntervalIsAUsageError() {
    CliRunner.Result mode = cli.run("sync", "--progress=fancy");
    assertThat(mode.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(mode.err()).contains("--progress", "fancy", "auto, bar, log, none");

    CliRunner.Result interval = cli.run("sync", "--progress-interval=-1");
    assertThat(interval.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(interval.err()).contains("--progress-interval must be at least 0, got -1");
    assertThat(interval.out()).isEmpty();
  }

  @Test
  void helpNamesTheOptions() {
    CliRunner.Result help = cli.run("sync", "--help");

    assertThat(help.out()).contains("--progress=MODE", "auto", "--progress-interval=SECONDS");
  }

  /** Moves on by {@code step} each time it is read, as if every read took that long. */
  private static final class SteppingClock extends Clock {
    private final Duration step;
    private Instant now = CliHarness.CLOCK.instant();

    SteppingClock(Duration step) {
      this.step = step;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(step);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
