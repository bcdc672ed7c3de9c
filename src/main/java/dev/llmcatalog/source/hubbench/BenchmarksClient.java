package dev.llmcatalog.source.hubbench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.LinkHeader;
import dev.llmcatalog.source.Upstreams;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** The Hub's benchmark endpoints: a dataset's leaderboard and the list of official benchmark datasets. */
final class BenchmarksClient {
  private final Fetcher fetcher;
  private final HttpUrl base;

  BenchmarksClient(Fetcher fetcher, String endpoint) {
    this.fetcher = fetcher;
    this.base = Upstreams.base(endpoint);
  }

  /** {@code GET /api/datasets/{id}/leaderboard}, with {@code base_model=false} to include fine-tunes. */
  HttpUrl leaderboardUrl(HubBenchConfig.Board board) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("api/datasets");
    for (String part : board.id().split("/")) {
      url.addPathSegment(part);
    }
    url.addPathSegment("leaderboard");
    if (board.fineTunes()) {
      url.addQueryParameter("base_model", "false");
    }
    return url.build();
  }

  /** The board's answer whatever its status: the source decides what a 401 or a 404 means for it. */
  Fetched fetchLeaderboard(HubBenchConfig.Board board) throws FetchException {
    return fetcher.fetch(new Request.Builder().url(leaderboardUrl(board)).build());
  }

  /**
   * The official benchmark datasets ({@code GET /api/datasets?filter=benchmark:official}), following
   * {@code Link: rel="next"} pages.
   */
  List<Benchmark> fetchOfficial() throws FetchException {
    HttpUrl url = base.newBuilder().addPathSegments("api/datasets")
        .addQueryParameter("filter", "benchmark:official").build();
    List<Benchmark> benchmarks = new ArrayList<>();
    while (url != null) {
      Fetched fetched = fetcher.fetch(new Request.Builder().url(url).build());
      if (fetched.status() != 200) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), "GET " + Fetcher.display(url) + " -> HTTP "
            + fetched.status() + errorCode(fetched));
      }
      JsonNode page = Fetcher.parseJson(fetched);
      if (!page.isArray()) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": expected a JSON array of datasets");
      }
      for (JsonNode item : page) {
        String id = LeaderboardParser.text(item, "id");
        if (id != null) {
          JsonNode likes = item.get("likes");
          JsonNode downloads = item.get("downloads");
          benchmarks.add(new Benchmark(id, LeaderboardParser.text(item, "lastModified"),
              likes != null && likes.canConvertToLong() ? likes.longValue() : null,
              downloads != null && downloads.canConvertToLong() ? downloads.longValue() : null,
              gated(item.get("gated"))));
        }
      }
      url = LinkHeader.findNext(fetched).orElse(null);
    }
    return benchmarks;
  }

  private static String gated(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isBoolean() ? String.valueOf(node.booleanValue()) : node.asText();
  }

  static String errorCode(Fetched fetched) {
    String code = fetched.headers().get("X-Error-Code");
    String message = fetched.headers().get("X-Error-Message");
    return (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
  }
}
