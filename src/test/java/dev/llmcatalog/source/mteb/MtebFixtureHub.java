package dev.llmcatalog.source.mteb;

import dev.llmcatalog.testsupport.Fixtures;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A local Hub speaking the real paths of the three endpoints {@link MtebSource} reads, serving
 * {@code fixtures/leaderboards/mteb}: model info ({@code model-info/<org>--<name>.json}, else 401 RepoNotFound as
 * for anonymous callers), tree listings of {@code mteb/results} ({@code tree/<folder>.json}, or
 * {@code _page1}/{@code _page2} linked by {@code Link: rel="next"}; else 404 EntryNotFound) and the result
 * files ({@code results-repo/...}). Tests replace any path's answer with {@link #override}.
 */
final class MtebFixtureHub extends Dispatcher {
  static final String DIR = "leaderboards/mteb/";
  static final String TREE = "/api/datasets/mteb/results/tree/main/results/";
  static final String RESOLVE = "/datasets/mteb/results/resolve/main/";
  /** An opaque cursor like the Hub's (base64 text); synthetic. */
  static final String CURSOR = "eyJmaWxlX25hbWUiOiJyZXN1bHRzL0JBQUlfX2JnZS1iYXNlLXpoLXYxLjUvbm9fcmV2aXNpb25fYXZhaWxhYmxlIn0=";

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
    if (path.startsWith(TREE)) {
      return tree(path.substring(TREE.length()), url);
    }
    if (path.startsWith(RESOLVE + "results/")) {
      String file = DIR + "results-repo/" + path.substring((RESOLVE + "results/").length());
      if (Fixtures.exists(file)) {
        // What content type the Hub gives a resolved .json is not recorded; the source must not rely on it.
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8")
            .body(new Buffer().write(Fixtures.bytes(file))).build();
      }
    }
    return entryNotFound();
  }

  private MockResponse tree(String folder, HttpUrl url) {
    if (Fixtures.exists(DIR + "tree/" + folder + ".json")) {
      return json(Fixtures.text(DIR + "tree/" + folder + ".json"));
    }
    if (!Fixtures.exists(DIR + "tree/" + folder + "_page1.json")) {
      return entryNotFound();
    }
    if (url.queryParameter("cursor") == null) {
      HttpUrl next = url.newBuilder().addQueryParameter("cursor", CURSOR).build();
      return new MockResponse.Builder().code(200)
          .setHeader("Content-Type", "application/json; charset=utf-8")
          .setHeader("Link", "<" + next + ">; rel=\"next\"")
          .body(Fixtures.text(DIR + "tree/" + folder + "_page1.json")).build();
    }
    return json(Fixtures.text(DIR + "tree/" + folder + "_page2.json"));
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  static MockResponse repoNotFound() {
    return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "RepoNotFound").setHeader("X-Error-Message", "Repository not found")
        .body("{\"error\":\"Repository not found\"}").build();
  }

  static MockResponse entryNotFound() {
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "EntryNotFound").setHeader("X-Error-Message", "Entry not found")
        .body("{\"error\":\"Entry not found\"}").build();
  }
}
