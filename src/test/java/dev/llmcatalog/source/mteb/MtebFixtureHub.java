package dev.llmcatalog.source.mteb;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.RawGithub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A local Hub and raw GitHub speaking the real paths of what {@link MtebSource} reads, serving
 * {@code fixtures/leaderboards/mteb}: model info at the root ({@code model-info/<org>--<name>.json}, else 401
 * RepoNotFound as for anonymous callers), and under {@code /gh} the results repository's
 * {@code paths.json} ({@code github/SYNTHETIC_paths.json}, with an ETag, answering 304 to a matching
 * {@code If-None-Match}) and its files ({@code results-repo/...}, else raw GitHub's 404). Tests replace any path's
 * answer with {@link #override}.
 */
final class MtebFixtureHub extends Dispatcher {
  static final String DIR = "leaderboards/mteb/";
  /** Where raw GitHub serves the repository's main branch, behind the test's base {@code /gh}. */
  static final String RAW = "/gh/embeddings-benchmark/results/main/";
  static final String INDEX = RAW + "paths.json";
  static final String FILES = RAW + "results/";

  private final MockWebServer server;
  private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();

  MtebFixtureHub(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The raw GitHub base ({@code LLM_CATALOG_GITHUB_RAW}) this server answers under. */
  String githubRaw() {
    return endpoint() + "/gh";
  }

  /** Answers {@code path} (without query) with {@code response} from now on. */
  void override(String path, MockResponse response) {
    overrides.put(path, response);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    MockResponse override = overrides.get(path);
    if (override != null) {
      return override;
    }
    if (path.startsWith("/api/models/")) {
      String file = DIR + "model-info/" + path.substring("/api/models/".length()).replace("/", "--") + ".json";
      return Fixtures.exists(file) ? json(Fixtures.text(file)) : repoNotFound();
    }
    if (path.equals(INDEX)) {
      return RawGithub.file(Fixtures.bytes(DIR + "github/SYNTHETIC_paths.json"), request);
    }
    if (path.startsWith(FILES) && Fixtures.exists(DIR + "results-repo/" + path.substring(FILES.length()))) {
      return RawGithub.file(Fixtures.bytes(DIR + "results-repo/" + path.substring(FILES.length())), request);
    }
    return RawGithub.notFound();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /** {@code body} as raw GitHub serves any file: {@code text/plain}, whatever it holds. */
  static MockResponse text(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8")
        .body(new Buffer().writeUtf8(body)).build();
  }

  static MockResponse repoNotFound() {
    return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "RepoNotFound").setHeader("X-Error-Message", "Repository not found")
        .body("{\"error\":\"Repository not found\"}").build();
  }
}
