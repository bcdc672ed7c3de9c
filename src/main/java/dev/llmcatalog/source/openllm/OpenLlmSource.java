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
 * An Open LLM Leaderboard board read from its {@code contents} dataset through the dataset viewer: the archived v1
 * ({@code open-llm-leaderboard-old/contents}) or the frozen v2 ({@code open-llm-leaderboard/contents}). One model has
 * a row per precision and re-submission; each row is a variant ({@code <Precision> <short sha>}).
 */
public final class OpenLlmSource implements Source {
  public static final SourceDescriptor V1 = descriptor(Board.V1);
  public static final SourceDescriptor V2 = descriptor(Board.V2);

  private final ContentsClient client;
  private final Board board;

  OpenLlmSource(Fetcher fetcher, String datasetsServer, Board board) {
    this.client = new ContentsClient(fetcher, datasetsServer);
    this.board = board;
  }

  private static SourceDescriptor descriptor(Board board) {
    return new SourceDescriptor(new SourceSpec(board.source(), true, List.of(Upstreams.DATASETS_SERVER), Optional.empty()),
        c -> new OpenLlmSource(c.fetcher(), c.endpoints().get(Upstreams.DATASETS_SERVER.key()), board));
  }

  @Override
  public String name() {
    return board.source();
  }

  /** Both boards are frozen and their rows carry no date of the table as a whole: no data date. */
  @Override
  public SourceData fetch() throws IOException {
    return SourceData.of(ContentsParser.parse(board, client.fetchContents(board)), null);
  }
}
