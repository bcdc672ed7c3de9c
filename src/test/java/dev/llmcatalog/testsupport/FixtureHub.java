package dev.llmcatalog.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * Every upstream of the shipped config on one local server, speaking the real paths and shapes: the Hub at
 * the root (the seed fixtures {@code fixtures/hub-seed}: model info with 307 renames and 401 for unknown
 * repos, as the Hub answers anonymous callers, the TheBloke list in two pages linked by
 * {@code Link: rel="next"}, any other author's list of its seed models in one page, the arena Space's files and
 * the MTEB model cards), and behind their own path prefixes the dataset viewer ({@code /ds}), OpenCompass ({@code /oc}) and its CDN ({@code /cdn}),
 * raw GitHub ({@code /gh}: arena-catalog, the MTEB results repository) and TabbyML ({@code /tabby}), serving
 * {@code fixtures/leaderboards}. {@link #env()}
 * points llm-catalog at all of them. Tests can replace any path's answer with {@link #override}.
 */
public final class FixtureHub extends Dispatcher {
  private static final String SEED = "hub-seed/";
  private final MockWebServer server;
  private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();
  private final Map<String, String> bodyOverrides = new ConcurrentHashMap<>();
  private final Map<String, Queue<MockResponse>> nextAnswers = new ConcurrentHashMap<>();
  private final Map<String, String> rowsOverrides = new ConcurrentHashMap<>();
  private volatile long bodyDelayMillis;

  public FixtureHub(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  public String endpoint() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The environment that sends every upstream request of llm-catalog here. */
  public Map<String, String> env() {
    return Map.of(
        "HF_ENDPOINT", endpoint(),
        "LLM_CATALOG_DATASETS_SERVER", endpoint() + "/ds",
        "LLM_CATALOG_OPENCOMPASS_URL", endpoint() + "/oc",
        "LLM_CATALOG_OPENCOMPASS_CDN", endpoint() + "/cdn",
        "LLM_CATALOG_GITHUB_RAW", endpoint() + "/gh",
        "LLM_CATALOG_TABBY_URL", endpoint() + "/tabby");
  }

  /** Answers {@code path} (without query) with {@code response} from now on. */
  public void override(String path, MockResponse response) {
    overrides.put(path, response);
  }

  /** Answers the next requests for {@code path} (without query) with {@code responses} in turn, then as before. */
  public void overrideNext(String path, MockResponse... responses) {
    nextAnswers.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(responses));
  }

  /** Serves {@code json} as the dataset viewer's {@code /rows} answer for {@code dataset} from now on. */
  public void overrideRows(String dataset, String json) {
    rowsOverrides.put(dataset, json);
  }

  /** Serves {@code json} as the model-info body of {@code modelId} from now on. */
  public void overrideModel(String modelId, String json) {
    bodyOverrides.put(modelId, json);
  }

  /** Delays every body by {@code delay} from now on, so that a whole sync takes a while (crash tests kill it midway). */
  public void slowDown(Duration delay) {
    bodyDelayMillis = delay.toMillis();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = answer(request);
    long delay = bodyDelayMillis;
    return delay == 0 ? response : response.newBuilder().bodyDelay(delay, TimeUnit.MILLISECONDS).build();
  }

  private MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    Queue<MockResponse> next = nextAnswers.get(path);
    MockResponse once = next == null ? null : next.poll();
    if (once != null) {
      return once;
    }
    MockResponse override = overrides.get(path);
    if (override != null) {
      return override;
    }
    String dataset = url.queryParameter("dataset");
    if (path.equals("/ds/rows") && dataset != null && rowsOverrides.containsKey(dataset)) {
      return json(rowsOverrides.get(dataset));
    }
    if (path.equals("/api/models")) {
      return list(url);
    }
    if (path.startsWith("/api/models/") && url.queryParameterValues("expand").equals(List.of("model-index"))) {
      return fileOr401(MTEB + "model-info/" + path.substring("/api/models/".length()).replace("/", "--") + ".json");
    }
    if (path.startsWith("/api/models/")) {
      return withEvalResults(model(path.substring("/api/models/".length()), url), path.substring("/api/models/".length()), url);
    }
    if (path.startsWith("/api/datasets")) {
      return HubBenchmarks.dispatch(request, url, path);
    }
    return Leaderboards.dispatch(request, url, path);
  }

  private static final String MTEB = "leaderboards/mteb/";

  /**
   * A model-info answer asked with {@code expand=evalResults}, given the model's results from
   * {@code fixtures/hub-benchmarks/eval-results} (synthetic; the seed recordings predate the Hub's eval results).
   */
  private static MockResponse withEvalResults(MockResponse answer, String id, HttpUrl url) {
    String file = HubBenchmarks.evalResults(id);
    if (answer.getCode() != 200 || !url.queryParameterValues("expand").contains("evalResults") || !Fixtures.exists(file)) {
      return answer;
    }
    try {
      Buffer served = new Buffer();
      answer.getBody().writeTo(served);
      ObjectNode body = (ObjectNode) JSON.readTree(served.readUtf8());
      body.set("evalResults", JSON.readTree(Fixtures.text(file)));
      return answer.newBuilder().body(JSON.writeValueAsString(body)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static MockResponse fileOr401(String file) {
    if (Fixtures.exists(file)) {
      return json(Fixtures.text(file));
    }
    return new MockResponse.Builder().code(401)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "RepoNotFound")
        .body("{\"error\":\"Repository not found\"}").build();
  }

  private MockResponse model(String id, HttpUrl url) {
    String file = id.replace("/", "--");
    if (bodyOverrides.containsKey(id)) {
      return json(bodyOverrides.get(id));
    }
    if (Fixtures.exists(SEED + "models/" + file + ".307.txt")) {
      String body = Fixtures.text(SEED + "models/" + file + ".307.txt");
      String target = body.substring(body.indexOf("/api/models/"));
      String location = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      String query = url.encodedQuery();
      return new MockResponse.Builder().code(307)
          .setHeader("Content-Type", "text/plain; charset=utf-8")
          .setHeader("Location", location + (query == null ? "" : "?" + query))
          .body(body).build();
    }
    if (Fixtures.exists(SEED + "models/" + file + ".json")) {
      return json(Fixtures.text(SEED + "models/" + file + ".json"));
    }
    return new MockResponse.Builder().code(401)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("X-Error-Code", "RepoNotFound")
        .setHeader("X-Error-Message", "Repository not found")
        .body("{\"error\":\"Repository not found\"}").build();
  }

  private MockResponse list(HttpUrl url) {
    if (!"TheBloke".equals(url.queryParameter("author"))) {
      return json(authorListing(url.queryParameter("author"), url));
    }
    if (url.queryParameter("cursor") == null) {
      HttpUrl next = url.newBuilder().addQueryParameter("cursor", "c3ludGhldGljLXBhZ2UtMg").build();
      return new MockResponse.Builder().code(200)
          .setHeader("Content-Type", "application/json; charset=utf-8")
          .setHeader("Link", "<" + next + ">; rel=\"next\"")
          .body(new Buffer().write(Fixtures.bytes(SEED + "list/thebloke-gguf-page1.json"))).build();
    }
    return json(Fixtures.text(SEED + "list/thebloke-gguf-page2.json"));
  }

  /**
   * An author's listing in one page: its seed models and the models given by {@link #overrideModel}, each as its
   * model-info answer says. A model whose path a test overrides ({@link #override}, {@link #overrideNext}) is left out,
   * so that the source asks it by model-info and meets the test's answer.
   */
  private String authorListing(String author, HttpUrl url) {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of(FixtureHub.class.getResource("/fixtures/" + SEED + "models").toURI()))) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(author + "--") && f.endsWith(".json"))
          .forEach(f -> ids.add(f.substring(0, f.length() - ".json".length()).replace("--", "/")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    bodyOverrides.keySet().stream().filter(id -> id.startsWith(author + "/")).forEach(ids::add);
    List<String> items = new ArrayList<>();
    for (String id : ids) {
      String path = "/api/models/" + id;
      Queue<MockResponse> next = nextAnswers.get(path);
      if (overrides.containsKey(path) || (next != null && !next.isEmpty())) {
        continue;
      }
      String body = bodyOverrides.containsKey(id) ? bodyOverrides.get(id)
          : Fixtures.text(SEED + "models/" + id.replace("/", "--") + ".json");
      items.add(text(withEvalResults(json(body), id, url)));
    }
    return "[" + String.join(",", items) + "]";
  }

  private static String text(MockResponse response) {
    Buffer served = new Buffer();
    try {
      response.getBody().writeTo(served);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return served.readUtf8();
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("RateLimit", "\"api\";r=499;t=300")
        .body(body).build();
  }

  static MockResponse notFound() {
    return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("Not Found").build();
  }
}
