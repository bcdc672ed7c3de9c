package dev.llmcatalog.source.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.diff.Change;
import dev.llmcatalog.diff.DiffFormats;
import dev.llmcatalog.diff.SnapshotDiffer;
import dev.llmcatalog.diff.SourceDiff;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.testsupport.Fixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: the exact changes when the arena Space publishes a new table: the real tables of 2024-01-09 and
 * 2024-01-25 (first 20 rows of each), each read as the newest table of its day.
 */
class ArenaTablesDiffTest {
  private static final String DIR = "leaderboards/arena/";

  private static List<Observation> newest(String file, String date) throws Exception {
    ArenaParser.TableFile table = new ArenaParser.TableFile("leaderboard_table_" + date + ".csv", LocalDate.parse(date,
        java.time.format.DateTimeFormatter.BASIC_ISO_DATE), true);
    return ArenaParser.parseTable(Fixtures.text(DIR + file), table, "https://huggingface.co/spaces/x/" + date);
  }

  @Test
  void theExactListOfChangesBetweenTwoTableDates() throws Exception {
    List<Observation> before = newest("leaderboard_table_20240109_head20.csv", "20240109");
    List<Observation> after = newest("leaderboard_table_20240125_head20.csv", "20240125");

    List<Change> changes = new SnapshotDiffer(0.1).diff("arena", before, after, Map.of());

    assertThat(DiffFormats.text(List.of(new SourceDiff("arena", 1, 2, changes)), false))
        .isEqualTo(Fixtures.text("expected/diff-arena-20240109-to-20240125.txt"));
  }
}
