package dev.llmcatalog.source.arena;

import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.SourceDescriptor;
import dev.llmcatalog.source.Upstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LMSYS / LMArena Chatbot Arena: the board lmarena.ai shows (one config and category of the Hub dataset
 * {@code lmarena-ai/leaderboard-dataset}, by default the style-controlled {@code text_style_control}, {@code overall};
 * arena-catalog's ratings of the same board when the dataset viewer is unavailable), the newest
 * {@code leaderboard_table_YYYYMMDD.csv} of the Space {@code lmarena-ai/arena-leaderboard} (frozen history: MT-bench,
 * MMLU, older Elo), and arena-catalog's ratings with their confidence bounds. Every part must succeed: a fetch that
 * lost one of them would look like models dropping off the board.
 */
public final class ArenaSource implements Source {
  public static final String NAME = "arena";
  /** Tables read per sync: the newest only, to stay polite; older tables do not change. */
  public static final int DEFAULT_HISTORY_TABLES = 1;
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.HUB, Upstreams.DATASETS_SERVER, Upstreams.GITHUB_RAW),
          Optional.of(ArenaConfig.SECTION)),
      c -> new ArenaSource(c.fetcher(), c.endpoints().get(Upstreams.HUB.key()),
          c.endpoints().get(Upstreams.DATASETS_SERVER.key()), c.endpoints().get(Upstreams.GITHUB_RAW.key()),
          c.config().section(ArenaConfig.SECTION), DEFAULT_HISTORY_TABLES));
  private static final Logger log = LoggerFactory.getLogger(ArenaSource.class);

  private final ArenaClient client;
  private final ArenaConfig board;
  private final int historyTables;

  /**
   * @param hub, datasetsServer, githubRaw the base URLs of the Hub (the Space's history tables), its dataset viewer
   *     (the board) and raw GitHub (arena-catalog)
   * @param historyTables how many of the newest Space tables to read, at least 1
   */
  public ArenaSource(Fetcher fetcher, String hub, String datasetsServer, String githubRaw, ArenaConfig board,
      int historyTables) {
    if (historyTables < 1) {
      throw new IllegalArgumentException("historyTables must be at least 1, got " + historyTables);
    }
    this.client = new ArenaClient(fetcher, hub, datasetsServer, githubRaw);
    this.board = board;
    this.historyTables = historyTables;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    Optional<String> catalogFile = ArenaClient.catalogFile(board.subset());
    String catalogCategory = ArenaParser.catalogCategory(board.category());
    CurrentBoard current = fetchBoard(catalogFile, catalogCategory);
    List<Observation> observations = new ArrayList<>(current.board().observations());
    observations.addAll(fetchHistory());
    if (catalogFile.isPresent()) {
      observations.addAll(named(() -> {
        ArenaClient.Download catalog = current.catalog().isPresent() ? current.catalog().get()
            : client.fetchCatalog(catalogFile.get());
        return ArenaParser.parseCatalog(catalog.body(), catalog.url(), catalogCategory);
      }));
    } else {
      log.debug("{}: arena-catalog publishes no file for {}; no catalog_rating values", NAME, board.subset());
    }
    return SourceData.of(observations, current.board().dataDate());
  }

  /** The board, and arena-catalog's file when the fallback read it already (the catalog part reuses it). */
  private record CurrentBoard(ArenaParser.Board board, Optional<ArenaClient.Download> catalog) {}

  /**
   * The board from the dataset viewer. Only when the viewer does not answer (no response, 408, 429, 5xx: the viewer
   * recomputes for a while after each push of the dataset) does it fall back to arena-catalog; an answer that says
   * the data changed (a config or category gone, another schema) fails the source, previous data kept.
   */
  private CurrentBoard fetchBoard(Optional<String> catalogFile, String catalogCategory) throws FetchException {
    FetchException viewerFailure;
    try {
      return new CurrentBoard(ArenaParser.parseCurrent(client.fetchBoard(board), board.category()), Optional.empty());
    } catch (FetchException e) {
      if (!unavailable(e)) {
        throw named(e, e.status() == 404 ? " (is '" + board.subset() + "' a config of " + ArenaClient.DATASET
            + "? see arena.subset)" : "");
      }
      viewerFailure = e;
    }
    if (catalogFile.isEmpty()) {
      throw named(viewerFailure, "; no fallback: arena-catalog publishes no file for " + board.subset());
    }
    log.warn("{}: dataset viewer unavailable ({}); the board is arena-catalog's {} ratings instead: no rank, organization,"
        + " license or date", NAME, viewerFailure.getMessage(), catalogFile.get());
    try {
      ArenaClient.Download catalog = client.fetchCatalog(catalogFile.get());
      return new CurrentBoard(ArenaParser.parseCatalogBoard(catalog.body(), catalog.url(), catalogCategory),
          Optional.of(catalog));
    } catch (FetchException e) {
      FetchException both = new FetchException(viewerFailure.url(), viewerFailure.status(), NAME + ": dataset viewer: "
          + viewerFailure.getMessage() + "; arena-catalog fallback: " + e.getMessage());
      both.initCause(viewerFailure);
      both.addSuppressed(e);
      throw both;
    }
  }

  /** No answer worth reading: nothing came back, or the server said to come back later. */
  static boolean unavailable(FetchException e) {
    int status = e.status();
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  private List<Observation> fetchHistory() throws FetchException {
    return named(() -> {
      ArenaClient.Listing listing = client.fetchSpaceFiles();
      List<Observation> out = new ArrayList<>();
      for (ArenaParser.TableFile table : ArenaParser.pickTables(listing.files(), historyTables, listing.url())) {
        ArenaClient.Download csv = client.fetchSpaceFile(table.path());
        out.addAll(ArenaParser.parseTable(csv.body(), table, csv.url()));
      }
      return out;
    });
  }

  private interface Part {
    List<Observation> get() throws FetchException;
  }

  /** Runs one part, naming the source in its failure as every source's messages do. */
  private static List<Observation> named(Part part) throws FetchException {
    try {
      return part.get();
    } catch (FetchException e) {
      throw named(e, "");
    }
  }

  private static FetchException named(FetchException e, String hint) {
    FetchException named = new FetchException(e.url(), e.status(), NAME + ": " + e.getMessage() + hint);
    named.initCause(e);
    return named;
  }
}
