package dev.llmcatalog.source.openllm;

import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Open LLM Leaderboard v2 (retired 2025, frozen), read from the dataset {@code open-llm-leaderboard/contents}:
 * the six normalized scores (0-100, as displayed) with their 0-1 raw values ({@code <key>_raw}) and the average.
 * Rows are variants as in v1.
 */
public final class OpenLlmV2Source implements Source {
  public static final String NAME = "openllm-v2";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.DATASETS_SERVER), Optional.empty()),
      c -> new OpenLlmV2Source(c.fetcher(), c.endpoints().get(Upstreams.DATASETS_SERVER.key())));

  static final Board BOARD = new Board(NAME, "open-llm-leaderboard/contents", metrics());

  private final ContentsClient client;

  public OpenLlmV2Source(Fetcher fetcher, String datasetsServer) {
    this.client = new ContentsClient(fetcher, datasetsServer);
  }

  private static List<Board.Metric> metrics() {
    List<Board.Metric> metrics = new ArrayList<>();
    metrics.add(new Board.Metric("average", "Average ⬆️"));
    String[][] benchmarks = {{"ifeval", "IFEval"}, {"bbh", "BBH"}, {"math_lvl5", "MATH Lvl 5"}, {"gpqa", "GPQA"},
        {"musr", "MUSR"}, {"mmlu_pro", "MMLU-PRO"}};
    for (String[] b : benchmarks) {
      metrics.add(new Board.Metric(b[0], b[1]));
      metrics.add(new Board.Metric(b[0] + "_raw", b[1] + " Raw"));
    }
    return metrics;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The board is frozen and its rows carry no date of the table as a whole: no data date. */
  @Override
  public SourceData fetch() throws IOException {
    return SourceData.of(ContentsParser.parse(BOARD, client.fetchContents(BOARD)), null);
  }
}
