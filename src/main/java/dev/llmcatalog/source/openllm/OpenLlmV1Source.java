package dev.llmcatalog.source.openllm;

import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The archived Open LLM Leaderboard v1 (ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K and their
 * average, 0-100 as displayed), read from the dataset {@code open-llm-leaderboard-old/contents}. One model
 * has a row per precision and re-submission; each row is a variant ({@code <Precision> <short sha>}).
 */
public final class OpenLlmV1Source implements Source {
  public static final String NAME = "openllm-v1";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.DATASETS_SERVER), Optional.empty()),
      c -> new OpenLlmV1Source(c.fetcher(), c.endpoints().get(Upstreams.DATASETS_SERVER.key())));

  static final Board BOARD = new Board(NAME, "open-llm-leaderboard-old/contents", List.of(
      new Board.Metric("average", "Average ⬆️"),
      new Board.Metric("arc", "ARC"),
      new Board.Metric("hellaswag", "HellaSwag"),
      new Board.Metric("mmlu", "MMLU"),
      new Board.Metric("truthfulqa", "TruthfulQA"),
      new Board.Metric("winogrande", "Winogrande"),
      new Board.Metric("gsm8k", "GSM8K")));

  private final ContentsClient client;

  public OpenLlmV1Source(Fetcher fetcher, String datasetsServer) {
    this.client = new ContentsClient(fetcher, datasetsServer);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The board is archived and its rows carry no date of the table as a whole: no data date. */
  @Override
  public SourceData fetch() throws IOException {
    return SourceData.of(ContentsParser.parse(BOARD, client.fetchContents(BOARD)), null);
  }
}
