package dev.llmcatalog.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 7 item 5: how often progress is shown (on a fake clock), and that counting is exact from many threads. */
class TrackerTest {
  private final FakeClock clock = new FakeClock();

  /** Remembers what it was asked to show; the bar's pace by default. */
  private static final class Recorder implements Renderer {
    final List<String> shown = new ArrayList<>();
    private final Duration first;
    private final Duration every;

    Recorder(Duration first, Duration every) {
      this.first = first;
      this.every = every;
    }

    @Override
    public Duration first() {
      return first;
    }

    @Override
    public Duration every() {
      return every;
    }

    @Override
    public void update(Counts c) {
      shown.add(c.done() + "/" + c.total() + " at " + c.elapsed().toMillis());
    }

    @Override
    public void finish(Counts c, boolean ok) {
      shown.add((ok ? "done " : "failed ") + c.done() + "/" + c.total() + " at " + c.elapsed().toMillis());
    }
  }

  @Test
  void theFirstUpdateWaitsForTheFirstIntervalThenAtMostOnePerPeriod() {
    Recorder bar = new Recorder(BarRenderer.FIRST, BarRenderer.EVERY);
    Tracker hub = new Tracker("hub", clock, bar);
    hub.expect(100);

    for (int i = 0; i < 30; i++) { // one model every 50 ms for 1.5 s
      clock.advanceMillis(50);
      hub.done(1);
    }
    hub.finish(true);

    // at 1000 ms, then every 100 ms at most: 1100, 1200, ... 1500
    assertThat(bar.shown).containsExactly("20/100 at 1000", "22/100 at 1100", "24/100 at 1200", "26/100 at 1300",
        "28/100 at 1400", "30/100 at 1500", "done 30/100 at 1500");
  }

  @Test
  void requestsAndRetriesAlsoAdvanceTheDisplay() {
    Recorder log = new Recorder(Duration.ofSeconds(5), Duration.ofSeconds(5));
    Tracker board = new Tracker("arena", clock, log);

    clock.advance(Duration.ofSeconds(5));
    board.requested();
    board.retrying();
    clock.advance(Duration.ofSeconds(4));
    board.requested();
    clock.advance(Duration.ofSeconds(1));
    board.requested();

    assertThat(log.shown).containsExactly("0/-1 at 5000", "0/-1 at 10000");
    assertThat(board.counts(clock.millis())).isEqualTo(new Counts("arena", 0, -1, 3, 1, Duration.ofSeconds(10)));
  }

  @Test
  void aSourceDoneBeforeTheFirstIntervalShowsNothingAtAll() {
    Recorder log = new Recorder(Duration.ofSeconds(5), Duration.ofSeconds(5));
    Tracker quick = new Tracker("tabby", clock, log);

    quick.requested();
    clock.advance(Duration.ofMillis(4_999));
    quick.requested();
    quick.finish(true);

    assertThat(log.shown).isEmpty();
  }

  @Test
  void aGroupThatEndsEarlyShrinksTheTotalButNeverBelowWhatWasDone() {
    Tracker hub = new Tracker("hub", clock, new Recorder(BarRenderer.FIRST, BarRenderer.EVERY));
    hub.expect(10 + 1_000); // 10 listed, a group of limit 1,000
    hub.done(10);
    hub.done(600);
    hub.expect(600 - 1_000); // the group had only 600

    assertThat(hub.counts(clock.millis()).total()).isEqualTo(610);
    hub.expect(-5);
    assertThat(hub.counts(clock.millis()).total()).isEqualTo(610);
  }

  @Test
  void countsFromEightThreadsAddUpExactly() throws Exception {
    Recorder every = new Recorder(Duration.ZERO, Duration.ZERO);
    Tracker hub = new Tracker("hub", clock, every);
    hub.expect(80_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 10_000; i++) {
            hub.requested();
            hub.done(1);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    hub.finish(true);

    assertThat(hub.counts(clock.millis())).isEqualTo(new Counts("hub", 80_000, 80_000, 80_000, 0, Duration.ZERO));
    assertThat(every.shown).last().isEqualTo("done 80000/80000 at 0");
    // updates are shown one at a time, never an older state after a newer one
    assertThat(every.shown.stream().map(line -> Long.parseLong(line.replaceAll("^\\D*(\\d+)/.*", "$1"))).toList()).isSorted();
  }

  /** Issue 16 item 5: the write of the snapshot keeps the source's progress moving; the last line is about models. */
  @Test
  void theWriteOfTheSnapshotMovesTheProgressAndTheLastLineStillCountsModels() {
    List<String> lines = new ArrayList<>();
    Tracker hub = new Tracker("hub", clock, new LogRenderer(Duration.ZERO, lines::add));
    hub.expect(2);
    hub.done(2);
    clock.advanceMillis(1_000);

    dev.llmcatalog.store.WriteProgress write = hub.writing();
    write.expect(25_000);
    clock.advanceMillis(1_000);
    write.done(10_000);
    clock.advanceMillis(1_000);
    write.done(10_000);
    clock.advanceMillis(500);
    write.done(5_000);
    hub.finish(true);

    assertThat(lines).containsExactly(
        "hub: 0/2 models (0%), 0 requests, 0 retries",
        "hub: 2/2 models (100%), 0 requests, 0 retries",
        "hub: writing 0/25,000 values (0%), 0 requests, 0 retries",
        "hub: writing 10,000/25,000 values (40%), 0 requests, 0 retries, ETA 2s",
        "hub: writing 20,000/25,000 values (80%), 0 requests, 0 retries, ETA 1s",
        "hub: writing 25,000/25,000 values (100%), 0 requests, 0 retries",
        "hub: 2/2 models (100%), 0 requests, 0 retries, done in 3s");
  }
}
