package dev.llmcatalog.source.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.config.TopQuery;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubClientTest {
  private final MockWebServer hub = LocalServers.mockWebServer();
  private HubClient client;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    client = client(Optional.empty());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private HubClient client(Optional<String> token) {
    String endpoint = hub.url("/").toString();
    return new HubClient(new Fetcher(HttpClients.create("llm-catalog/test", token, List.of(endpoint))), endpoint);
  }

  private static MockResponse recorded(int status, String bodyFixture) {
    return new MockResponse.Builder().code(status)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(new Buffer().write(Fixtures.bytes(bodyFixture))).build();
  }

  @Test
  void asksForExactlyTheStoredFieldsWithExpand() throws Exception {
    hub.enqueue(recorded(200, "hf/model-info_HuggingFaceH4--zephyr-7b-beta.json"));

    ModelFetch result = client.fetchModel("HuggingFaceH4/zephyr-7b-beta");

    RecordedRequest request = hub.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/models/HuggingFaceH4/zephyr-7b-beta");
    assertThat(request.getUrl().queryParameterValues("expand")).containsExactly(
        "cardData", "createdAt", "downloads", "evalResults", "gated", "gguf", "lastModified", "library_name", "likes",
        "pipeline_tag", "safetensors", "sha", "tags");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(result).isInstanceOfSatisfying(ModelFetch.Found.class, f -> {
      assertThat(f.model().id()).isEqualTo("HuggingFaceH4/zephyr-7b-beta");
      assertThat(f.model().downloads()).isEqualTo(684157L);
    });
  }

  @Test
  void followsA307RenameKeepingTheQuery() throws Exception {
    // The real recording: 307, text/plain body, relative Location.
    hub.enqueue(new MockResponse.Builder().code(307)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .setHeader("Location", "/api/models/google-bert/bert-base-uncased?" + expandQuery())
        .body(new Buffer().write(Fixtures.bytes("hf/model-info_redirect-307_bert-base-uncased.txt"))).build());
    hub.enqueue(recorded(200, "hf/model-info_google-bert--bert-base-uncased.json"));

    ModelFetch result = client.fetchModel("bert-base/uncased-old");

    hub.takeRequest();
    RecordedRequest followed = hub.takeRequest();
    assertThat(followed.getUrl().encodedPath()).isEqualTo("/api/models/google-bert/bert-base-uncased");
    assertThat(followed.getUrl().queryParameterValues("expand")).hasSize(HubClient.EXPAND.size());
    assertThat(result).isInstanceOfSatisfying(ModelFetch.Found.class,
        f -> assertThat(f.model().id()).isEqualTo("google-bert/bert-base-uncased"));
  }

  private String expandQuery() {
    return String.join("&", HubClient.EXPAND.stream().map(e -> "expand=" + e).toList());
  }

  @Test
  void a401ModelIsMissingNotAnError() throws Exception {
    hub.enqueue(new MockResponse.Builder().code(401)
        .setHeader("X-Error-Code", "RepoNotFound")
        .setHeader("X-Error-Message", "Repository not found")
        .body("{\"error\":\"Repository not found\"}").build());

    ModelFetch result = client.fetchModel("nobody/nothing");

    assertThat(result).isEqualTo(new ModelFetch.Missing("nobody/nothing", 401, "RepoNotFound"));
  }

  @Test
  void a404WithATokenIsMissingToo() throws Exception {
    hub.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").body("{}").build());
    assertThat(client.fetchModel("a/b")).isEqualTo(new ModelFetch.Missing("a/b", 404, "RepoNotFound"));
  }

  @Test
  void serverErrorsFailWithTheUrlAndStatus() {
    hub.enqueue(new MockResponse.Builder().code(500).setHeader("X-Error-Code", "InternalError").body("oops").build());

    assertThatThrownBy(() -> client.fetchModel("a/b"))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("/api/models/a/b")
        .hasMessageContaining("HTTP 500 InternalError");
  }

  @Test
  void anHtmlPageWithStatus200IsRejected() {
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html><body>Just a moment...</body></html>").build());

    assertThatThrownBy(() -> client.fetchModel("a/b")).isInstanceOf(FetchException.class)
        .hasMessageContaining("expected JSON, got an HTML page");
  }

  @Test
  void aTruncatedBodyIsAnError() {
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"_id\":\"1\",\"id\":\"a/b\",\"downloads\":12").build());

    assertThatThrownBy(() -> client.fetchModel("a/b")).isInstanceOf(FetchException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void listFollowsLinkNextAndStopsAtTheLimit() throws Exception {
    HttpUrl next = hub.url("/api/models?author=TheBloke&cursor=abc");
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("Link", "<" + next + ">; rel=\"next\"")
        .body(new Buffer().write(Fixtures.bytes("hub-seed/list/thebloke-gguf-page1.json"))).build());
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("Link", "<" + hub.url("/api/models?cursor=never") + ">; rel=\"next\"")
        .body(new Buffer().write(Fixtures.bytes("hub-seed/list/thebloke-gguf-page2.json"))).build());

    List<HubModel> top = client.fetchTop(new TopQuery("TheBloke", "gguf", "downloads", 10));

    assertThat(top).hasSize(10);
    assertThat(top.get(0).id()).isEqualTo("TheBloke/Mistral-7B-Instruct-v0.2-GGUF");
    assertThat(top.get(6).id()).isEqualTo("TheBloke/CodeLlama-7B-Instruct-GGUF");
    assertThat(top.get(9).id()).isEqualTo("TheBloke/phi-2-GGUF");
    RecordedRequest first = hub.takeRequest();
    assertThat(first.getUrl().queryParameter("author")).isEqualTo("TheBloke");
    assertThat(first.getUrl().queryParameter("filter")).isEqualTo("gguf");
    assertThat(first.getUrl().queryParameter("sort")).isEqualTo("downloads");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("10");
    assertThat(first.getUrl().queryParameterValues("expand")).hasSize(HubClient.EXPAND.size());
    assertThat(hub.takeRequest().getUrl().queryParameter("cursor")).isEqualTo("abc");
    assertThat(hub.getRequestCount()).isEqualTo(2);
  }

  private MockResponse page(String models, String cursor) {
    MockResponse.Builder page = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(models);
    if (cursor != null) {
      page.setHeader("Link", "<" + hub.url("/api/models?author=org&cursor=" + cursor) + ">; rel=\"next\"");
    }
    return page.build();
  }

  @Test
  void pagesAreFollowedInOrderAndNoPageIsAskedForBeyondTheLimit() throws Exception {
    hub.enqueue(page("[{\"id\":\"org/a\"},{\"id\":\"org/b\"}]", "2"));
    hub.enqueue(page("[{\"id\":\"org/c\"},{\"id\":\"org/d\"}]", "4"));
    hub.enqueue(page("[{\"id\":\"org/e\"},{\"id\":\"org/f\"}]", null));

    List<HubModel> top = client.fetchTop(new TopQuery("org", null, "downloads", 4));

    assertThat(top).extracting(HubModel::id).containsExactly("org/a", "org/b", "org/c", "org/d");
    assertThat(hub.takeRequest().getUrl().queryParameter("cursor")).isNull();
    assertThat(hub.takeRequest().getUrl().queryParameter("cursor")).isEqualTo("2");
    assertThat(hub.getRequestCount()).isEqualTo(2); // the second page completes the limit: no third request
  }

  /**
   * Issue 17: the next page is asked for as soon as this page's headers name it, while its body still travels. Page 1's
   * body is held (in a network interceptor, below the fetch layer) until page 2's request goes out: paging that waited
   * for the whole body would wait the ten seconds of the gate and find page 2 not asked for by then.
   */
  @Test
  void theNextPageIsAskedForBeforeThisPagesBodyIsRead() throws Exception {
    hub.enqueue(page("[{\"id\":\"org/a\"},{\"id\":\"org/b\"}]", "2"));
    hub.enqueue(page("[{\"id\":\"org/c\"},{\"id\":\"org/d\"}]", "4"));
    hub.enqueue(page("[{\"id\":\"org/e\"}]", null));
    CountDownLatch secondAsked = new CountDownLatch(1);
    AtomicBoolean bodyWaitedForIt = new AtomicBoolean();
    Interceptor gate = chain -> {
      if ("2".equals(chain.request().url().queryParameter("cursor"))) {
        secondAsked.countDown();
      }
      Response response = chain.proceed(chain.request());
      if (chain.request().url().queryParameter("cursor") != null) {
        return response;
      }
      ResponseBody body = response.body();
      Source held = new ForwardingSource(body.source()) {
        private boolean waited;

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
          if (!waited) {
            waited = true;
            try {
              bodyWaitedForIt.set(secondAsked.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              throw new InterruptedIOException();
            }
          }
          return super.read(sink, byteCount);
        }
      };
      return response.newBuilder().body(ResponseBody.create(Okio.buffer(held), body.contentType(), body.contentLength()))
          .build();
    };
    String endpoint = hub.url("/").toString();
    HubClient gated = new HubClient(new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of(endpoint))
        .newBuilder().addNetworkInterceptor(gate).build()), endpoint);

    // pages of 1,000 asked for (they come short here), so page 2 is wanted whatever page 1 holds
    assertThat(gated.fetchTop(new TopQuery("org", null, "downloads", 5000))).extracting(HubModel::id)
        .containsExactly("org/a", "org/b", "org/c", "org/d", "org/e");
    assertThat(bodyWaitedForIt).isTrue();
    assertThat(hub.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aPageNamedEarlyIsNotAskedForWhenThePagesBeforeItReachTheLimit() throws Exception {
    for (int page = 0; page < 3; page++) {
      StringBuilder models = new StringBuilder("[");
      for (int i = 0; i < HubClient.MAX_PAGE; i++) {
        models.append(i == 0 ? "" : ",").append("{\"id\":\"org/m").append(page * HubClient.MAX_PAGE + i).append("\"}");
      }
      hub.enqueue(page(models.append(']').toString(), String.valueOf((page + 1) * HubClient.MAX_PAGE)));
    }

    List<HubModel> top = client.fetchTop(new TopQuery("org", null, "downloads", 2 * HubClient.MAX_PAGE));

    assertThat(top).hasSize(2 * HubClient.MAX_PAGE);
    assertThat(top.get(2 * HubClient.MAX_PAGE - 1).id()).isEqualTo("org/m1999");
    assertThat(hub.getRequestCount()).isEqualTo(2); // page 2's headers name page 3, which two full pages make needless
  }

  @Test
  void nullItemsAreSkippedWithoutCountingTowardsTheLimit() throws Exception {
    hub.enqueue(page("[{\"id\":\"org/a\"},null]", "2"));
    hub.enqueue(page("[{\"id\":\"org/c\"},{\"id\":\"org/d\"}]", null));

    assertThat(client.fetchTop(new TopQuery("org", null, "downloads", 2))).extracting(HubModel::id)
        .containsExactly("org/a", "org/c");
    assertThat(hub.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailingNextPageFailsTheListWithItsUrl() {
    hub.enqueue(page("[{\"id\":\"org/a\"},{\"id\":\"org/b\"}]", "2"));
    hub.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build());

    assertThatThrownBy(() -> client.fetchTop(new TopQuery("org", null, "downloads", 10)))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("cursor=2")
        .hasMessageContaining("HTTP 404 RepoNotFound");
  }

  @Test
  void listEndsWhenThereIsNoNextLink() throws Exception {
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(new Buffer().write(Fixtures.bytes("hub-seed/list/thebloke-gguf-page2.json"))).build());

    assertThat(client.fetchTop(new TopQuery("TheBloke", "gguf", "downloads", 100))).hasSize(6);
    assertThat(hub.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenGoesToTheHubButNotAcrossARedirectToAnotherHost() throws Exception {
    try (MockWebServer elsewhere = LocalServers.mockWebServer()) {
      elsewhere.start();
      HubClient withToken = client(Optional.of("hf_secret_token"));
      hub.enqueue(recorded(200, "hf/model-info_HuggingFaceH4--zephyr-7b-beta.json"));
      hub.enqueue(new MockResponse.Builder().code(307)
          .setHeader("Location", elsewhere.url("/api/models/x/y").toString()).build());
      elsewhere.enqueue(recorded(200, "hf/model-info_google-bert--bert-base-uncased.json"));

      withToken.fetchModel("HuggingFaceH4/zephyr-7b-beta");
      withToken.fetchModel("moved/away");

      assertThat(hub.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_secret_token");
      assertThat(hub.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer hf_secret_token");
      RecordedRequest redirected = elsewhere.takeRequest(5, TimeUnit.SECONDS);
      assertThat(redirected).isNotNull();
      assertThat(redirected.getHeaders().get("Authorization")).isNull();
    }
  }
}
