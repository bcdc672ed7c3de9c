package dev.llmcatalog.source.mteb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigLoader;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.testsupport.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtebSourceTest {
  /** The seed catalog's embedding group, in its order. */
  static final List<String> MODELS = List.of(
      "infgrad/stella-base-zh-v2", "sensenova/piccolo-large-zh", "BAAI/bge-base-zh-v1.5", "moka-ai/m3e-base");
  static final String BGE_NO_REV = MtebFixtureHub.RESOLVE + "results/BAAI__bge-base-zh-v1.5/no_revision_available/";

  private final MockWebServer server = new MockWebServer();
  private MtebFixtureHub hub;
  private Fetcher fetcher;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start();
    hub = new MtebFixtureHub(server);
    fetcher = new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MtebSource source(List<String> models) {
    Endpoints endpoints = Endpoints.resolve(Map.of(), new Environment(Map.of("HF_ENDPOINT", hub.endpoint())));
    return new MtebSource(fetcher, endpoints, models);
  }

  private String url(String path) {
    return hub.endpoint() + path;
  }

  private String file(String pathInRepo) {
    return url(MtebFixtureHub.RESOLVE + pathInRepo);
  }

  @Test
  void readsEveryFixtureFileWithExactNumbers() throws Exception {
    SourceData data = source(MODELS).fetch();

    String card = url("/api/models/sensenova/piccolo-large-zh?expand=model-index");
    assertThat(data.observations()).containsExactlyInAnyOrder(
        // external (0-100, mteb_version 0.0.0): as given
        new Observation("infgrad/stella-base-zh-v2", "external/validation/default", "TNews", "51.25200000000001", null,
            file("results/infgrad__stella-base-zh-v2/external/TNews.json")),
        // model card: cos_sim_spearman (STS), accuracy (Classification), v_measure, map (Reranking); 0-100 as given
        new Observation("sensenova/piccolo-large-zh", "model-index/validation/default", "AFQMC", "54.168222315174376", null, card),
        new Observation("sensenova/piccolo-large-zh", "model-index/test/default", "ATEC", "54.27914644842898", null, card),
        new Observation("sensenova/piccolo-large-zh", "model-index/test/zh", "AmazonReviewsClassification",
            "40.33200000000001", null, card),
        new Observation("sensenova/piccolo-large-zh", "model-index/test/default", "CLSClusteringP2P", "38.98356815428385", null, card),
        new Observation("sensenova/piccolo-large-zh", "model-index/test/default", "CMedQAv1", "84.79178620472841", null, card),
        new Observation("sensenova/piccolo-large-zh", "model-index/validation/default", "IFlyTek", "44.24778761061947", null, card),
        new Observation("sensenova/piccolo-large-zh", "external/dev/default", "T2Retrieval", "82.468", null,
            file("results/sensenova__piccolo-large-zh/external/T2Retrieval.json")),
        // current format (mteb 1.29.10): main_score x100
        new Observation("BAAI/bge-base-zh-v1.5", "f03589ceff5aac7111bd60cfc7d497ca17ecac65/test/default", "TenKGnadClusteringS2S",
            "10.7696", "0.107696",
            file("results/BAAI__bge-base-zh-v1.5/f03589ceff5aac7111bd60cfc7d497ca17ecac65/TenKGnadClusteringS2S.json")),
        // legacy retrieval without main_score: ndcg_at_10 x100
        new Observation("BAAI/bge-base-zh-v1.5", "no_revision_available/dev/default", "T2Retrieval", "83.712", "0.83712",
            file("results/BAAI__bge-base-zh-v1.5/no_revision_available/T2Retrieval.json")),
        // legacy classification: main_score (= accuracy) x100
        new Observation("BAAI/bge-base-zh-v1.5", "no_revision_available/validation/default", "TNews", "51.084", "0.51084",
            file("results/BAAI__bge-base-zh-v1.5/no_revision_available/TNews.json")),
        new Observation("moka-ai/m3e-base", "no_revision_available/test/default", "Waimai", "83.99", "0.8399000000000001",
            file("results/moka-ai__m3e-base/no_revision_available/Waimai.json")));
    assertThat(data.dataDate()).isNull();
    assertThat(data.missing()).isEmpty();
    assertThat(data.aliases()).isEmpty();
  }

  @Test
  void asksTheRealPathsAndFollowsTheListingsNextLink() throws Exception {
    source(List.of("BAAI/bge-base-zh-v1.5")).fetch();

    List<RecordedRequest> requests = requests();
    assertThat(requests).extracting(r -> r.getUrl().encodedPath()).containsExactly(
        "/api/models/BAAI/bge-base-zh-v1.5",
        MtebFixtureHub.TREE + "BAAI__bge-base-zh-v1.5",
        MtebFixtureHub.TREE + "BAAI__bge-base-zh-v1.5",
        MtebFixtureHub.RESOLVE + "results/BAAI__bge-base-zh-v1.5/f03589ceff5aac7111bd60cfc7d497ca17ecac65/TenKGnadClusteringS2S.json",
        BGE_NO_REV + "T2Retrieval.json",
        BGE_NO_REV + "TNews.json");
    assertThat(requests.get(0).getUrl().encodedQuery()).isEqualTo("expand=model-index");
    assertThat(requests.get(1).getUrl().encodedQuery()).isEqualTo("recursive=true");
    // the second page is exactly the Link target: same query plus the Hub's cursor
    assertThat(requests.get(2).getUrl().queryParameter("recursive")).isEqualTo("true");
    assertThat(requests.get(2).getUrl().queryParameter("cursor")).isEqualTo(MtebFixtureHub.CURSOR);
    assertThat(requests.subList(3, 6)).allSatisfy(r -> assertThat(r.getUrl().encodedQuery()).isNull());
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
    });
  }

  @Test
  void neverReadsModelMeta() throws Exception {
    source(List.of("BAAI/bge-base-zh-v1.5", "infgrad/stella-base-zh-v2")).fetch();

    assertThat(requests()).extracting(r -> r.getUrl().encodedPath()).noneMatch(p -> p.endsWith("model_meta.json"))
        .contains(MtebFixtureHub.RESOLVE + "results/infgrad__stella-base-zh-v2/external/TNews.json");
  }

  @Test
  void secondPageOfTheListingIsRead() throws Exception {
    // TNews and T2Retrieval are listed only on page 2 of bge-base-zh-v1.5's folder
    SourceData data = source(List.of("BAAI/bge-base-zh-v1.5")).fetch();

    assertThat(data.observations()).extracting(Observation::key)
        .containsExactlyInAnyOrder("TenKGnadClusteringS2S", "T2Retrieval", "TNews");
  }

  @Test
  void aModelWithoutAResultsFolderHasOnlyItsCardScores() throws Exception {
    hub.override(MtebFixtureHub.TREE + "sensenova__piccolo-large-zh", MtebFixtureHub.entryNotFound());

    SourceData data = source(List.of("sensenova/piccolo-large-zh")).fetch();

    assertThat(data.observations()).hasSize(6).allSatisfy(o -> assertThat(o.variant()).startsWith("model-index/"));
  }

  @Test
  void aModelUnknownToTheHubAndTheResultsIsNoFailure() throws Exception {
    SourceData data = source(List.of("nobody/no-such-model", "moka-ai/m3e-base")).fetch();

    assertThat(data.observations()).extracting(Observation::subject, Observation::key, Observation::value)
        .containsExactly(tuple("moka-ai/m3e-base", "Waimai", "83.99"));
    assertThat(requests()).extracting(r -> r.getUrl().encodedPath())
        .contains("/api/models/nobody/no-such-model", MtebFixtureHub.TREE + "nobody__no-such-model");
  }

  @Test
  void aMissingResultsDatasetFailsTheSource() {
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", new MockResponse.Builder().code(404)
        .setHeader("X-Error-Code", "RepoNotFound").setHeader("Content-Type", "application/json")
        .body("{\"error\":\"Repository not found\"}").build());

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true") + " -> HTTP 404 RepoNotFound");
  }

  @Test
  void aServerErrorOnTheListingFailsTheSource() {
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", new MockResponse.Builder().code(503)
        .setHeader("Content-Type", "text/plain").body("Service Unavailable").build());

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true") + " -> HTTP 503")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(503));
  }

  @Test
  void aServerErrorOnTheModelCardFailsTheSource() {
    hub.override("/api/models/moka-ai/m3e-base", new MockResponse.Builder().code(500)
        .setHeader("Content-Type", "application/json").body("{\"error\":\"Internal Error\"}").build());

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + url("/api/models/moka-ai/m3e-base?expand=model-index") + " -> HTTP 500");
  }

  @Test
  void aServerErrorOnAResultFileFailsTheSource() {
    hub.override(BGE_NO_REV + "TNews.json", new MockResponse.Builder().code(502).body("Bad Gateway").build());

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + url(BGE_NO_REV + "TNews.json") + " -> HTTP 502");
  }

  @Test
  void anHtmlPageWithStatus200FailsTheSource() {
    hub.override(BGE_NO_REV + "TNews.json", new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!doctype html><html><body>Sign in to continue</body></html>").build());

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(BGE_NO_REV + "TNews.json") + ": expected JSON, got an HTML page (text/html; charset=utf-8)");
  }

  @Test
  void anHtmlPageServedAsTextIsStillRefused() {
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "text/plain").body("\n<html><body>mirror maintenance</body></html>").build());

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("mteb: " + url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true")
            + ": expected JSON, got an HTML page");
  }

  @Test
  void aResultFileOfNoKnownFormatNamesSourceUrlAndWhatIsMissing() {
    hub.override(BGE_NO_REV + "TNews.json",
        MtebFixtureHub.json("{\"dataset_revision\": null, \"mteb_version\": \"2.0.0\", \"task\": \"TNews\"}"));

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(BGE_NO_REV + "TNews.json") + ": no 'scores' object (mteb 1.11+ format) and no split"
            + " object (legacy format) (have: [dataset_revision, mteb_version, task])");
  }

  @Test
  void aCurrentFormatEntryWithoutMainScoreFailsTheSource() {
    String path = MtebFixtureHub.RESOLVE + "results/infgrad__stella-base-zh-v2/external/TNews.json";
    hub.override(path, MtebFixtureHub.json(
        "{\"task_name\":\"TNews\",\"mteb_version\":\"0.0.0\",\"scores\":{\"validation\":[{\"hf_subset\":\"default\",\"accuracy\":51.2}]}}"));

    assertThatThrownBy(() -> source(List.of("infgrad/stella-base-zh-v2")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(path) + ": scores.validation[0]: 'main_score' missing");
  }

  @Test
  void aLegacyFileWithoutAnyKnownMainMetricFailsTheSource() {
    hub.override(BGE_NO_REV + "TNews.json", MtebFixtureHub.json(
        "{\"mteb_dataset_name\":\"TNews\",\"validation\":{\"evaluation_time\":30.21,\"weird_metric\":0.5}}"));

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("mteb: " + url(BGE_NO_REV + "TNews.json") + ": validation: no 'main_score' and no main metric")
        .hasMessageEndingWith("(have: [evaluation_time, weird_metric])");
  }

  @Test
  void aResultFileOutsideARevisionFolderIsALayoutChange() {
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", MtebFixtureHub.json(
        "[{\"type\":\"file\",\"oid\":\"0f5cb3713cb4d2c40c615d671d89a0eef85de4ef\",\"size\":390,"
            + "\"path\":\"results/moka-ai__m3e-base/Waimai.json\"}]"));

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true")
            + ": unexpected result file 'results/moka-ai__m3e-base/Waimai.json'"
            + " (expected results/moka-ai__m3e-base/<revision>/<Task>.json)");
  }

  @Test
  void aListingWhoseNextPageIsItselfFailsInsteadOfLooping() {
    String self = url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true");
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "application/json").setHeader("Link", "<" + self + ">; rel=\"next\"")
        .body(Fixtures.text(MtebFixtureHub.DIR + "tree/moka-ai__m3e-base.json")).build());

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + self + ": the listing's next page is a page already read");
  }

  @Test
  void aListingThatIsNotAnArrayFailsTheSource() {
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", MtebFixtureHub.json("{\"error\":\"unexpected\"}"));

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(MtebFixtureHub.TREE + "moka-ai__m3e-base?recursive=true")
            + ": expected a JSON array of tree entries");
  }

  @Test
  void aCardEntryWithoutItsMainMetricFailsTheSource() {
    String card = "{\"_id\":\"647e99df7b333bc2fb53b865\",\"id\":\"moka-ai/m3e-base\",\"model-index\":[{\"name\":\"m3e-base\","
        + "\"results\":[{\"task\":{\"type\":\"STS\"},\"dataset\":{\"name\":\"MTEB AFQMC\",\"config\":\"default\",\"split\":\"validation\"},"
        + "\"metrics\":[{\"type\":\"cos_sim_pearson\",\"value\":51.4}]}]}]}";
    hub.override("/api/models/moka-ai/m3e-base", MtebFixtureHub.json(card));

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url("/api/models/moka-ai/m3e-base?expand=model-index")
            + ": model-index[0].results[0] ('MTEB AFQMC'): no 'main_score' metric and no 'cos_sim_spearman' metric"
            + " (have: [cos_sim_pearson])");
  }

  @Test
  void contradictingDuplicatesFailTheSource() {
    // Two files of one revision folder naming the same task with different scores.
    hub.override(MtebFixtureHub.TREE + "moka-ai__m3e-base", MtebFixtureHub.json(
        "[{\"type\":\"file\",\"oid\":\"a\",\"size\":1,\"path\":\"results/moka-ai__m3e-base/no_revision_available/Waimai.json\"},"
            + "{\"type\":\"file\",\"oid\":\"b\",\"size\":1,\"path\":\"results/moka-ai__m3e-base/no_revision_available/Waimai2.json\"}]"));
    hub.override(MtebFixtureHub.RESOLVE + "results/moka-ai__m3e-base/no_revision_available/Waimai2.json",
        MtebFixtureHub.json("{\"mteb_dataset_name\":\"Waimai\",\"test\":{\"main_score\":0.5}}"));

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessageContaining("moka-ai/m3e-base Waimai no_revision_available/test/default is 50 here but 83.99 in ");
  }

  @Test
  void theRegistryBuildsTheSourceForTheEmbeddingGroup() throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, """
        front_matter:
          title: "AI 大模型"
        groups:
          - id: slm
            title: SLM
            models:
              - microsoft/phi-2
          - id: embedding
            title: Embedding LLM
            models:
              - moka-ai/m3e-base
        sources: [mteb]
        """);
    CatalogConfig config = ConfigLoader.load(file);

    List<Source> sources = Sources.create(config, new Environment(Map.of("HF_ENDPOINT", hub.endpoint())), fetcher);

    assertThat(sources).singleElement().isInstanceOf(MtebSource.class).extracting(Source::name).isEqualTo("mteb");
    SourceData data = sources.get(0).fetch();
    assertThat(data.observations()).extracting(Observation::subject).containsOnly("moka-ai/m3e-base");
    assertThat(requests()).extracting(r -> r.getUrl().encodedPath()).noneMatch(p -> p.contains("phi-2"));
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }
}
