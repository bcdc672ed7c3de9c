package dev.llmcatalog.source.tabby;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.diff.Change;
import dev.llmcatalog.diff.DiffFormats;
import dev.llmcatalog.diff.SnapshotDiffer;
import dev.llmcatalog.diff.SourceDiff;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 4: the exact changes between two real versions of TabbyML's tabby.yml (2023-11-10 and 2024-11-13). */
class TabbyDiffTest {
  private static final String DIR = "leaderboards/tabbyml/";

  private static List<Observation> observe(String file) {
    return TabbySource.observe(TabbyParser.parse(Fixtures.bytes(DIR + file)), "tabby", "https://leaderboard.tabbyml.com/tabby.yml");
  }

  @Test
  void theExactListOfChangesBetweenTheTwoRealVersions() {
    List<Change> changes = new SnapshotDiffer(0.1).diff("tabby", observe("tabby_20231110_121c49a.yml"), observe("tabby.yml"), Map.of());

    assertThat(DiffFormats.text(List.of(new SourceDiff("tabby", 1, 2, changes)), false))
        .isEqualTo(Fixtures.text("expected/diff-tabby-20231110-to-20241113.txt"));
    assertThat(changes).filteredOn(c -> c instanceof Change.ModelRemoved).hasSize(5);
    assertThat(changes).filteredOn(c -> c instanceof Change.ModelAdded).hasSize(13);
    assertThat(changes).filteredOn(c -> c instanceof Change.MetricChanged).hasSize(4 * 15);
  }
}
