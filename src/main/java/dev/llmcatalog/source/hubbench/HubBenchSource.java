package dev.llmcatalog.source.hubbench;

import dev.llmcatalog.config.SourceSpec;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
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
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's own benchmark leaderboards ("Eval Results", since 2026): for each configured benchmark dataset,
 * {@code GET /api/datasets/{id}/leaderboard}, its first entries kept as values of their model (a Hub id, so no name
 * matching) in the board's variant. A board that cannot be read keeps its last values: a gated board answering 401
 * or 403 (no token, or one without access) is told once on stderr and is no failure, so that a first sync without a
 * token stays green; any other status or an unreadable answer makes the snapshot partial. Values are stored on the
 * submitter's scale, as served.
 */
public final class HubBenchSource implements Source {
  public static final String NAME = "hub-benchmarks";
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(
      new SourceSpec(NAME, true, List.of(Upstreams.HUB), Optional.of(HubBenchConfig.SECTION)),
      c -> new HubBenchSource(c.config().section(HubBenchConfig.SECTION), c.fetcher(),
          c.endpoints().get(Upstreams.HUB.key())));
  private static final Logger log = LoggerFactory.getLogger(HubBenchSource.class);

  private final HubBenchConfig config;
  private final BenchmarksClient client;

  public HubBenchSource(HubBenchConfig config, Fetcher fetcher, String hub) {
    this.config = config;
    this.client = new BenchmarksClient(fetcher, hub);
  }

  /** The official benchmark datasets the Hub lists ({@code llm-catalog benchmarks}). */
  public static List<Benchmark> fetchOfficial(Fetcher fetcher, String hub) throws FetchException {
    return new BenchmarksClient(fetcher, hub).fetchOfficial();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean subjectsAreHubIds() {
    return true;
  }

  @Override
  public SourceData fetch() throws IOException {
    List<Observation> observations = new ArrayList<>();
    List<SourceData.Kept> kept = new ArrayList<>();
    for (HubBenchConfig.Board board : config.boards()) {
      HttpUrl url = client.leaderboardUrl(board);
      Fetched fetched = client.fetchLeaderboard(board);
      String label = "board " + board.id();
      if (fetched.status() == 401 || fetched.status() == 403) {
        log.warn("{}: {} is gated (HTTP {}{}): set HF_TOKEN to a token of an account granted access to"
            + " https://huggingface.co/datasets/{}; its last values are kept", NAME, board.id(), fetched.status(),
            BenchmarksClient.errorCode(fetched), board.id());
        kept.add(new SourceData.Kept(board.id(), label, "gated (HTTP " + fetched.status() + "): set HF_TOKEN", false));
        continue;
      }
      if (fetched.status() != 200) {
        String reason = "GET " + url + " -> HTTP " + fetched.status() + BenchmarksClient.errorCode(fetched)
            + (fetched.status() == 404 ? " (no such dataset, or it has no leaderboard)" : "");
        log.warn("{}: {}: {}; its last values are kept", NAME, board.id(), reason);
        kept.add(new SourceData.Kept(board.id(), label, reason));
        continue;
      }
      try {
        List<Observation> entries = LeaderboardParser.parse(Fetcher.parseJson(fetched), board.id(), board.top(),
            url.toString());
        if (entries.isEmpty()) {
          // An empty board is what a dataset that is no benchmark (any more) answers: not data to erase.
          throw new IllegalArgumentException("the leaderboard is empty");
        }
        observations.addAll(entries);
      } catch (FetchException | IllegalArgumentException e) {
        String reason = e instanceof FetchException ? e.getMessage() : url + ": " + e.getMessage();
        log.warn("{}: {}: {}; its last values are kept", NAME, board.id(), reason);
        kept.add(new SourceData.Kept(board.id(), label, reason));
      }
    }
    return SourceData.of(observations, null).keeping(kept);
  }
}
