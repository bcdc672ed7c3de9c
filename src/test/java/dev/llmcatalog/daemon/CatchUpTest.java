package dev.llmcatalog.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Catch-up at start: a source runs at once when its last success is older than the time between two fires. */
class CatchUpTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:07:00Z");

  @Test
  void thePeriodIsTheTimeBetweenTheNextTwoFires() {
    assertThat(CatchUp.period("0 0 */6 * * ?", NOW)).contains(Duration.ofHours(6));
    assertThat(CatchUp.period("0 15 * * * ?", NOW)).contains(Duration.ofHours(1));
    assertThat(CatchUp.period("*/1 * * * * ?", NOW)).contains(Duration.ofSeconds(1));
    assertThat(CatchUp.period("0 0 0 1 1 ? 2099", NOW)).isEmpty();
  }

  @Test
  void aSourceThatNeverSucceededRunsAtOnce() {
    assertThat(CatchUp.isDue("0 0 */6 * * ?", Optional.empty(), NOW)).isTrue();
  }

  @Test
  void aSuccessOlderThanOnePeriodRunsAtOnceARecentOneWaits() {
    assertThat(CatchUp.isDue("0 0 */6 * * ?", Optional.of(NOW.minus(Duration.ofHours(7))), NOW)).isTrue();
    assertThat(CatchUp.isDue("0 0 */6 * * ?", Optional.of(NOW.minus(Duration.ofHours(5))), NOW)).isFalse();
    assertThat(CatchUp.isDue("0 15 * * * ?", Optional.of(NOW.minus(Duration.ofMinutes(61))), NOW)).isTrue();
    assertThat(CatchUp.isDue("0 15 * * * ?", Optional.of(NOW.minus(Duration.ofMinutes(59))), NOW)).isFalse();
  }

  @Test
  void aScheduleThatFiresOnlyOnceMoreNeverCatchesUpASourceThatRanBefore() {
    assertThat(CatchUp.isDue("0 0 0 1 1 ? 2099", Optional.of(NOW.minus(Duration.ofDays(900))), NOW)).isFalse();
  }
}
