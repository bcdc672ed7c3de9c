package dev.llmcatalog.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.store.SnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's trend: one point per snapshot that changed a model's best value, in the table's order. */
class TrendReaderTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String BOARD = "openllm-v1";

  @TempDir
  Path dir;

  /** A clock the test moves between snapshots. */
  private static final class StepClock extends Clock {
    private Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Observation average(String model, String variant, String value) {
    return new Observation(model, variant, "average", value, null, "https://board/" + model);
  }

  @Test
  void aModelWithSeveralRowsCountsWithItsBestAndAnUnchangedBestAddsNoPoint() {
    StepClock clock = new StepClock();
    TableConfig table = new TableConfig("board", BOARD, "Model", false, List.of(new TableConfig.Column("average", "Average")), 2,
        "average", Optional.empty(), List.of(), Optional.of("average"), 10);
    try (SnapshotStore store = SnapshotStore.open(dir.resolve("catalog.db"), clock)) {
      write(store, clock, 0, average("a/one", "bf16", "60"), average("a/one", "f32", "61"), average("b/two", "", "50"));
      write(store, clock, 1, average("a/one", "bf16", "62"), average("a/one", "f32", "61"), average("b/two", "", "50"));
      write(store, clock, 2, average("a/one", "bf16", "62"), average("a/one", "f32", "61.5"), average("b/two", "", "55"));

      Trend trend = new TrendReader(store).table(table, 5, "title");

      assertThat(trend.valueLabel()).isEqualTo("Average");
      assertThat(trend.series()).containsExactly(
          new Trend.Series("a/one", List.of(new Trend.Point(T0, 61), new Trend.Point(T0.plus(Duration.ofDays(1)), 62))),
          new Trend.Series("b/two", List.of(new Trend.Point(T0, 50), new Trend.Point(T0.plus(Duration.ofDays(2)), 55))));
      assertThat(new TrendReader(store).table(table, 1, "title").series()).extracting(Trend.Series::name)
          .containsExactly("a/one");
    }
  }

  private static void write(SnapshotStore store, StepClock clock, int day, Observation... observations) {
    clock.now = T0.plus(Duration.ofDays(day));
    long run = store.beginRun("test");
    store.writeSnapshot(run, BOARD, clock.now, new SourceData(List.of(observations), List.of(), List.of()), List.of());
  }
}
