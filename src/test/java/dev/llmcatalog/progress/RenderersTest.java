package dev.llmcatalog.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 7 item 5: the exact text of the bar and of the log line for given counts. */
class RenderersTest {
  private static Counts counts(long done, long total, long requests, long retries, long elapsedMillis) {
    return new Counts("hub", done, total, requests, retries, Duration.ofMillis(elapsedMillis));
  }

  @Test
  void theBarShowsModelsDoneOfTotalRequestsRetriesAndTheEtaAtTheRateSoFar() {
    // 6,000 models in 6 s: 1,000 a second, so 4,200 left take 4.2 s, shown rounded up
    Counts c = counts(6_000, 10_200, 16, 0, 6_000);

    assertThat(BarRenderer.line(c, c.etaText()))
        .isEqualTo("hub [###########---------] 6,000/10,200 models · 16 requests · 0 retries · ETA 5s");
  }

  @Test
  void theLogLineSaysTheSameInPlainWordsWithThePercentage() {
    Counts c = counts(6_000, 10_200, 16, 2, 6_000);

    assertThat(LogRenderer.line(c, c.etaText()))
        .isEqualTo("hub: 6,000/10,200 models (58%), 16 requests, 2 retries, ETA 5s");
  }

  @Test
  void theLastLinesSayHowLongTheSourceTookInsteadOfAnEta() {
    Counts c = counts(10_200, 10_200, 24, 1, 14_700);

    assertThat(BarRenderer.line(c, Optional.of(c.endText(true))))
        .isEqualTo("hub [####################] 10,200/10,200 models · 24 requests · 1 retry · done in 14s");
    assertThat(LogRenderer.line(c, Optional.of(c.endText(false))))
        .isEqualTo("hub: 10,200/10,200 models (100%), 24 requests, 1 retry, failed after 14s");
  }

  @Test
  void withoutATotalThereIsNoBarNorEtaAndWithoutModelsOnlyTheRequests() {
    Counts rows = new Counts("openllm-v1", 1_200, -1, 12, 0, Duration.ofSeconds(3));
    Counts board = new Counts("arena", 0, -1, 1, 0, Duration.ofSeconds(3));

    assertThat(BarRenderer.line(rows, rows.etaText())).isEqualTo("openllm-v1 1,200 models · 12 requests · 0 retries");
    assertThat(LogRenderer.line(rows, rows.etaText())).isEqualTo("openllm-v1: 1,200 models, 12 requests, 0 retries");
    assertThat(BarRenderer.line(board, board.etaText())).isEqualTo("arena 1 request · 0 retries");
    assertThat(LogRenderer.line(board, board.etaText())).isEqualTo("arena: 1 request, 0 retries");
  }

  @Test
  void noEtaBeforeTheFirstModelNorBeforeAnyTimePassed() {
    assertThat(counts(0, 100, 3, 0, 5_000).eta()).isEmpty();
    assertThat(counts(10, 100, 3, 0, 0).eta()).isEmpty();
    assertThat(counts(100, 100, 3, 0, 5_000).eta()).isEmpty();
    assertThat(counts(25, 100, 3, 0, 5_000).eta()).contains(Duration.ofSeconds(15));
  }

  @Test
  void longTimesShowMinutesAndHours() {
    assertThat(Counts.duration(0)).isEqualTo("0s");
    assertThat(Counts.duration(59)).isEqualTo("59s");
    assertThat(Counts.duration(125)).isEqualTo("2m05s");
    assertThat(Counts.duration(3_720)).isEqualTo("1h02m");
    // 1 model of 10,000 in 10 s: 99,990 s left
    assertThat(counts(1, 10_000, 1, 0, 10_000).etaText()).contains("ETA 27h46m");
  }

  @Test
  void theBarIsRedrawnInPlaceOverwritingALongerLineAndEndsWithANewline() {
    StringWriter screen = new StringWriter();
    BarRenderer bar = new BarRenderer(new PrintWriter(screen));

    bar.update(counts(10, 20, 10, 0, 1_000)); // ETA 1s
    bar.update(counts(20, 20, 20, 0, 2_000)); // no ETA: a shorter line
    bar.finish(counts(20, 20, 20, 0, 2_000), true);

    String first = "hub [##########----------] 10/20 models · 10 requests · 0 retries · ETA 1s";
    String second = "hub [####################] 20/20 models · 20 requests · 0 retries";
    assertThat(screen.toString()).isEqualTo("\r" + first
        + "\r" + second + " ".repeat(first.length() - second.length())
        + "\r" + second + " · done in 2s\n");
  }

  /** Issue 16 item 5: while a source's snapshot is written, its values written move instead of its models. */
  @Test
  void whileTheSnapshotIsWrittenBothShowValuesWrittenWithAnEtaAtTheWriteRate() {
    // 40,000 values in 2 s of writing: 20,000 a second, so 82,200 left take 4.11 s, shown rounded up
    Counts c = new Counts("hub", 10_200, 10_200, 24, 0, Duration.ofSeconds(16), 40_000, 122_200, Duration.ofSeconds(2));

    assertThat(BarRenderer.line(c, c.etaText()))
        .isEqualTo("hub [######--------------] writing 40,000/122,200 values · 24 requests · 0 retries · ETA 5s");
    assertThat(LogRenderer.line(c, c.etaText()))
        .isEqualTo("hub: writing 40,000/122,200 values (32%), 24 requests, 0 retries, ETA 5s");
  }
}
