package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16 item 5: a snapshot's write tells its progress as it goes, batch by batch, and the counts add up; on
 * PostgreSQL the inserted values go by COPY, reported per chunk of the same 10,000 rows.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class WriteProgressTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Parameter
  TestDatabase.Kind kind;
  @TempDir
  Path dir;
  private SnapshotStore store;

  /** What the write said, in order: {@code +N} for expect, {@code N} for done. */
  private static final class Recorder implements WriteProgress {
    final List<String> events = new ArrayList<>();

    @Override
    public void expect(long values) {
      events.add("+" + values);
    }

    @Override
    public void done(long values) {
      events.add(String.valueOf(values));
    }
  }

  @BeforeEach
  void open() {
    store = TestDatabase.create(kind, dir, "catalog.db").open(Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** {@code models} models of 10 values each; model 0's first value is {@code first}. */
  private static List<Observation> state(int models, String first) {
    List<Observation> state = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      for (int k = 0; k < 10; k++) {
        String value = m == 0 && k == 0 ? first : m + "-" + k;
        state.add(new Observation(String.format("org/model-%05d", m), "k" + k, value, "u"));
      }
    }
    return state;
  }

  private List<String> write(List<Observation> state) {
    Recorder progress = new Recorder();
    store.writeSnapshot(store.beginRun("test"), "hub", T0, new SourceData(state, List.of(), List.of()), List.of(), progress);
    return progress.events;
  }

  @Test
  void aFirstWriteReportsEachBatchOfInsertedValues() {
    assertThat(write(state(2_500, "a"))).containsExactly("+25000", "10000", "10000", "5000");
  }

  @Test
  void aRepeatWriteReportsTheUnchangedModelsAtOnceThenWhatItMergesClosesAndInserts() {
    write(state(2_500, "a"));

    // one value of one model changed: the other 2,499 models' values are unchanged by their digests, the changed
    // model's 9 other values by the merge; one value is closed (which adds to the total) and one inserted
    assertThat(write(state(2_500, "b"))).containsExactly("+25000", "24990", "9", "+1", "1", "1");
    // nothing changed: every value is unchanged by its model's digest
    assertThat(write(state(2_500, "b"))).containsExactly("+25000", "25000");
  }

  @Test
  void aFullMergeReportsTheUnchangedValuesItPassesInBatches() {
    write(state(2_000, "a"));

    // 900 new models are more than a quarter of the 2,900: the write merges every stored value in one ordered read,
    // reporting the 20,000 unchanged ones as it passes them, then inserts the 9,000 new ones
    assertThat(write(state(2_900, "a"))).containsExactly("+29000", "10000", "10000", "9000");
  }
}
