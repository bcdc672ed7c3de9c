package dev.llmcatalog.testsupport;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The Hub's benchmark endpoints of {@link FixtureHub}, serving {@code fixtures/hub-benchmarks} (synthetic, in the
 * documented shapes): the official benchmark list, each board's leaderboard (with {@code base_model=false} the
 * board with fine-tunes where a fixture has it), the gated {@code cais/hle} answering 401 as to an anonymous caller
 * and its board to a request with a token ({@code Authorization: Bearer ...}), and 404 for any other dataset.
 */
public final class HubBenchmarks {
  private static final String DIR = "hub-benchmarks/";
  static final String GATED = "cais/hle";

  private HubBenchmarks() {}

  static String evalResults(String modelId) {
    return DIR + "eval-results/" + modelId.replace("/", "--") + ".json";
  }

  static MockResponse dispatch(RecordedRequest request, HttpUrl url, String path) {
    if (path.equals("/api/datasets") && "benchmark:official".equals(url.queryParameter("filter"))) {
      return FixtureHub.json(Fixtures.text(DIR + "datasets_filter-benchmark-official.json"));
    }
    String prefix = "/api/datasets/";
    if (!path.startsWith(prefix) || !path.endsWith("/leaderboard")) {
      return FixtureHub.notFound();
    }
    String id = path.substring(prefix.length(), path.length() - "/leaderboard".length());
    String file = DIR + "leaderboard_" + id.replace("/", "--");
    if ("false".equals(url.queryParameter("base_model")) && Fixtures.exists(file + "_base_model-false.json")) {
      return FixtureHub.json(Fixtures.text(file + "_base_model-false.json"));
    }
    boolean anonymous = request.getHeaders().get("Authorization") == null;
    if (Fixtures.exists(file + ".json") && !(id.equals(GATED) && anonymous)) {
      return FixtureHub.json(Fixtures.text(file + ".json"));
    }
    return id.equals(GATED) ? gated() : repoNotFound();
  }

  /** What the Hub answers an anonymous caller for the gated {@code cais/hle} (synthetic: status, header as documented). */
  public static MockResponse gated() {
    return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "GatedRepo")
        .body("{\"error\":\"Access to dataset cais/hle is restricted. You must have access to it and be authenticated"
            + " to access it. Please log in.\"}").build();
  }

  /** The Hub's 404 for a dataset it does not have (or, for a leaderboard, one without a board). */
  public static MockResponse repoNotFound() {
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "RepoNotFound").setHeader("X-Error-Message", "Repository not found")
        .body("{\"error\":\"Repository not found\"}").build();
  }
}
