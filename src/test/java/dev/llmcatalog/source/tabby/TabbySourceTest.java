package dev.llmcatalog.source.tabby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source over a local copy of leaderboard.tabbyml.com serving the real board files. */
class TabbySourceTest {
  private static final String DIR = "leaderboards/tabbyml/";

  private final MockWebServer server = LocalServers.mockWebServer();
  private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        MockResponse override = overrides.get(path);
        if (override != null) {
          return override;
        }
        // The site's files sit at its root; a mirror may put them under a path.
        String file = path.replaceFirst("^/(mirror/tabbyml/)?", "");
        if (file.matches("[a-z0-9_]+\\.yml") && Fixtures.exists(DIR + file)) {
          return yaml(Fixtures.bytes(DIR + file));
        }
        return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("Not Found").build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse yaml(byte[] body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/yaml; charset=utf-8")
        .body(new Buffer().write(body)).build();
  }

  private TabbySource source(String endpoint) {
    Fetcher fetcher = new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()));
    return new TabbySource(fetcher, endpoint);
  }

  private String base() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1); // as Endpoints gives it: no trailing slash
  }

  private String url(String file) {
    return server.url("/" + file).toString();
  }

  private static String value(SourceData data, String subject, String variant, String key) {
    List<Observation> found = data.observations().stream()
        .filter(o -> o.subject().equals(subject) && o.variant().equals(variant) && o.key().equals(key)).toList();
    assertThat(found).as("%s / %s / %s", subject, variant, key).hasSize(1);
    return found.get(0).value();
  }

  private static Observation observation(SourceData data, String subject, String variant, String key) {
    return data.observations().stream()
        .filter(o -> o.subject().equals(subject) && o.variant().equals(variant) && o.key().equals(key))
        .findFirst().orElseThrow(() -> new AssertionError("no " + subject + " / " + variant + " / " + key));
  }

  @Test
  void readsTheThreeTabsInOrderFromTheirRealPaths() throws Exception {
    SourceData data = source(base()).fetch();

    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getUrl().query()).isNull();
      assertThat(request.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
      paths.add(request.getUrl().encodedPath());
    }
    assertThat(paths).containsExactly("/tabby.yml", "/instruct.yml", "/cceval.yml");
    assertThat(server.getRequestCount()).isEqualTo(3);

    // 17 + 4 + 9 models; each has 3 modes x (4 languages + the average) = 15 values.
    assertThat(data.observations()).hasSize((17 + 4 + 9) * 15);
    assertThat(data.dataDate()).isNull();
    assertThat(data.missing()).isEmpty();
    assertThat(data.aliases()).isEmpty();
    assertThat(data.observations()).allSatisfy(o -> assertThat(o.url()).isEqualTo(url(o.variant() + ".yml")));
    assertThat(data.observations().stream().map(Observation::variant).distinct())
        .containsExactly("tabby", "instruct", "cceval");
    assertThat(data.observations().stream().map(o -> o.subject() + '|' + o.variant() + '|' + o.key()).distinct())
        .hasSize(data.observations().size());
  }

  @Test
  void tabbyTabExactNumbers() throws Exception {
    SourceData data = source(base()).fetch();

    assertThat(data.observations().stream().filter(o -> o.subject().equals("DeepSeekCoder-V2-Lite")).map(Observation::key))
        .containsExactly(
            "baseline_java", "baseline_csharp", "baseline_typescript", "baseline_python", "baseline_average",
            "bm25_java", "bm25_csharp", "bm25_typescript", "bm25_python", "bm25_average",
            "oracle_java", "oracle_csharp", "oracle_typescript", "oracle_python", "oracle_average");
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "baseline_java")).isEqualTo("36.65");
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "baseline_csharp")).isEqualTo("49.89");
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "bm25_typescript")).isEqualTo("32.21");
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "oracle_python")).isEqualTo("44.02");
    // Baseline: (36.65 + 49.89 + 30.84 + 34.11) / 4 = 151.49 / 4 = 37.8725 -> 37.87
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "baseline_average")).isEqualTo("37.87");
    // BM25: (44.18 + 53.17 + 32.21 + 38.95) / 4 = 168.51 / 4 = 42.1275 -> 42.13
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "bm25_average")).isEqualTo("42.13");
    // Oracle: (49.32 + 58.31 + 36.08 + 44.02) / 4 = 187.73 / 4 = 46.9325 -> 46.93
    assertThat(value(data, "DeepSeekCoder-V2-Lite", "tabby", "oracle_average")).isEqualTo("46.93");

    // "C#: 50" is an integer in the file; value and text agree, so no raw is kept.
    Observation fifty = observation(data, "Codestral-22B", "tabby", "baseline_csharp");
    assertThat(fifty.value()).isEqualTo("50");
    assertThat(fifty.raw()).isNull();
    // (37.31 + 50 + 33.16 + 36.92) / 4 = 157.39 / 4 = 39.3475 -> 39.35
    assertThat(value(data, "Codestral-22B", "tabby", "baseline_average")).isEqualTo("39.35");

    // StarCoder-1B BM25: (30.58 + 40.84 + 23.33 + 29.19) / 4 = 123.94 / 4 = 30.985 -> 30.99
    assertThat(value(data, "StarCoder-1B", "tabby", "bm25_average")).isEqualTo("30.99");
    // StarCoder-1B Oracle: (33.99 + 44.68 + 27.65 + 34.26) / 4 = 140.58 / 4 = 35.145 exactly, but the site's
    // double arithmetic gives 35.14499999... and the page shows 35.14 (not the decimal HALF_UP 35.15).
    assertThat(value(data, "StarCoder-1B", "tabby", "oracle_average")).isEqualTo("35.14");
    // StarCoder2-15B Baseline: (34.55 + 42.53 + 28.43 + 22.51) / 4 = 128.02 / 4 = 32.005; the page shows 32.
    assertThat(value(data, "StarCoder2-15B", "tabby", "baseline_average")).isEqualTo("32");
    // "Python: 17" is the file's text; (45.11 + 55.66 + 34.33 + 17) / 4 = 152.1 / 4 = 38.025 -> 38.03
    assertThat(value(data, "StarCoder2-7B", "tabby", "oracle_python")).isEqualTo("17");
    assertThat(value(data, "StarCoder2-7B", "tabby", "oracle_average")).isEqualTo("38.03");
    // Qwen2.5-Coder-14B Oracle: (54.56 + 63.18 + 42.61 + 38.46) / 4 = 198.81 / 4 = 49.7025 -> 49.7
    assertThat(value(data, "Qwen2.5-Coder-14B", "tabby", "oracle_average")).isEqualTo("49.7");
  }

  @Test
  void instructTabWithItsIrregularIndentationAndSpacing() throws Exception {
    SourceData data = source(base()).fetch();

    // StarCoder-1B is indented by 4 and 6 spaces, the other models by 2 and 4.
    assertThat(value(data, "StarCoder-1B", "instruct", "bm25_csharp")).isEqualTo("5.66");
    assertThat(value(data, "StarCoder-1B", "instruct", "oracle_python")).isEqualTo("12.68");
    // BM25: (5.66 + 3.79 + 8.89 + 8.05) / 4 = 26.39 / 4 = 6.5975 -> 6.60, shown as 6.6
    assertThat(value(data, "StarCoder-1B", "instruct", "bm25_average")).isEqualTo("6.6");
    // Baseline: (1.75 + 0.79 + 1.13 + 4.29) / 4 = 7.96 / 4 = 1.99
    assertThat(value(data, "StarCoder-1B", "instruct", "baseline_average")).isEqualTo("1.99");

    // "Typescript:   10.46": extra spaces after the colon.
    Observation spaced = observation(data, "StarCoder-3B", "instruct", "bm25_typescript");
    assertThat(spaced.value()).isEqualTo("10.46");
    assertThat(spaced.raw()).isNull();
    // BM25: (6.67 + 4.35 + 12.08 + 10.46) / 4 = 33.56 / 4 = 8.39
    assertThat(value(data, "StarCoder-3B", "instruct", "bm25_average")).isEqualTo("8.39");
    // "C#:   2.88"; Baseline: (2.88 + 1.82 + 5.33 + 6.97) / 4 = 17.00 / 4 = 4.25
    assertThat(value(data, "WizardCoder-3B", "instruct", "baseline_csharp")).isEqualTo("2.88");
    assertThat(value(data, "WizardCoder-3B", "instruct", "baseline_average")).isEqualTo("4.25");
    // WizardCoder-1B Oracle: (7.81 + 4.63 + 12.87 + 10.07) / 4 = 35.38 / 4 = 8.845; the page shows 8.84.
    assertThat(value(data, "WizardCoder-1B", "instruct", "oracle_average")).isEqualTo("8.84");
    assertThat(data.observations().stream().filter(o -> o.variant().equals("instruct")).map(Observation::subject).distinct())
        .containsExactly("StarCoder-1B", "StarCoder-3B", "WizardCoder-1B", "WizardCoder-3B");
  }

  @Test
  void ccevalTabWithItsTypeScriptCasing() throws Exception {
    SourceData data = source(base()).fetch();

    Predicate<Observation> cceval = o -> o.variant().equals("cceval");
    // "TypeScript" here, "Typescript" in the other files: one key.
    assertThat(data.observations().stream().filter(cceval).map(Observation::key).distinct()).containsExactlyInAnyOrder(
        "bm25_csharp", "bm25_java", "bm25_python", "bm25_typescript", "bm25_average",
        "baseline_csharp", "baseline_java", "baseline_python", "baseline_typescript", "baseline_average",
        "oracle_csharp", "oracle_java", "oracle_python", "oracle_typescript", "oracle_average");
    assertThat(value(data, "CodeGen-16B", "cceval", "bm25_typescript")).isEqualTo("7.06");
    // (5.54 + 11.69 + 12.46 + 7.06) / 4 = 36.75 / 4 = 9.1875 -> 9.19
    assertThat(value(data, "CodeGen-16B", "cceval", "bm25_average")).isEqualTo("9.19");
    // GPT-3.5-turbo Baseline: (3.56 + 12.3 + 4.88 + 6.38) / 4 = 27.12 / 4 = 6.78
    assertThat(value(data, "GPT-3.5-turbo", "cceval", "baseline_java")).isEqualTo("12.3");
    assertThat(value(data, "GPT-3.5-turbo", "cceval", "baseline_average")).isEqualTo("6.78");
    // "Java: 10.0": canonical 10, the file's text kept as raw.
    Observation ten = observation(data, "CodeGen-2.7B", "cceval", "bm25_java");
    assertThat(ten.value()).isEqualTo("10");
    assertThat(ten.raw()).isEqualTo("10.0");
    // (4.24 + 10.0 + 9.64 + 6.47) / 4 = 30.35 / 4 = 7.5875 -> 7.59
    assertThat(value(data, "CodeGen-2.7B", "cceval", "bm25_average")).isEqualTo("7.59");
    // StarCoder-1B Baseline: (0.11 + 0.19 + 0.19 + 0.06) / 4 = 0.55 / 4 = 0.1375 -> 0.14
    assertThat(value(data, "StarCoder-1B", "cceval", "baseline_average")).isEqualTo("0.14");
    // StarCoder-15B Oracle: (20.08 + 19.92 + 21.01 + 11.02) / 4 = 72.03 / 4 = 18.0075 -> 18.01
    assertThat(value(data, "StarCoder-15B", "cceval", "oracle_average")).isEqualTo("18.01");
  }

  @Test
  void oneModelInThreeTabsIsThreeRows() throws Exception {
    SourceData data = source(base()).fetch();

    assertThat(value(data, "StarCoder-1B", "tabby", "bm25_python")).isEqualTo("29.19");
    assertThat(value(data, "StarCoder-1B", "instruct", "bm25_python")).isEqualTo("8.89");
    assertThat(value(data, "StarCoder-1B", "cceval", "bm25_python")).isEqualTo("8.18");
    // 17 in tabby.yml; instruct.yml adds WizardCoder-1B/3B; cceval.yml adds 7 (StarCoder-1B/3B are in tabby.yml).
    assertThat(data.subjects()).isEqualTo(17 + 2 + 7);
  }

  @Test
  void everyAverageEqualsWhatThePageShows() throws Exception {
    SourceData data = source(base()).fetch();

    // site-averages.tsv: the site's own addAverage run under Node on the fixture files (see SOURCES.md).
    List<String> lines = Fixtures.text(DIR + "site-averages.tsv").lines().skip(1)
        .filter(l -> !l.startsWith("tabby_20231110")).toList();
    assertThat(lines).hasSize((17 + 4 + 9) * 3);
    for (String line : lines) {
      String[] f = line.split("\t");
      assertThat(value(data, f[1], f[0], TabbyParser.canonical(f[2]) + "_average")).as(line).isEqualTo(f[3]);
    }
  }

  @Test
  void aMirrorUnderAPathIsAskedUnderThatPath() throws Exception {
    source(server.url("/mirror/tabbyml").toString()).fetch();

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/mirror/tabbyml/tabby.yml");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/mirror/tabbyml/instruct.yml");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/mirror/tabbyml/cceval.yml");
  }

  @Test
  void theContentTypeDoesNotMatterForYaml() throws Exception {
    overrides.put("/cceval.yml", new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
        .body(new Buffer().write(Fixtures.bytes(DIR + "cceval.yml"))).build());

    assertThat(value(source(base()).fetch(), "CodeGen-16B", "cceval", "bm25_average")).isEqualTo("9.19");
  }

  @Test
  void anHtmlPageWithStatus200FailsTheSource() {
    // What a static host's app fallback answers for a file that is gone.
    overrides.put("/instruct.yml", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
        .body("<!doctype html><html><head><title>Coding LLMs Leaderboard</title></head><body><div id=\"root\"></div></body></html>")
        .build());

    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("instruct.yml") + ": expected YAML, got an HTML page (text/html; charset=utf-8)")
        .satisfies(e -> assertThat(((FetchException) e).url()).isEqualTo(url("instruct.yml")));
  }

  @Test
  void htmlServedAsYamlIsStillHtml() {
    overrides.put("/cceval.yml", new MockResponse.Builder().code(200).setHeader("Content-Type", "text/yaml")
        .body("\n  <html><body>moved</body></html>").build());

    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("cceval.yml") + ": expected YAML, got an HTML page (text/yaml)");
  }

  @Test
  void anHttpErrorFailsTheSource() {
    overrides.put("/cceval.yml", new MockResponse.Builder().code(503).body("busy").build());

    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("cceval.yml") + ": GET -> HTTP 503")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(503));
  }

  @Test
  void aMissingFileFailsTheSource() {
    assertThatThrownBy(() -> source(server.url("/elsewhere").toString()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + server.url("/elsewhere/tabby.yml") + ": GET -> HTTP 404");
  }

  @Test
  void anUnreachableHostFailsTheSource() throws Exception {
    String gone = base();
    server.close(); // nothing listens on that port any more

    assertThatThrownBy(() -> source(gone).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("tabby: GET " + gone + "/tabby.yml failed: ");
  }

  @Test
  void yamlThatIsNotAMappingOfMappingsFailsTheSource() {
    overrides.put("/instruct.yml", yaml("- StarCoder-1B\n- StarCoder-3B\n".getBytes()));
    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("instruct.yml") + ": expected a mapping of models, got a list (line 1)");

    overrides.put("/instruct.yml", yaml("StarCoder-1B: 8.89\n".getBytes()));
    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("instruct.yml")
            + ": model 'StarCoder-1B' (line 1): expected a mapping of modes (Baseline, BM25, Oracle), got the number 8.89");

    overrides.put("/instruct.yml", yaml("StarCoder-1B:\n  BM25: [1, 2]\n".getBytes()));
    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("instruct.yml")
            + ": model 'StarCoder-1B' mode 'BM25' (line 2): expected a mapping of languages to percents, got a list");
  }

  @Test
  void aFileWithNoModelsFailsTheSource() {
    overrides.put("/tabby.yml", yaml(new byte[0]));
    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("tabby.yml") + ": empty file: no models");

    overrides.put("/tabby.yml", yaml("{}\n".getBytes()));
    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("tabby.yml") + ": no models");
  }

  @Test
  void aModelWithoutOneOfTheThreeModesFailsTheSource() {
    // "Bm-25" still counts as BM25; Oracle is gone. The site's page would break on such a model.
    overrides.put("/cceval.yml", yaml("StarCoder-7B:\n  Bm-25:\n    Java: 15.61\n  Baseline:\n    Java: 8.74\n".getBytes()));

    assertThatThrownBy(() -> source(base()).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("tabby: " + url("cceval.yml") + ": model 'StarCoder-7B' (line 1): mode 'oracle' missing (have: Bm-25, Baseline)");
  }
}
