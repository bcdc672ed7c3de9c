package dev.llmcatalog.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.testsupport.LocalServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditional requests against the raw archive: {@link Fetcher#fetchRevalidated}. */
class RevalidationTest {
  /** raw.githubusercontent.com's shape: a strong ETag (the blob's hash), no Last-Modified, 5 min of caching. */
  static final String ETAG = "\"9b5817fe39f818381e7cc03a1105ee2686f2831a\"";

  private final MockWebServer server = LocalServers.mockWebServer();
  private final List<Fetched> heard = new ArrayList<>();
  private final List<String> looked = new ArrayList<>();
  private Fetched archived;

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Fetcher fetcher() {
    ArchiveLookup archive = (method, url) -> {
      looked.add(method + " " + url);
      return Optional.ofNullable(archived);
    };
    return new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()))
        .withListener(e -> heard.add(e.fetched())).withArchive(archive);
  }

  private String url() {
    return server.url("/embeddings-benchmark/results/main/paths.json").toString();
  }

  private Fetched stored(int status, Headers headers, String body) {
    return new Fetched(url(), url(), status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  @Test
  void aNotModifiedAnswerIsTheArchivedBodyMarkedAndHeardInFull() throws Exception {
    archived = stored(200, Headers.of("ETag", ETAG, "Last-Modified", "Thu, 30 Jan 2026 16:07:28 GMT",
        "Content-Type", "text/plain; charset=utf-8", "Cache-Control", "max-age=300"), "{\"a__b\": []}");
    server.enqueue(new MockResponse.Builder().code(304).setHeader("ETag", ETAG).setHeader("Cache-Control", "max-age=300")
        .setHeader("Expires", "Fri, 27 Nov 2026 10:05:00 GMT").setHeader("Content-Length", "0").build());

    Fetched answer = fetcher().fetchRevalidated(get(url()));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("If-None-Match")).isEqualTo(ETAG);
    assertThat(request.getHeaders().get("If-Modified-Since")).isEqualTo("Thu, 30 Jan 2026 16:07:28 GMT");
    assertThat(looked).containsExactly("GET " + url());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a__b\": []}");
    assertThat(answer.headers().get("X-LLM-Catalog-Revalidated")).isEqualTo("304 Not Modified");
    assertThat(answer.headers().get("Expires")).isEqualTo("Fri, 27 Nov 2026 10:05:00 GMT"); // updated by the 304
    assertThat(answer.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8"); // kept from the archive
    assertThat(answer.headers().get("Content-Length")).isNull(); // the 304's own length says nothing of the body
    assertThat(heard).containsExactly(answer);
  }

  @Test
  void aChangedResourceComesBackAsServed() throws Exception {
    archived = stored(200, Headers.of("ETag", ETAG), "{\"old\": []}");
    server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"new\"").body("{\"new\": []}").build());

    Fetched answer = fetcher().fetchRevalidated(get(url()));

    assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo(ETAG);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"new\": []}");
    assertThat(answer.headers().get("X-LLM-Catalog-Revalidated")).isNull();
    assertThat(heard).containsExactly(answer);
  }

  @Test
  void withoutAnArchivedAnswerWithValidatorsTheRequestIsUnconditional() throws Exception {
    Fetcher fetcher = fetcher();
    for (Fetched stored : new Fetched[] {null, stored(503, Headers.of("ETag", ETAG), "busy"),
        stored(200, Headers.of("Content-Type", "text/plain"), "{}")}) {
      archived = stored;
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

      fetcher.fetchRevalidated(get(url()));

      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      assertThat(request.getHeaders().get("If-None-Match")).isNull();
      assertThat(request.getHeaders().get("If-Modified-Since")).isNull();
    }
  }

  @Test
  void aPlainFetchNeverLooksInTheArchive() throws Exception {
    archived = stored(200, Headers.of("ETag", ETAG), "{}");
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    fetcher().fetch(get(url()));

    assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
    assertThat(looked).isEmpty();
  }

  @Test
  void aFetcherWithoutArchiveAsksUnconditionally() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of())).fetchRevalidated(get(url()));

    assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
  }

  @Test
  void onlyAGetIsRevalidated() {
    Request post = new Request.Builder().url(url()).post(RequestBody.create(new byte[0])).build();

    assertThatThrownBy(() -> fetcher().fetchRevalidated(post)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only a GET is revalidated: POST " + url());
  }
}
