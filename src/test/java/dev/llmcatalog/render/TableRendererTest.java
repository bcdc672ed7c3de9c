package dev.llmcatalog.render;

import dev.llmcatalog.diff.BoardData;
import dev.llmcatalog.diff.TableView;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.store.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableRendererTest {
  private static final SnapshotInfo SNAPSHOT =
      new SnapshotInfo(7, 3, "board", "2026-11-26T10:00:00Z", "2026-11-26T10:00:05Z", "ok", null, 3, 0, 9, 0, null, null);

  private static List<Observation> row(String model, String variant, String... keyValues) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.add(new Observation(model, variant, keyValues[i], keyValues[i + 1], null, "u"));
    }
    return out;
  }

  private static TableConfig table(List<String> models, String pick, int decimals, Optional<String> edition, boolean name) {
    return new TableConfig("t", "board", "Model", name,
        List.of(new TableConfig.Column("average", "Average"), new TableConfig.Column("mmlu", "MMLU")),
        decimals, pick, edition, models, Optional.empty(), 2);
  }

  private static BoardData board(Optional<SnapshotInfo> snapshot, List<List<Observation>> rows) {
    return BoardData.of("board", snapshot, rows.stream().flatMap(List::stream).toList());
  }

  @Test
  void configuredRowsInOrderWithTheBestAverageVariantAndTwoDecimals() {
    BoardData board = board(Optional.of(SNAPSHOT), List.of(
        row("a/x", "bfloat16 abc1234", "average", "59.38", "mmlu", "51.75"),
        row("a/x", "float16 def5678", "average", "58.1", "mmlu", "60"),
        row("b/y", "", "average", "65.7", "mmlu", "74.9"),
        row("c/z", "", "average", "99")));

    String out = new TableRenderer(table(List.of("b/y", "old/x", "nobody/here"), "average", 2, Optional.empty(), false), board,
        id -> id.equals("old/x") ? "a/x" : id).render();

    assertThat(out).isEqualTo("""
        | Model | Average | MMLU |
        | --- | --- | --- |
        | b/y | 65.70 | 74.90 |
        | a/x | 59.38 | 51.75 |
        | nobody/here | — | — |

        _Source: board, fetched 2026-11-26._
        """);
  }

  @Test
  void pinnedEditionBoardNamesAndNumbersAsGiven() {
    BoardData board = board(Optional.of(new SnapshotInfo(7, 3, "board", "x", "2026-11-26T10:00:05Z", "ok", null, 3, 0, 9, 0,
        "2026-08-24", null)), List.of(
        row("q/qwen", "24-02", "name", "Qwen1.5-14B-Chat", "average", "50.3", "mmlu", "57", "edition_date", "2024-04-01"),
        row("q/qwen", "26-07", "name", "Qwen1.5-14B-Chat", "average", "61"),
        row("d/ds", "24-02", "name", "DeepSeek-7B-Chat | x", "average", "28.8")));

    String pinned = new TableRenderer(table(List.of("q/qwen", "d/ds"), "average", TableConfig.AS_GIVEN, Optional.of("24-02"), true),
        board, id -> id).render();
    String newest = new TableRenderer(table(List.of(), "average", TableConfig.AS_GIVEN, Optional.of("newest"), true),
        board, id -> id).render();

    assertThat(pinned).isEqualTo("""
        | Model | Average | MMLU |
        | --- | --- | --- |
        | Qwen1.5-14B-Chat | 50.3 | 57 |
        | DeepSeek-7B-Chat \\| x | 28.8 | — |

        _Source: board (edition 24-02), data of 2024-04-01._
        """);
    assertThat(newest).isEqualTo("""
        | Model | Average | MMLU |
        | --- | --- | --- |
        | Qwen1.5-14B-Chat | 61 | — |

        _Source: board (edition 26-07), data of 2026-08-24._
        """);
  }

  @Test
  void withoutConfiguredModelsTheTopByTheSortMetricUpToTheLimit() {
    BoardData board = board(Optional.of(SNAPSHOT), List.of(
        row("a", "", "average", "10"), row("b", "", "average", "30"), row("c", "", "average", "20"), row("d", "", "mmlu", "1")));

    String out = new TableRenderer(table(List.of(), "average", 1, Optional.empty(), false), board, id -> id).render();

    assertThat(out).startsWith("| Model | Average | MMLU |\n| --- | --- | --- |\n| b | 30.0 | — |\n| c | 20.0 | — |\n\n");
  }

  @Test
  void pickAnyTakesEachCellFromTheFirstVariantThatHasIt() {
    BoardData board = board(Optional.of(SNAPSHOT), List.of(
        row("m", "rev/dev/default", "average", "61.5"), row("m", "rev/test/default", "mmlu", "70.25")));

    String out = new TableRenderer(table(List.of("m"), TableView.PICK_ANY, 2, Optional.empty(), false), board, id -> id).render();

    assertThat(out).contains("| m | 61.50 | 70.25 |\n");
  }

  @Test
  void noSnapshotYetSaysSo() {
    String out = new TableRenderer(table(List.of("m"), "average", 2, Optional.empty(), false),
        BoardData.of("board", Optional.empty(), List.of()), id -> id).render();
    assertThat(out).endsWith("| m | — | — |\n\n_Source: board, no data yet (run `llm-catalog sync`)._\n");
  }

  /** Issue 20: one Hub benchmark board: its rank order, the model linked to the Hub, the value as served, a verified mark. */
  private static TableConfig boardTable(String board) {
    return new TableConfig("gpqa", "hub-benchmarks", "Model", false, true,
        List.of(new TableConfig.Column("rank", "Rank"), new TableConfig.Column("value", "GPQA"),
            new TableConfig.Column("verified", "Verified", Optional.empty(), Optional.of("✓"))),
        TableConfig.AS_GIVEN, "value", Optional.of(board), true, List.of(), Optional.of(TableView.RANK), 3);
  }

  @Test
  void aBoardShowsItsTopEntriesInRankOrderLinkedWithAVerifiedMark() {
    BoardData board = board(Optional.of(SNAPSHOT), List.of(
        row("Qwen/Qwen3.5-397B-A17B", "Idavidrein/gpqa", "rank", "1", "value", "88.4", "verified", "true"),
        row("zai-org/GLM-5", "Idavidrein/gpqa", "rank", "4", "value", "78.5", "verified", "false"),
        row("allenai/OLMo-2", "Idavidrein/gpqa", "rank", "12", "value", "0.412"),
        row("MiniMaxAI/MiniMax-M2.5", "Idavidrein/gpqa", "rank", "3", "value", "79.1", "verified", "false"),
        row("deepseek-ai/DeepSeek-V3.2", "Idavidrein/gpqa", "rank", "2", "value", "82.4", "verified", "false"),
        row("Qwen/Qwen3.5-397B-A17B", "cais/hle", "rank", "1", "value", "28.7", "verified", "false")));

    assertThat(new TableRenderer(boardTable("Idavidrein/gpqa"), board, id -> id).render()).isEqualTo("""
        | Model | Rank | GPQA | Verified |
        | --- | --- | --- | --- |
        | [Qwen/Qwen3.5-397B-A17B](https://huggingface.co/Qwen/Qwen3.5-397B-A17B) | 1 | 88.4 | ✓ |
        | [deepseek-ai/DeepSeek-V3.2](https://huggingface.co/deepseek-ai/DeepSeek-V3.2) | 2 | 82.4 |  |
        | [MiniMaxAI/MiniMax-M2.5](https://huggingface.co/MiniMaxAI/MiniMax-M2.5) | 3 | 79.1 |  |

        _Source: hub-benchmarks (board Idavidrein/gpqa), fetched 2026-11-26._
        """);
  }

  @Test
  void aBoardNotReadYetSaysSoInsteadOfAnEmptyTable() {
    BoardData board = board(Optional.of(SNAPSHOT), List.of(
        row("Qwen/Qwen3.5-397B-A17B", "Idavidrein/gpqa", "rank", "1", "value", "88.4", "verified", "true")));

    assertThat(new TableRenderer(boardTable("cais/hle"), board, id -> id).render()).isEqualTo(
        "_Source: hub-benchmarks (board cais/hle): no entries read yet (a gated board needs `HF_TOKEN`, see `llm-catalog"
            + " sync`)._\n");
  }
}
