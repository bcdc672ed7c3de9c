package dev.llmcatalog.source.openllm;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.source.datasets.DatasetRows;
import dev.llmcatalog.source.datasets.DatasetViewerClient;

/** Reads a board's whole {@code contents} dataset through the dataset viewer's {@code /rows} API. */
final class ContentsClient {
  private final DatasetViewerClient viewer;

  ContentsClient(Fetcher fetcher, String datasetsServer) {
    this.viewer = new DatasetViewerClient(fetcher, datasetsServer);
  }

  /** Every row, or a {@link FetchException} whose message starts with the source name. */
  DatasetRows fetchContents(Board board) throws FetchException {
    try {
      return viewer.fetchRows(board.dataset(), Board.CONFIG, Board.SPLIT);
    } catch (FetchException e) {
      FetchException named = new FetchException(e.url(), e.status(), board.source() + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
  }
}
