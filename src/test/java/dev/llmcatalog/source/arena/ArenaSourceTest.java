package dev.llmcatalog.source.arena;

import static dev.llmcatalog.source.arena.ArenaParserTest.find;
import static dev.llmcatalog.source.arena.ArenaParserTest.raw;
import static dev.llmcatalog.source.arena.ArenaParserTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.config.Endpoints;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The whole source against a local server speaking the real paths: dataset viewer, Hub, GitHub raw, Gradio page. */
class ArenaSourceTest {
  private static final String DIR = "leaderboards/arena/";
  private static final String ROWS = "/viewer/rows";
  private static final String TREE = "/hub/api/spaces/lmsys/chatbot-arena-leaderboard/tree/main";
  private static final String RESOLVE = "/hub/spaces/lmsys/chatbot-arena-leaderboard/resolve/main/";
  private static final String CATALOG = "/raw/lmarena/arena-catalog/main/data/leaderboard-text.json";
  private static final String PAGE = "/gradio/";
  /** The Space's table names -> the (trimmed) fixtures holding them. */
  private static final Map<String, String> TABLES = Map.of(
      "leaderboard_table_20230619.csv", "leaderboard_table_20230619.csv",
      "leaderboard_table_20231220.csv", "leaderboard_table_20231220_head20.csv",
      "leaderboard_table_20240109.csv", "leaderboard_table_20240109_head20.csv",
      "leaderboard_table_20240125.csv", "leaderboard_table_20240125_head20.csv",
      "leaderboard_table_20250511.csv", "leaderboard_table_20250511_sample.csv");

  private final MockWebServer server = new MockWebServer();
  private final Upstream upstream = new Upstream();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Endpoints endpoints;
  private Fetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(upstream);
    server.start();
    String base = server.url("/").toString();
    base = base.substring(0, base.length() - 1);
    // A distinct path per upstream, so a request sent to the wrong base URL finds nothing.
    endpoints = new Endpoints(base + "/hub", base + "/viewer", base + "/oc", base + "/occdn", base + "/raw", base + "/tabby");
    fetcher = new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()));
    logs.start();
    ((Logger) LoggerFactory.getLogger(ArenaSource.class)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(ArenaSource.class)).detachAppender(logs);
    server.close();
  }

  private ArenaSource source(int tables) {
    return new ArenaSource(fetcher, endpoints, server.url(PAGE).toString(), tables);
  }

  private String url(String path) {
    String base = server.url("/").toString();
    return base.substring(0, base.length() - 1) + path;
  }

  @Test
  void readsAllThreePartsWithExactNumbers() throws Exception {
    SourceData data = source(1).fetch();
    List<Observation> obs = data.observations();

    // 1. current board (synthetic /rows answer holding the real 2025-08-04 sample's values)
    String rowsUrl = url(ROWS) + "?dataset=lmarena-ai%2Fleaderboard-dataset&config=text&split=latest&offset=0&length=100";
    assertThat(data.dataDate()).isEqualTo("2025-08-04");
    assertThat(value(obs, "Gemini-2.5-Pro", "", "rating")).isEqualTo("1470"); // the coding row before it says 1434
    assertThat(raw(obs, "Gemini-2.5-Pro", "", "rating")).isEqualTo("1470.0");
    assertThat(value(obs, "Gemini-2.5-Pro", "", "rank")).isEqualTo("1");
    assertThat(value(obs, "Gemini-2.5-Pro", "", "organization")).isEqualTo("Google");
    assertThat(value(obs, "Gemini-2.5-Pro", "", "license")).isEqualTo("Proprietary");
    assertThat(value(obs, "Gemini-2.5-Pro", "", "publish_date")).isEqualTo("2025-08-04");
    assertThat(find(obs, "Gemini-2.5-Pro", "", "rating").orElseThrow().url()).isEqualTo(rowsUrl);
    assertThat(value(obs, "GLM-4.5", "", "rating")).isEqualTo("1434"); // coding row: 1429
    assertThat(value(obs, "GLM-4.5", "", "rank")).isEqualTo("3"); // coding row says 2
    assertThat(value(obs, "GLM-4.5", "", "organization")).isEqualTo("Z.ai");
    assertThat(value(obs, "GLM-4.5", "", "license")).isEqualTo("MIT");
    assertThat(value(obs, "DeepSeek-R1", "", "rating")).isEqualTo("1372"); // coding row: 1365
    assertThat(value(obs, "DeepSeek-R1", "", "rank")).isEqualTo("31"); // coding row: 23
    assertThat(value(obs, "ChatGPT-4o-latest (2025-03-26)", "", "rating")).isEqualTo("1429");
    assertThat(value(obs, "Qwen3-235B-A22B-Instruct-2507", "", "rank")).isEqualTo("7");
    assertThat(value(obs, "Yi-Lightning", "", "organization")).isEqualTo("01 AI");
    assertThat(value(obs, "LLaMA-13B", "", "rating")).isEqualTo("840");
    assertThat(value(obs, "LLaMA-13B", "", "rank")).isEqualTo("266");
    assertThat(value(obs, "LLaMA-13B", "", "license")).isEqualTo("Non-commercial");
    assertThat(find(obs, "Llama-4-Maverick-03-26-Experimental", "", "license")).isEmpty(); // empty in the sample
    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(37);

    // 2. the newest history table only
    String v = "latest-table";
    assertThat(obs.stream().map(Observation::variant).filter(s -> !s.isEmpty()).distinct()).containsExactly(v);
    assertThat(value(obs, "qwen1.5-110b-chat", v, "mt_bench")).isEqualTo("8.88");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "mmlu")).isEqualTo("80.4");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "name")).isEqualTo("Qwen1.5-110B-Chat");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "edition_date")).isEqualTo("2025-05-11");
    assertThat(value(obs, "deepseek-llm-67b-chat", v, "organization")).isEqualTo("DeepSeek AI");
    assertThat(value(obs, "deepseek-llm-67b-chat", v, "license")).isEqualTo("DeepSeek License");
    assertThat(value(obs, "deepseek-llm-67b-chat", v, "knowledge_cutoff")).isEqualTo("2023/11");
    assertThat(find(obs, "deepseek-llm-67b-chat", v, "mt_bench")).isEmpty();
    assertThat(find(obs, "qwen1.5-110b-chat", v, "mt_bench").orElseThrow().url())
        .isEqualTo(url(RESOLVE) + "leaderboard_table_20250511.csv");

    // 3. arena-catalog, category full
    assertThat(value(obs, "gemini-2.5-pro", "", "catalog_rating")).isEqualTo("1464.461788215414");
    assertThat(value(obs, "gemini-2.5-pro", "", "catalog_rating_q975")).isEqualTo("1467.9021455827035");
    assertThat(value(obs, "gemini-2.5-pro", "", "catalog_rating_q025")).isEqualTo("1461.0214308481243");
    assertThat(value(obs, "glm-4.6", "", "catalog_rating")).isEqualTo("1441.1577248695578"); // not chinese's 1504.95...
    assertThat(value(obs, "yi-lightning", "", "catalog_rating")).isEqualTo("1302.507872982448");
    assertThat(value(obs, "chatglm-6b", "", "catalog_rating_q025")).isEqualTo("907.6235637092727");
    assertThat(find(obs, "yi-lightning", "", "catalog_rating").orElseThrow().url()).isEqualTo(url(CATALOG));

    // every observation once
    assertThat(obs.stream().map(o -> List.of(o.subject(), o.variant(), o.key())).distinct()).hasSize(obs.size());
    assertThat(obs.stream().map(Observation::key).distinct().sorted().collect(Collectors.joining(","))).isEqualTo(
        "catalog_rating,catalog_rating_q025,catalog_rating_q975,edition_date,knowledge_cutoff,license,mmlu,mt_bench,"
            + "name,organization,publish_date,rank,rating");

    // the requests: real paths and query, the listing followed to its second page, one table, no Gradio page
    assertThat(upstream.paths()).containsExactly(ROWS, TREE, TREE, RESOLVE + "leaderboard_table_20250511.csv", CATALOG);
    RecordedRequest rows = upstream.requests.get(0);
    assertThat(rows.getUrl().queryParameter("dataset")).isEqualTo("lmarena-ai/leaderboard-dataset");
    assertThat(rows.getUrl().queryParameter("config")).isEqualTo("text");
    assertThat(rows.getUrl().queryParameter("split")).isEqualTo("latest");
    assertThat(rows.getUrl().queryParameter("offset")).isEqualTo("0");
    assertThat(rows.getUrl().queryParameter("length")).isEqualTo("100");
    assertThat(upstream.requests.get(1).getUrl().query()).isNull();
    assertThat(upstream.requests.get(2).getUrl().queryParameter("cursor")).isEqualTo("page2");
    assertThat(upstream.requests).allSatisfy(r -> assertThat(r.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test"));
    assertThat(logs.list).isEmpty();
  }

  @Test
  void readsAsManyHistoryTablesAsAsked() throws Exception {
    List<Observation> obs = source(5).fetch().observations();

    assertThat(obs.stream().map(Observation::variant).filter(s -> !s.isEmpty()).distinct().sorted()).containsExactly(
        "latest-table", "table-20230619", "table-20231220", "table-20240109", "table-20240125");
    assertThat(value(obs, "GPT-4", "table-20230619", "elo")).isEqualTo("1227");
    assertThat(value(obs, "GPT-4", "table-20230619", "mt_bench_win_rate")).isEqualTo("69.38");
    assertThat(value(obs, "GPT-4-Turbo", "table-20231220", "elo")).isEqualTo("1243");
    assertThat(value(obs, "gpt-4-0314", "table-20240109", "mmlu")).isEqualTo("86.4");
    assertThat(value(obs, "gpt-4-0314", "table-20240125", "knowledge_cutoff")).isEqualTo("2021/9");
    assertThat(value(obs, "qwen2-72b-instruct", "latest-table", "mt_bench")).isEqualTo("9.12");
    assertThat(upstream.paths().stream().filter(p -> p.startsWith(RESOLVE))).containsExactly(
        RESOLVE + "leaderboard_table_20250511.csv", RESOLVE + "leaderboard_table_20240125.csv",
        RESOLVE + "leaderboard_table_20240109.csv", RESOLVE + "leaderboard_table_20231220.csv",
        RESOLVE + "leaderboard_table_20230619.csv");
  }

  @Test
  void fallsBackToTheGradioPageWhenTheDatasetViewerFails() throws Exception {
    upstream.override(ROWS, new MockResponse.Builder().code(500).setHeader("X-Error-Code", "ResponseNotReady")
        .setHeader("Content-Type", "application/json").body("{\"error\":\"The server is busier than usual\"}").build());

    SourceData data = source(1).fetch();
    List<Observation> obs = data.observations();

    assertThat(data.dataDate()).isNull(); // the page gives no publish date
    assertThat(value(obs, "GPT-4o-2024-05-13", "", "rating")).isEqualTo("1287");
    assertThat(value(obs, "GPT-4o-2024-05-13", "", "rank")).isEqualTo("1");
    assertThat(value(obs, "GPT-4o-2024-05-13", "", "organization")).isEqualTo("OpenAI");
    assertThat(value(obs, "GPT-4o-2024-05-13", "", "license")).isEqualTo("Proprietary");
    assertThat(find(obs, "GPT-4o-2024-05-13", "", "rating").orElseThrow().url()).isEqualTo(url(PAGE));
    assertThat(value(obs, "Claude 3 Opus", "", "rating")).isEqualTo("1249");
    assertThat(value(obs, "Claude 3 Opus", "", "rank")).isEqualTo("6");
    assertThat(value(obs, "Bard (Gemini Pro)", "", "rating")).isEqualTo("1208");
    assertThat(value(obs, "Qwen1.5-110B-Chat", "", "rating")).isEqualTo("1162");
    assertThat(value(obs, "Yi-1.5-34B-Chat", "", "license")).isEqualTo("Apache-2.0");
    assertThat(value(obs, "LLaMA-13B", "", "rating")).isEqualTo("798");
    assertThat(value(obs, "LLaMA-13B", "", "rank")).isEqualTo("108");
    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(37);
    // the other two parts are still there
    assertThat(value(obs, "qwen1.5-110b-chat", "latest-table", "mt_bench")).isEqualTo("8.88");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating")).isEqualTo("1486.6027120272704");

    assertThat(upstream.paths()).containsSequence(ROWS, PAGE);
    assertThat(logs.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("falling back to the Gradio page " + url(PAGE))
          .contains("HTTP 500 ResponseNotReady");
    });
  }

  @Test
  void aSchemaChangeInTheDatasetAlsoFallsBack() throws Exception {
    upstream.override(ROWS, json(Fixtures.text(DIR + "SYNTHETIC_rows_lmarena-ai--leaderboard-dataset_text_latest.json")
        .replace("\"rating\"", "\"score\"")));

    List<Observation> obs = source(1).fetch().observations();

    assertThat(value(obs, "GPT-4o-2024-05-13", "", "rating")).isEqualTo("1287");
    assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("column 'rating' missing"));
  }

  @Test
  void whenTheFallbackFailsTooBothReasonsAreGiven() {
    upstream.override(ROWS, json(Fixtures.text(DIR + "SYNTHETIC_rows_lmarena-ai--leaderboard-dataset_text_latest.json")
        .replace("\"rating\"", "\"score\"")));
    upstream.override(PAGE, html("<!doctype html><html><body><h1>Runtime error</h1><p>Space is paused</p></body></html>"));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("arena: dataset viewer: " + url(ROWS) + "?dataset=")
        .hasMessageContaining(": column 'rating' missing (have: [model_name, organization, score, rank, category, license,"
            + " leaderboard_publish_date])")
        .hasMessageContaining("; Gradio fallback: " + url(PAGE) + ": no <script> sets window.gradio_config");
  }

  @Test
  void aGradioPageWithoutTheArenaTableNamesTheMissingHeaders() {
    upstream.override(ROWS, new MockResponse.Builder().code(404).setHeader("X-Error-Code", "ResponseNotFound").build());
    upstream.override(PAGE, html(Fixtures.text(DIR + "SYNTHETIC_gradio_chatbot-arena-leaderboard_2024-06-19.html")
        .replace("\"License\"", "\"Licence\"")));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessageContaining("HTTP 404 ResponseNotFound")
        .hasMessageContaining("; Gradio fallback: " + url(PAGE) + ": no Gradio dataframe has the headers ['Model', 'Arena Elo'"
            + " or 'Arena Score', 'Organization', 'License']; missing 'License' (closest of 2 dataframes has [Rank* (UB), Model,"
            + " Arena Elo, 95% CI, Votes, Organization, Licence, Knowledge Cutoff])");
  }

  @Test
  void anHtmlPageInsteadOfTheDatasetAnswerFallsBack() throws Exception {
    upstream.override(ROWS, html("<!doctype html><html><body>Sign in</body></html>"));

    List<Observation> obs = source(1).fetch().observations();

    assertThat(value(obs, "GPT-4o-2024-05-13", "", "rating")).isEqualTo("1287");
    assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("expected JSON, got an HTML page"));
  }

  @Test
  void aFailingHistoryListingFailsTheSource() {
    upstream.override(TREE, new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("busy").build());

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + url(TREE) + " -> HTTP 503")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(503));
  }

  @Test
  void anHtmlPageInsteadOfATableFailsTheSource() {
    upstream.override(RESOLVE + "leaderboard_table_20250511.csv",
        html("<!DOCTYPE html><html><head><title>Hugging Face</title></head><body>429</body></html>"));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(RESOLVE) + "leaderboard_table_20250511.csv: expected CSV, got an HTML page (text/html; charset=utf-8)");
  }

  @Test
  void aTableThatLostItsModelColumnFailsTheSource() {
    upstream.override(RESOLVE + "leaderboard_table_20250511.csv", text(Fixtures.text(DIR + "leaderboard_table_20250511_sample.csv")
        .replace(",Model,", ",Name,")));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(RESOLVE) + "leaderboard_table_20250511.csv: column 'Model' missing (have: [key, Name,"
            + " MT-bench (score), MMLU, Knowledge cutoff date, License, Organization, Link])");
  }

  @Test
  void aSpaceWithoutTablesFailsTheSource() {
    upstream.override(TREE, json("[{\"type\":\"file\",\"oid\":\"0\",\"size\":1,\"path\":\"app.py\"}]"));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(TREE) + ": no leaderboard_table_YYYYMMDD.csv among 1 files");
  }

  @Test
  void aCatalogWithoutItsFullCategoryFailsTheSource() {
    upstream.override(CATALOG, text("{\"chinese\": {}}"));

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(CATALOG) + ": category 'full' missing (have: [chinese])");
  }

  @Test
  void aMissingCatalogFailsTheSource() {
    upstream.override(CATALOG, new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("404: Not Found").build());

    assertThatThrownBy(() -> source(1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + url(CATALOG) + " -> HTTP 404");
  }

  @Test
  void aTableCountBelowOneIsRefused() {
    assertThatThrownBy(() -> new ArenaSource(fetcher, endpoints, "https://x/", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("historyTables must be at least 1, got 0");
    assertThat(new ArenaSource(fetcher, Endpoints.defaults()).name()).isEqualTo("arena");
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  private static MockResponse text(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8").body(body).build();
  }

  private static MockResponse html(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8").body(body).build();
  }

  /** The four upstreams at their real paths (behind a per-upstream prefix), serving the fixtures. */
  private static final class Upstream extends Dispatcher {
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();

    void override(String path, MockResponse response) {
      overrides.put(path, response);
    }

    List<String> paths() {
      return requests.stream().map(r -> r.getUrl().encodedPath()).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.add(request);
      HttpUrl url = request.getUrl();
      String path = url.encodedPath();
      if (overrides.containsKey(path)) {
        return overrides.get(path);
      }
      switch (path) {
        case ROWS:
          return "lmarena-ai/leaderboard-dataset".equals(url.queryParameter("dataset"))
              && "text".equals(url.queryParameter("config")) && "latest".equals(url.queryParameter("split"))
              ? json(Fixtures.text(DIR + "SYNTHETIC_rows_lmarena-ai--leaderboard-dataset_text_latest.json"))
              : new MockResponse.Builder().code(404).build();
        case TREE:
          if (url.queryParameter("cursor") == null) {
            HttpUrl next = url.newBuilder().addQueryParameter("cursor", "page2").build();
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .setHeader("Link", "<" + next + ">; rel=\"next\"")
                .body(Fixtures.text(DIR + "SYNTHETIC_space-tree_lmsys--chatbot-arena-leaderboard_page1.json")).build();
          }
          return json(Fixtures.text(DIR + "SYNTHETIC_space-tree_lmsys--chatbot-arena-leaderboard_page2.json"));
        case CATALOG:
          return text(Fixtures.text(DIR + "arena_catalog_leaderboard-text_2025-12-11_trimmed.json"));
        case PAGE:
          return html(Fixtures.text(DIR + "SYNTHETIC_gradio_chatbot-arena-leaderboard_2024-06-19.html"));
        default:
          if (path.startsWith(RESOLVE) && TABLES.containsKey(path.substring(RESOLVE.length()))) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/csv; charset=utf-8")
                .body(Fixtures.text(DIR + TABLES.get(path.substring(RESOLVE.length())))).build();
          }
          return new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("Not Found").build();
      }
    }
  }
}
