package dev.llmcatalog.source.arena;

import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LMSYS / LMArena Chatbot Arena: the current text leaderboard (the Hub dataset
 * {@code lmarena-ai/leaderboard-dataset}, or the Space's Gradio page when the dataset viewer fails), the
 * newest {@code leaderboard_table_YYYYMMDD.csv} tables of the Space {@code lmsys/chatbot-arena-leaderboard}
 * (MT-bench, MMLU, older Elo), and arena-catalog's ratings with their confidence bounds. All three parts
 * must succeed: a fetch that lost one of them would look like models dropping off the board.
 */
public final class ArenaSource implements Source {
  public static final String NAME = "arena";
  /** Tables read per sync: the newest only, to stay polite; older tables do not change. */
  public static final int DEFAULT_HISTORY_TABLES = 1;
  private static final Logger log = LoggerFactory.getLogger(ArenaSource.class);

  private final ArenaClient client;
  private final String gradioPage;
  private final int historyTables;

  public ArenaSource(Fetcher fetcher, Endpoints endpoints) {
    this(fetcher, endpoints, endpoints.arenaPage() + "/", DEFAULT_HISTORY_TABLES);
  }

  /**
   * @param gradioPage the Gradio page read when the dataset viewer fails
   * @param historyTables how many of the newest Space tables to read, at least 1
   */
  public ArenaSource(Fetcher fetcher, Endpoints endpoints, String gradioPage, int historyTables) {
    if (historyTables < 1) {
      throw new IllegalArgumentException("historyTables must be at least 1, got " + historyTables);
    }
    this.client = new ArenaClient(fetcher, endpoints.hub(), endpoints.datasetsServer(), endpoints.githubRaw());
    this.gradioPage = gradioPage;
    this.historyTables = historyTables;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SourceData fetch() throws IOException {
    ArenaParser.Board board = fetchBoard();
    List<Observation> observations = new ArrayList<>(board.observations());
    observations.addAll(fetchHistory());
    observations.addAll(named(() -> {
      ArenaClient.Download catalog = client.fetchCatalog();
      return ArenaParser.parseCatalog(catalog.body(), catalog.url());
    }));
    return SourceData.of(observations, board.dataDate());
  }

  /** The current board from the dataset, else from the Gradio page; fails with both reasons. */
  private ArenaParser.Board fetchBoard() throws FetchException {
    FetchException viewerFailure;
    try {
      return ArenaParser.parseCurrent(client.fetchCurrent());
    } catch (FetchException e) {
      viewerFailure = e;
    }
    log.warn("{}: dataset {} unreadable ({}); falling back to the Gradio page {}", NAME, ArenaClient.DATASET,
        viewerFailure.getMessage(), gradioPage);
    try {
      ArenaClient.Download page = client.fetchPage(gradioPage);
      return ArenaParser.parseGradio(GradioScraper.parseTable(page.body(), page.url(), ArenaParser.GRADIO_HEADERS));
    } catch (FetchException e) {
      FetchException both = new FetchException(viewerFailure.url(), viewerFailure.status(), NAME + ": dataset viewer: "
          + viewerFailure.getMessage() + "; Gradio fallback: " + e.getMessage());
      both.initCause(viewerFailure);
      both.addSuppressed(e);
      throw both;
    }
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
      FetchException named = new FetchException(e.url(), e.status(), NAME + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
  }
}
