package dev.llmcatalog.source.mteb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import dev.llmcatalog.testsupport.RawGithub;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
  static final String BGE = MtebFixtureHub.FILES + "BAAI__bge-base-zh-v1.5/";
  static final String BGE_NO_REV = BGE + "no_revision_available/";
  static final String BGE_REV = BGE + "f03589ceff5aac7111bd60cfc7d497ca17ecac65/";

  private final MockWebServer server = LocalServers.mockWebServer();
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
    return source(fetcher, models);
  }

  private MtebSource source(Fetcher with, List<String> models) {
    return new MtebSource(with, hub.endpoint(), hub.githubRaw(), models);
  }

  private String url(String path) {
    return hub.endpoint() + path;
  }

  /** The raw GitHub URL of {@code pathInRepo}. */
  private String file(String pathInRepo) {
    return url(MtebFixtureHub.RAW + pathInRepo);
  }

  /** The index with {@code folder}'s entry replaced by {@code paths} (a JSON array), or removed when null. */
  private static MockResponse indexWith(String folder, String paths) {
    String index = Fixtures.text(MtebFixtureHub.DIR + "github/SYNTHETIC_paths.json");
    String entry = "(?s)\n  \"" + java.util.regex.Pattern.quote(folder) + "\": \\[.*?\n  \\],?";
    String edited = paths == null ? index.replaceFirst(entry, "") : index.replaceFirst(entry,
        java.util.regex.Matcher.quoteReplacement("\n  \"" + folder + "\": " + paths + ","));
    return MtebFixtureHub.text(edited.replace(",\n}", "\n}"));
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
    assertThat(data.withoutData()).isEmpty();
  }

  @Test
  void readsTheIndexOnceThenEachModelsCardAndListedFilesAtTheirRealPaths() throws Exception {
    source(List.of("BAAI/bge-base-zh-v1.5", "moka-ai/m3e-base")).fetch();

    List<RecordedRequest> requests = requests();
    assertThat(requests).extracting(r -> r.getUrl().encodedPath()).containsExactly(
        "/gh/embeddings-benchmark/results/main/paths.json",
        "/api/models/BAAI/bge-base-zh-v1.5",
        BGE_REV + "TenKGnadClusteringS2S.json",
        BGE_NO_REV + "T2Retrieval.json",
        BGE_NO_REV + "TNews.json",
        "/api/models/moka-ai/m3e-base",
        MtebFixtureHub.FILES + "moka-ai__m3e-base/no_revision_available/Waimai.json");
    assertThat(requests.get(1).getUrl().encodedQuery()).isEqualTo("expand=model-index");
    assertThat(requests).filteredOn(r -> r.getUrl().encodedPath().startsWith("/gh/"))
        .allSatisfy(r -> assertThat(r.getUrl().encodedQuery()).isNull());
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
      assertThat(r.getHeaders().get("If-None-Match")).isNull(); // nothing archived yet
    });
  }

  @Test
  void anUnchangedIndexIsRevalidatedAndTheArchivedCopyReadAgain() throws Exception {
    // The raw archive, in memory: the newest answer per URL, as RawArchive.lookup gives it.
    Map<String, Fetched> archive = new ConcurrentHashMap<>();
    Fetcher archiving = fetcher.withListener(e -> archive.put(e.fetched().requestedUrl(), e.fetched()))
        .withArchive((method, u) -> Optional.ofNullable(archive.get(u)));
    SourceData first = source(archiving, MODELS).fetch();
    requests();

    SourceData second = source(archiving, MODELS).fetch();

    RecordedRequest index = requests().get(0);
    assertThat(index.getUrl().encodedPath()).isEqualTo(MtebFixtureHub.INDEX);
    assertThat(index.getHeaders().get("If-None-Match"))
        .isEqualTo(RawGithub.etag(Fixtures.bytes(MtebFixtureHub.DIR + "github/SYNTHETIC_paths.json")));
    assertThat(archive.get(file("paths.json")).headers().get("X-LLM-Catalog-Revalidated")).isEqualTo("304 Not Modified");
    assertThat(second.observations()).isEqualTo(first.observations());
  }

  @Test
  void neverReadsModelMetaEvenWhenTheIndexListsIt() throws Exception {
    hub.override(MtebFixtureHub.INDEX, indexWith("infgrad__stella-base-zh-v2",
        "[\"results/infgrad__stella-base-zh-v2/external/model_meta.json\","
            + " \"results/infgrad__stella-base-zh-v2/external/TNews.json\"]"));

    SourceData data = source(List.of("infgrad/stella-base-zh-v2")).fetch();

    assertThat(requests()).extracting(r -> r.getUrl().encodedPath()).noneMatch(p -> p.endsWith("model_meta.json"))
        .contains(MtebFixtureHub.FILES + "infgrad__stella-base-zh-v2/external/TNews.json");
    assertThat(data.observations()).extracting(Observation::key).containsExactly("TNews");
  }

  @Test
  void aModelTheIndexDoesNotListIsNamedWithoutResultsAndKeepsItsCardScores() throws Exception {
    hub.override(MtebFixtureHub.INDEX, indexWith("sensenova__piccolo-large-zh", null));

    SourceData data = source(List.of("sensenova/piccolo-large-zh", "nobody/no-such-model", "moka-ai/m3e-base")).fetch();

    assertThat(data.observations()).extracting(Observation::subject).containsOnly("sensenova/piccolo-large-zh", "moka-ai/m3e-base");
    assertThat(data.observations()).filteredOn(o -> o.subject().equals("sensenova/piccolo-large-zh"))
        .hasSize(6).allSatisfy(o -> assertThat(o.variant()).startsWith("model-index/"));
    assertThat(data.withoutData()).containsExactly("sensenova/piccolo-large-zh", "nobody/no-such-model");
    assertThat(requests()).extracting(r -> r.getUrl().encodedPath())
        .contains("/api/models/nobody/no-such-model").noneMatch(p -> p.contains("no-such-model") && p.startsWith("/gh/"));
  }

  @Test
  void aModelWhoseListedFilesAreAllGoneIsNamedWithoutResults() throws Exception {
    // The index still lists the folder, the repository no longer has it: the state of a pruned folder (results PR #362).
    for (String gone : List.of(BGE_REV + "TenKGnadClusteringS2S.json", BGE_NO_REV + "T2Retrieval.json", BGE_NO_REV + "TNews.json")) {
      hub.override(gone, RawGithub.notFound());
    }

    SourceData data = source(List.of("BAAI/bge-base-zh-v1.5", "moka-ai/m3e-base")).fetch();

    assertThat(data.observations()).extracting(Observation::subject, Observation::key, Observation::value)
        .containsExactly(tuple("moka-ai/m3e-base", "Waimai", "83.99"));
    assertThat(data.withoutData()).containsExactly("BAAI/bge-base-zh-v1.5");
  }

  @Test
  void oneListedFileGoneWhileOthersRemainFailsTheSourceNamingIt() {
    hub.override(BGE_NO_REV + "TNews.json", RawGithub.notFound());

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + url(BGE_NO_REV + "TNews.json") + " -> HTTP 404: listed in " + file("paths.json")
            + " but not in the repository (1 of BAAI/bge-base-zh-v1.5's 3 files are gone)")
        .satisfies(e -> assertThat(((FetchException) e).url()).isEqualTo(url(BGE_NO_REV + "TNews.json")));
  }

  @Test
  void aMissingIndexFailsTheSource() {
    hub.override(MtebFixtureHub.INDEX, RawGithub.notFound());

    assertThatThrownBy(() -> source(MODELS).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: GET " + file("paths.json") + " -> HTTP 404");
  }

  @Test
  void anEmptyIndexFailsTheSource() {
    hub.override(MtebFixtureHub.INDEX, MtebFixtureHub.text("{}"));

    assertThatThrownBy(() -> source(MODELS).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + file("paths.json") + ": the index lists no model folder");
  }

  @Test
  void anIndexOfAnotherShapeFailsTheSource() {
    hub.override(MtebFixtureHub.INDEX, MtebFixtureHub.text("[\"results/moka-ai__m3e-base/no_revision_available/Waimai.json\"]"));
    assertThatThrownBy(() -> source(MODELS).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + file("paths.json") + ": expected an object of model folder -> result file paths, got ARRAY");

    hub.override(MtebFixtureHub.INDEX, MtebFixtureHub.text("{\"moka-ai__m3e-base\": {\"no_revision_available\": [\"Waimai.json\"]}}"));
    assertThatThrownBy(() -> source(MODELS).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + file("paths.json") + ": 'moka-ai__m3e-base' is not a list of paths (OBJECT)");
  }

  @Test
  void aListedPathOutsideARevisionFolderIsALayoutChange() {
    hub.override(MtebFixtureHub.INDEX, indexWith("moka-ai__m3e-base", "[\"results/moka-ai__m3e-base/Waimai.json\"]"));

    assertThatThrownBy(() -> source(List.of("moka-ai/m3e-base")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + file("paths.json") + ": 'moka-ai__m3e-base' lists 'results/moka-ai__m3e-base/Waimai.json'"
            + " (expected results/moka-ai__m3e-base/<revision>/<Task>.json)");
  }

  @Test
  void anHtmlPageInsteadOfTheIndexFailsTheSource() {
    hub.override(MtebFixtureHub.INDEX, new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
        .body("\n<html><body>rate limited</body></html>").build());

    assertThatThrownBy(() -> source(MODELS).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("mteb: " + file("paths.json") + ": expected JSON, got an HTML page");
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
        .hasMessage("mteb: GET " + url(BGE_NO_REV + "TNews.json") + " -> HTTP 502")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(502));
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
  void aResultFileOfNoKnownFormatNamesSourceUrlAndWhatIsMissing() {
    hub.override(BGE_NO_REV + "TNews.json",
        MtebFixtureHub.text("{\"dataset_revision\": null, \"mteb_version\": \"2.0.0\", \"task\": \"TNews\"}"));

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(BGE_NO_REV + "TNews.json") + ": no 'scores' object (mteb 1.11+ format) and no split"
            + " object (legacy format) (have: [dataset_revision, mteb_version, task])");
  }

  @Test
  void aCurrentFormatEntryWithoutMainScoreFailsTheSource() {
    String path = MtebFixtureHub.FILES + "infgrad__stella-base-zh-v2/external/TNews.json";
    hub.override(path, MtebFixtureHub.text(
        "{\"task_name\":\"TNews\",\"mteb_version\":\"0.0.0\",\"scores\":{\"validation\":[{\"hf_subset\":\"default\",\"accuracy\":51.2}]}}"));

    assertThatThrownBy(() -> source(List.of("infgrad/stella-base-zh-v2")).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("mteb: " + url(path) + ": scores.validation[0]: 'main_score' missing");
  }

  @Test
  void aLegacyFileWithoutAnyKnownMainMetricFailsTheSource() {
    hub.override(BGE_NO_REV + "TNews.json", MtebFixtureHub.text(
        "{\"mteb_dataset_name\":\"TNews\",\"validation\":{\"evaluation_time\":30.21,\"weird_metric\":0.5}}"));

    assertThatThrownBy(() -> source(List.of("BAAI/bge-base-zh-v1.5")).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("mteb: " + url(BGE_NO_REV + "TNews.json") + ": validation: no 'main_score' and no main metric")
        .hasMessageEndingWith("(have: [evaluation_time, weird_metric])");
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
    hub.override(MtebFixtureHub.INDEX, indexWith("moka-ai__m3e-base",
        "[\"results/moka-ai__m3e-base/no_revision_available/Waimai.json\","
            + " \"results/moka-ai__m3e-base/no_revision_available/Waimai2.json\"]"));
    hub.override(MtebFixtureHub.FILES + "moka-ai__m3e-base/no_revision_available/Waimai2.json",
        MtebFixtureHub.text("{\"mteb_dataset_name\":\"Waimai\",\"test\":{\"main_score\":0.5}}"));

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
    CatalogConfig config = TestConfigs.load(file);

    List<Source> sources = Sources.create(config, new Environment(Map.of("HF_ENDPOINT", hub.endpoint(), "LLM_CATALOG_GITHUB_RAW", hub.githubRaw())), fetcher);

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
