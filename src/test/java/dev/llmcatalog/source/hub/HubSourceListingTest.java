package dev.llmcatalog.source.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.SourceMemory;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the listed models of an author whose models fit in one listing page come from one listing of that author
 * instead of a model-info request each, once a sync has learned that; the values are those model-info gives.
 */
class HubSourceListingTest {
  @TempDir
  Path dir;
  private final MockWebServer hub = LocalServers.mockWebServer();
  /** The models the Hub has, by author; an author may have a next page. */
  private final Map<String, List<String>> authors = new ConcurrentHashMap<>();
  private final Set<String> large = ConcurrentHashMap.newKeySet();
  private final AtomicInteger modelInfo = new AtomicInteger();
  private final AtomicInteger listings = new AtomicInteger();
  private volatile boolean listingsFail;

  @BeforeEach
  void start() throws Exception {
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        assertThat(url.queryParameterValues("expand")).isEqualTo(HubClient.EXPAND);
        if (url.encodedPath().equals("/api/models")) {
          listings.incrementAndGet();
          if (listingsFail) {
            return new MockResponse.Builder().code(500).build();
          }
          String author = url.queryParameter("author");
          assertThat(url.queryParameter("limit")).isEqualTo("1000");
          List<String> ids = authors.getOrDefault(author, List.of());
          MockResponse.Builder page = json("[" + String.join(",", ids.stream().map(HubSourceListingTest::body).toList()) + "]");
          if (large.contains(author)) {
            page.setHeader("Link", "<" + hub.url("/api/models?author=" + author + "&cursor=2") + ">; rel=\"next\"");
          }
          return page.build();
        }
        modelInfo.incrementAndGet();
        String id = url.encodedPath().substring("/api/models/".length());
        boolean exists = authors.getOrDefault(id.substring(0, id.indexOf('/')), List.of()).contains(id);
        return exists ? json(body(id)).build()
            : new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build();
      }
    });
    hub.start();
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  /** A model's expanded answer, the same in a listing and from model-info, as on the Hub. */
  private static String body(String id) {
    return "{\"_id\":\"x\",\"id\":\"" + id + "\",\"sha\":\"sha-" + id.replace('/', '-') + "\",\"downloads\":7,"
        + "\"cardData\":{\"license\":\"mit\"},\"safetensors\":{\"total\":123},\"tags\":[\"a\",\"b\"],"
        + "\"evalResults\":[{\"dataset\":{\"id\":\"o/bench\",\"task_id\":\"t\"},\"value\":41.5}]}";
  }

  private static MockResponse.Builder json(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body);
  }

  private static List<String> models(String author, int count) {
    return IntStream.range(0, count).mapToObj(i -> author + "/m" + i).toList();
  }

  private CatalogConfig config(List<String> models) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "front_matter:\n  title: T\ngroups:\n  - id: llm\n    title: LLM\n    models: ["
        + String.join(", ", models) + "]\n");
    return TestConfigs.load(file);
  }

  /** A memory in a map, as the store keeps it. */
  private static final class MapMemory implements SourceMemory {
    final Map<String, String> facts = new TreeMap<>();
    final boolean replaying;

    MapMemory(boolean replaying) {
      this.replaying = replaying;
    }

    @Override
    public boolean replaying() {
      return replaying;
    }

    @Override
    public Map<String, String> recall() {
      return Map.copyOf(facts);
    }

    @Override
    public void remember(Map<String, String> learned) {
      if (!replaying) {
        facts.putAll(learned);
      }
    }
  }

  private SourceData fetch(CatalogConfig config, SourceMemory memory) throws Exception {
    modelInfo.set(0);
    listings.set(0);
    String endpoint = hub.url("/").toString();
    return new HubSource(config, new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of(endpoint))),
        endpoint, memory).fetch();
  }

  @Test
  void aRepeatSyncReadsTwentyListedModelsOfTwoAuthorsWithTwoListingsAndTheSameValues() throws Exception {
    authors.put("a", models("a", 10));
    authors.put("b", models("b", 15)); // more models than are listed: the listing has them all
    List<String> listed = new ArrayList<>(models("a", 10));
    listed.addAll(models("b", 10));
    CatalogConfig config = config(listed);
    MapMemory memory = new MapMemory(false);

    SourceData first = fetch(config, memory);
    assertThat(modelInfo).as("the first sync asks as before").hasValue(20);
    assertThat(listings).hasValue(0);
    assertThat(memory.facts).containsExactly(Map.entry("author:a", "present 10"), Map.entry("author:b", "present 10"));

    SourceData repeat = fetch(config, memory);
    assertThat(listings).hasValue(2);
    assertThat(modelInfo).hasValue(0);
    assertThat(memory.facts).containsExactly(Map.entry("author:a", "one-page 10"), Map.entry("author:b", "one-page 10"));
    assertThat(repeat.observations()).isEqualTo(first.observations()); // same keys, values, urls, order
    assertThat(repeat.observations()).extracting(o -> o.key() + "=" + o.value()).contains("license=mit",
        "parameters=123", "tags=a,b", "eval:o/bench=41.5");

    fetch(config, memory);
    assertThat(listings).as("and every sync after").hasValue(2);
    assertThat(modelInfo).hasValue(0);
  }

  @Test
  void aListedModelTheListingLacksIsAskedByModelInfoAndRecordedMissingAsBefore() throws Exception {
    authors.put("a", models("a", 3));
    CatalogConfig config = config(List.of("a/m0", "a/gone", "a/m1", "a/m2"));
    MapMemory memory = new MapMemory(false);
    memory.facts.put("author:a", "one-page 3");

    SourceData data = fetch(config, memory);

    assertThat(listings).hasValue(1);
    assertThat(modelInfo).as("a/gone only").hasValue(1);
    assertThat(data.missing()).extracting(MissingModel::modelId).containsExactly("a/gone");
    assertThat(data.observations()).extracting(o -> o.subject()).containsOnly("a/m0", "a/m1", "a/m2");
    assertThat(memory.facts).containsExactly(Map.entry("author:a", "one-page 3"));
  }

  @Test
  void anAuthorTooLargeForOnePageIsAskedByModelInfoAfterTheOneListingThatFoundOut() throws Exception {
    authors.put("big", models("big", 4));
    large.add("big");
    CatalogConfig config = config(List.of("big/m0", "big/m1", "big/elsewhere", "big/m3"));
    MapMemory memory = new MapMemory(false);
    memory.facts.put("author:big", "present 3");

    SourceData probe = fetch(config, memory);
    assertThat(listings).hasValue(1);
    assertThat(modelInfo).as("the model not on the first page").hasValue(1);
    assertThat(probe.observations()).extracting(o -> o.subject()).containsOnly("big/m0", "big/m1", "big/m3");
    assertThat(memory.facts).containsExactly(Map.entry("author:big", "large 3"));

    fetch(config, memory);
    assertThat(listings).hasValue(0);
    assertThat(modelInfo).hasValue(4);
    assertThat(memory.facts).containsExactly(Map.entry("author:big", "no-gain 3"));

    fetch(config, memory);
    assertThat(listings).as("never listed again").hasValue(0);
    assertThat(modelInfo).hasValue(4);
  }

  @Test
  void aListingThatFindsFewerThanTwoListedModelsIsNotAskedAgain() throws Exception {
    authors.put("renamed", List.of()); // an organization that moved its models: its listing is empty
    CatalogConfig config = config(List.of("renamed/x", "renamed/y"));
    MapMemory memory = new MapMemory(false);
    memory.facts.put("author:renamed", "one-page 2");

    fetch(config, memory);
    assertThat(listings).hasValue(1);
    assertThat(modelInfo).as("the one request more than without listings").hasValue(2);
    assertThat(memory.facts).containsExactly(Map.entry("author:renamed", "one-page 0"));

    fetch(config, memory);
    assertThat(listings).hasValue(0);
    assertThat(modelInfo).hasValue(2);
    assertThat(memory.facts).containsExactly(Map.entry("author:renamed", "no-gain 0"));
  }

  @Test
  void authorsOfOneListedModelAndModelsWithoutAnAuthorAreAlwaysAskedByModelInfo() throws Exception {
    authors.put("a", models("a", 3));
    authors.put("solo", models("solo", 1));
    CatalogConfig config = config(List.of("a/m0", "solo/m0", "a/m1"));
    MapMemory memory = new MapMemory(false);
    memory.facts.put("author:solo", "one-page 5"); // a fact of an earlier config: one model alone is never listed

    fetch(config, memory);
    fetch(config, memory);

    assertThat(listings).hasValue(1);
    assertThat(modelInfo).hasValue(1);
    assertThat(memory.facts).containsExactly(Map.entry("author:a", "one-page 2"), Map.entry("author:solo", "one-page 5"));
  }

  @Test
  void aFailedListingFailsTheSourceAndTeachesNothing() throws Exception {
    authors.put("a", models("a", 2));
    CatalogConfig config = config(models("a", 2));
    MapMemory memory = new MapMemory(false);
    memory.facts.put("author:a", "one-page 2");
    listingsFail = true;

    assertThatThrownBy(() -> fetch(config, memory)).isInstanceOf(FetchException.class)
        .hasMessageContaining("/api/models?author=a").hasMessageContaining("HTTP 500");
    assertThat(memory.facts).containsExactly(Map.entry("author:a", "one-page 2"));
  }

  @Test
  void aFailedModelInfoRequestTeachesNothing() throws Exception {
    CatalogConfig config = config(List.of("a/m0", "a/m1"));
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(503).build();
      }
    });
    MapMemory memory = new MapMemory(false);

    assertThatThrownBy(() -> fetch(config, memory)).isInstanceOf(FetchException.class);
    assertThat(memory.facts).isEmpty();
  }

  @Test
  void aReplayAsksWhatTheLastSyncAsked() throws Exception {
    authors.put("new", models("new", 2));
    authors.put("listed", models("listed", 2));
    authors.put("big", models("big", 2));
    large.add("big");
    CatalogConfig config = config(List.of("new/m0", "new/m1", "listed/m0", "listed/m1", "big/m0", "big/m1"));
    MapMemory replay = new MapMemory(true);
    replay.facts.putAll(Map.of("author:new", "present 2", "author:listed", "one-page 2", "author:big", "large 2"));

    fetch(config, replay);

    // new: asked by model-info last time (a sync would now list it); listed and big: listed last time
    assertThat(modelInfo).hasValue(2);
    assertThat(listings).hasValue(2);
    assertThat(replay.facts).containsEntry("author:new", "present 2").containsEntry("author:big", "large 2");
  }
}
