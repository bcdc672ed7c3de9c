package dev.llmcatalog.source.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.SourceMemory;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSourceTest {
  @TempDir
  Path dir;
  private final MockWebServer hub = LocalServers.mockWebServer();

  @BeforeEach
  void start() throws Exception {
    hub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static final String FRONT = "front_matter:\n  title: T\n";

  private CatalogConfig config(String fetchSection, String... models) throws Exception {
    StringBuilder yaml = new StringBuilder(FRONT).append(fetchSection).append("groups:\n  - id: llm\n    title: LLM\n    models:\n");
    for (String m : models) {
      yaml.append("      - ").append(m).append('\n');
    }
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, yaml.toString());
    return TestConfigs.load(file);
  }

  private HubSource source(CatalogConfig config) {
    String endpoint = hub.url("/").toString();
    return new HubSource(config, new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of(endpoint))),
        endpoint, SourceMemory.NONE);
  }

  private static MockResponse model(String id) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body("{\"id\":\"" + id + "\",\"sha\":\"sha-" + id.replace('/', '-') + "\",\"downloads\":7}").build();
  }

  private static String modelId(RecordedRequest request) {
    return request.getUrl().encodedPath().substring("/api/models/".length());
  }

  @Test
  void listedModelsAreFetchedAtOnceUpToTheParallelismAndKeepTheConfigOrder() throws Exception {
    CountDownLatch allInFlight = new CountDownLatch(3);
    AtomicInteger served = new AtomicInteger();
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        allInFlight.countDown();
        // every answer waits until all three requests are in flight: only parallel fetching gets past this
        boolean together = allInFlight.await(10, TimeUnit.SECONDS);
        String id = modelId(request);
        if (id.equals("a/first")) {
          Thread.sleep(200); // the first listed model answers last
        }
        served.incrementAndGet();
        return together ? model(id) : new MockResponse.Builder().code(404).build();
      }
    });

    SourceData data = source(config("fetch:\n  parallelism: 3\n", "a/first", "b/second", "c/third")).fetch();

    assertThat(data.missing()).isEmpty();
    assertThat(served).hasValue(3);
    assertThat(data.observations()).extracting(Observation::subject, Observation::key, Observation::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a/first", "sha", "sha-a-first"),
        org.assertj.core.groups.Tuple.tuple("a/first", "downloads", "7"),
        org.assertj.core.groups.Tuple.tuple("b/second", "sha", "sha-b-second"),
        org.assertj.core.groups.Tuple.tuple("b/second", "downloads", "7"),
        org.assertj.core.groups.Tuple.tuple("c/third", "sha", "sha-c-third"),
        org.assertj.core.groups.Tuple.tuple("c/third", "downloads", "7"));
    assertThat(data.observations()).extracting(Observation::url).containsOnly(
        hub.url("/api/models/a/first").toString(), hub.url("/api/models/b/second").toString(),
        hub.url("/api/models/c/third").toString());
  }

  @Test
  void parallelismOneAsksOneModelAtATimeInTheConfigOrder() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          return model(modelId(request));
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });

    SourceData data = source(config("fetch:\n  parallelism: 1\n", "c/x", "a/y", "b/z")).fetch();

    assertThat(most).hasValue(1);
    assertThat(data.observations()).extracting(Observation::subject).containsExactly("c/x", "c/x", "a/y", "a/y", "b/z", "b/z");
    assertThat(hub.takeRequest().getUrl().encodedPath()).isEqualTo("/api/models/c/x");
    assertThat(hub.takeRequest().getUrl().encodedPath()).isEqualTo("/api/models/a/y");
    assertThat(hub.takeRequest().getUrl().encodedPath()).isEqualTo("/api/models/b/z");
  }

  @Test
  void oneFailingModelFailsTheSourceAndMissingModelsAreKeptInOrder() throws Exception {
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String id = modelId(request);
        return switch (id) {
          case "gone/one", "gone/two" -> new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build();
          case "bad/answer" -> new MockResponse.Builder().code(400).build();
          default -> model(id);
        };
      }
    });

    SourceData ok = source(config("", "gone/two", "m/a", "gone/one")).fetch();
    assertThat(ok.missing()).extracting(m -> m.modelId()).containsExactly("gone/two", "gone/one");
    assertThat(ok.observations()).extracting(Observation::subject).containsOnly("m/a");

    assertThatThrownBy(() -> source(config("", "m/a", "bad/answer", "m/b")).fetch())
        .isInstanceOf(FetchException.class).hasMessageContaining("/api/models/bad/answer -> HTTP 400");
  }

  @Test
  void aFailingListedModelStopsTheGroupsPagingAndFailsTheSource() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    AtomicInteger pages = new AtomicInteger();
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getUrl().encodedPath().equals("/api/models/bad/answer")) {
          failed.countDown();
          return new MockResponse.Builder().code(400).build();
        }
        pages.incrementAndGet();
        failed.await(5, TimeUnit.SECONDS); // the first page leaves after the failing answer
        Thread.sleep(200); // and after the client has read it
        return new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .setHeader("Link", "<" + hub.url("/api/models?cursor=" + pages.get()) + ">; rel=\"next\"")
            .body("[{\"id\":\"o/m" + pages.get() + "\"}]").build();
      }
    });
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, FRONT + "groups:\n  - id: llm\n    models: [bad/answer]\n  - id: top\n    top:\n"
        + "      author: o\n      limit: 50\n");

    assertThatThrownBy(() -> source(TestConfigs.load(file)).fetch())
        .isInstanceOf(FetchException.class).hasMessageContaining("/api/models/bad/answer -> HTTP 400");
    // the first page, perhaps one or two ahead on a slow machine; without the stop all 50 pages of one model each
    assertThat(pages).as("list pages asked for").hasValueLessThan(10);
  }

  /**
   * Issue 17: the groups' pages, which follow one another, keep one of the host's slots (4 here) to themselves, so they
   * never wait behind the listed models' requests, which take the other three.
   */
  @Test
  void theGroupsPagesNeverWaitBehindTheListedModelsRequests() throws Exception {
    CountDownLatch lastPageServed = new CountDownLatch(1);
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getUrl().encodedPath().startsWith("/api/models/")) { // a listed model: held until the pages are done
          return lastPageServed.await(10, TimeUnit.SECONDS) ? model(modelId(request))
              : new MockResponse.Builder().code(503).build();
        }
        int cursor = Integer.parseInt(Optional.ofNullable(request.getUrl().queryParameter("cursor")).orElse("0"));
        MockResponse.Builder page = new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body("[{\"id\":\"o/m" + cursor + "\"}]");
        if (cursor < 2) {
          page.setHeader("Link", "<" + hub.url("/api/models?author=o&cursor=" + (cursor + 1)) + ">; rel=\"next\"");
        } else {
          lastPageServed.countDown();
        }
        return page.build();
      }
    });
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, FRONT + "fetch:\n  attempts: 1\n  parallelism: 8\n  per_host_concurrency: 4\ngroups:\n  - id: llm\n"
        + "    models: [a/1, a/2, a/3, a/4, a/5, a/6]\n  - id: top\n    top:\n      author: o\n      limit: 10\n");
    CatalogConfig config = TestConfigs.load(file);
    String endpoint = hub.url("/").toString();
    HubSource source = new HubSource(config, new Fetcher(HttpClients.create(
        dev.llmcatalog.fetch.FetchSettingsFromConfig.apply(config.fetch()), Optional.empty(), List.of(endpoint),
        Optional.empty())), endpoint, SourceMemory.NONE);

    SourceData data = source.fetch();

    assertThat(data.subjects()).isEqualTo(9); // 6 listed, answered after the 3 pages
    assertThat(data.observations()).filteredOn(o -> o.key().equals("rank:top")).extracting(Observation::subject)
        .containsExactly("o/m0", "o/m1", "o/m2");
  }

  @Test
  void aQueryGroupMakesOneListRequestPerPageAndNoModelRequest() throws Exception {
    StringBuilder page1 = new StringBuilder("[");
    for (int i = 0; i < 3; i++) {
      page1.append(i == 0 ? "" : ",").append("{\"id\":\"o/m").append(i).append("\",\"sha\":\"s").append(i).append("\"}");
    }
    page1.append(']');
    hub.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .setHeader("Link", "<" + hub.url("/api/models?cursor=2") + ">; rel=\"next\"").body(page1.toString()).build());
    hub.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body("[{\"id\":\"o/m3\",\"sha\":\"s3\"}, {\"id\":\"o/m0\",\"sha\":\"s0\"}]").build());
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, FRONT + "groups:\n  - id: top\n    title: Top\n    top:\n      author: o\n      limit: 5\n");

    SourceData data = source(TestConfigs.load(file)).fetch();

    assertThat(hub.getRequestCount()).isEqualTo(2);
    assertThat(hub.takeRequest().getUrl().encodedPath()).isEqualTo("/api/models");
    assertThat(hub.takeRequest().getUrl().queryParameter("cursor")).isEqualTo("2");
    // o/m0 comes twice: its values are kept once, with its last rank (order does not matter: the store sorts)
    assertThat(data.observations()).extracting(Observation::subject, Observation::key, Observation::value)
        .containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("o/m0", "sha", "s0"),
        org.assertj.core.groups.Tuple.tuple("o/m0", "rank:top", "5"),
        org.assertj.core.groups.Tuple.tuple("o/m1", "sha", "s1"),
        org.assertj.core.groups.Tuple.tuple("o/m1", "rank:top", "2"),
        org.assertj.core.groups.Tuple.tuple("o/m2", "sha", "s2"),
        org.assertj.core.groups.Tuple.tuple("o/m2", "rank:top", "3"),
        org.assertj.core.groups.Tuple.tuple("o/m3", "sha", "s3"),
        org.assertj.core.groups.Tuple.tuple("o/m3", "rank:top", "4"));
  }

  /** Issue 20: a listed model's own benchmark results come in its one model-info answer, as served, with provenance. */
  @Test
  void listedModelsGetTheirEvalResultsFromTheSameRequest() throws Exception {
    String results = Fixtures.text(
        "hub-benchmarks/eval-results/mistralai--Mixtral-8x7B-Instruct-v0.1.json");
    hub.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body("{\"id\":\"mistralai/Mixtral-8x7B-Instruct-v0.1\",\"evalResults\":" + results + "}").build());

    SourceData data = source(config("", "mistralai/Mixtral-8x7B-Instruct-v0.1")).fetch();

    assertThat(hub.getRequestCount()).isEqualTo(1);
    assertThat(hub.takeRequest().getUrl().queryParameterValues("expand")).contains("evalResults");
    assertThat(data.observations()).filteredOn(o -> o.key().startsWith("eval:"))
        .extracting(o -> o.key() + "=" + o.value()).containsExactly(
            "eval:Idavidrein/gpqa=29.8",
            "eval:Idavidrein/gpqa:task=gpqa_diamond",
            "eval:Idavidrein/gpqa:date=2026-01-20T09:12:00Z",
            "eval:Idavidrein/gpqa:verified=true",
            "eval:TIGER-Lab/MMLU-Pro=43.27",
            "eval:TIGER-Lab/MMLU-Pro:task=mmlu_pro",
            "eval:TIGER-Lab/MMLU-Pro:verified=false",
            "eval:TIGER-Lab/MMLU-Pro:source_url=https://huggingface.co/datasets/TIGER-Lab/MMLU-Pro",
            "eval:TIGER-Lab/MMLU-Pro#2=45.1", // a second result on one dataset: another file, another setup
            "eval:TIGER-Lab/MMLU-Pro#2:task=mmlu_pro",
            "eval:TIGER-Lab/MMLU-Pro#2:verified=false",
            "eval:TIGER-Lab/MMLU-Pro#2:notes=chain-of-thought");
  }
}
