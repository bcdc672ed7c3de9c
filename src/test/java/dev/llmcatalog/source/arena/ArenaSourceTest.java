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
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.LocalServers;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The whole source against a local server speaking the real paths: dataset viewer, Hub, GitHub raw. */
class ArenaSourceTest {
  private static final String DIR = "leaderboards/arena/";
  private static final String FILTER = "/viewer/filter";
  private static final String TREE = "/hub/api/spaces/lmarena-ai/arena-leaderboard/tree/main";
  private static final String RESOLVE = "/hub/spaces/lmarena-ai/arena-leaderboard/resolve/main/";
  private static final String CATALOG = "/raw/lmarena/arena-catalog/main/data/leaderboard-text-style-control.json";
  private static final String TEXT_CATALOG = "/raw/lmarena/arena-catalog/main/data/leaderboard-text.json";
  private static final String STYLE_FILTER =
      "SYNTHETIC_filter_lmarena-ai--leaderboard-dataset_text_style_control_latest_overall.json";
  private static final String TEXT_FILTER = "SYNTHETIC_filter_lmarena-ai--leaderboard-dataset_text_latest_overall.json";
  /** The Space's table names -> the (trimmed) fixtures holding them. */
  private static final Map<String, String> TABLES = Map.of(
      "leaderboard_table_20230619.csv", "leaderboard_table_20230619.csv",
      "leaderboard_table_20231220.csv", "leaderboard_table_20231220_head20.csv",
      "leaderboard_table_20240109.csv", "leaderboard_table_20240109_head20.csv",
      "leaderboard_table_20240125.csv", "leaderboard_table_20240125_head20.csv",
      "leaderboard_table_20250511.csv", "leaderboard_table_20250511_sample.csv");

  private final MockWebServer server = LocalServers.mockWebServer();
  private final Upstream upstream = new Upstream();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  /** A distinct path per upstream below it, so a request sent to the wrong base URL finds nothing. */
  private String base;
  private Fetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(upstream);
    server.start();
    String root = server.url("/").toString();
    base = root.substring(0, root.length() - 1);
    fetcher = new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()));
    logs.start();
    ((Logger) LoggerFactory.getLogger(ArenaSource.class)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(ArenaSource.class)).detachAppender(logs);
    server.close();
  }

  private ArenaSource source() {
    return new ArenaSource(fetcher, base + "/hub", base + "/viewer", base + "/raw", ArenaConfig.defaults(),
        ArenaSource.DEFAULT_HISTORY_TABLES);
  }

  private ArenaSource source(String subset, int tables) {
    return new ArenaSource(fetcher, base + "/hub", base + "/viewer", base + "/raw", new ArenaConfig(subset, "overall"),
        tables);
  }

  private String url(String path) {
    String base = server.url("/").toString();
    return base.substring(0, base.length() - 1) + path;
  }

  private static String filterUrl(String base, String subset, int offset) {
    return base + "?dataset=lmarena-ai%2Fleaderboard-dataset&config=" + subset
        + "&split=latest&where=%22category%22%3D%27overall%27&offset=" + offset + "&length=100";
  }

  @Test
  void readsTheStyleControlledBoardByDefaultWithExactNumbers() throws Exception {
    SourceData data = source().fetch();
    List<Observation> obs = data.observations();

    // 1. the board lmarena.ai shows first: text_style_control, overall (synthetic /filter answer of real ratings)
    assertThat(data.dataDate()).isEqualTo("2025-12-11");
    assertThat(value(obs, "gemini-3-pro", "", "rating")).isEqualTo("1492.0464937622653");
    assertThat(value(obs, "gemini-3-pro", "", "rank")).isEqualTo("1");
    assertThat(value(obs, "gemini-3-pro", "", "organization")).isEqualTo("Google");
    assertThat(value(obs, "gemini-3-pro", "", "license")).isEqualTo("Proprietary");
    assertThat(value(obs, "gemini-3-pro", "", "publish_date")).isEqualTo("2025-12-11");
    assertThat(find(obs, "gemini-3-pro", "", "rating").orElseThrow().url())
        .isEqualTo(filterUrl(url(FILTER), "text_style_control", 0));
    // gemini-2.5-pro: second on the text board (1464.46), seventh and rank 6 with style control
    assertThat(value(obs, "gemini-2.5-pro", "", "rating")).isEqualTo("1450.9709341364633");
    assertThat(value(obs, "gemini-2.5-pro", "", "rank")).isEqualTo("6");
    assertThat(value(obs, "qwen3-235b-a22b-instruct-2507", "", "license")).isEqualTo("Apache 2.0");
    assertThat(value(obs, "yi-34b-chat", "", "organization")).isEqualTo("01 AI");
    assertThat(value(obs, "stablelm-tuned-alpha-7b", "", "rank")).isEqualTo("281");
    assertThat(find(obs, "mixtral-8x7b-instruct-v0.1", "", "organization")).isEmpty(); // "" in the answer
    assertThat(find(obs, "mixtral-8x7b-instruct-v0.1", "", "license")).isEmpty(); // null in the answer
    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(25);

    // 2. the Space's newest table only, labelled frozen
    String v = "frozen-table";
    assertThat(obs.stream().map(Observation::variant).filter(s -> !s.isEmpty()).distinct()).containsExactly(v);
    assertThat(value(obs, "qwen1.5-110b-chat", v, "mt_bench")).isEqualTo("8.88");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "mmlu")).isEqualTo("80.4");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "name")).isEqualTo("Qwen1.5-110B-Chat");
    assertThat(value(obs, "qwen1.5-110b-chat", v, "edition_date")).isEqualTo("2025-05-11");
    assertThat(value(obs, "deepseek-llm-67b-chat", v, "organization")).isEqualTo("DeepSeek AI");
    assertThat(value(obs, "deepseek-llm-67b-chat", v, "knowledge_cutoff")).isEqualTo("2023/11");
    assertThat(find(obs, "deepseek-llm-67b-chat", v, "mt_bench")).isEmpty();
    assertThat(find(obs, "qwen1.5-110b-chat", v, "mt_bench").orElseThrow().url())
        .isEqualTo(url(RESOLVE) + "leaderboard_table_20250511.csv");

    // 3. arena-catalog's file of the same board, category full
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating")).isEqualTo("1492.0464937622653");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating_q975")).isEqualTo("1498.2338806126072");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating_q025")).isEqualTo("1485.8591069119234");
    assertThat(value(obs, "chatglm3-6b", "", "catalog_rating_q025")).isEqualTo("1048.240338237975");
    assertThat(find(obs, "grok-4.1", "", "catalog_rating").orElseThrow().url()).isEqualTo(url(CATALOG));

    assertThat(obs.stream().map(o -> List.of(o.subject(), o.variant(), o.key())).distinct()).hasSize(obs.size());
    assertThat(obs.stream().map(Observation::key).distinct().sorted().collect(Collectors.joining(","))).isEqualTo(
        "catalog_rating,catalog_rating_q025,catalog_rating_q975,edition_date,knowledge_cutoff,license,mmlu,mt_bench,"
            + "name,organization,publish_date,rank,rating");

    // the requests: one /filter page for the 25 overall rows (never /rows), the listing's two pages, one table, the catalog
    assertThat(upstream.paths()).containsExactly(FILTER, TREE, TREE, RESOLVE + "leaderboard_table_20250511.csv", CATALOG);
    RecordedRequest filter = upstream.requests.get(0);
    assertThat(filter.getUrl().queryParameter("dataset")).isEqualTo("lmarena-ai/leaderboard-dataset");
    assertThat(filter.getUrl().queryParameter("config")).isEqualTo("text_style_control");
    assertThat(filter.getUrl().queryParameter("split")).isEqualTo("latest");
    assertThat(filter.getUrl().queryParameter("where")).isEqualTo("\"category\"='overall'");
    assertThat(filter.getUrl().queryParameter("offset")).isEqualTo("0");
    assertThat(filter.getUrl().queryParameter("length")).isEqualTo("100");
    assertThat(upstream.requests.get(1).getUrl().query()).isNull();
    assertThat(upstream.requests.get(2).getUrl().queryParameter("cursor")).isEqualTo("page2");
    assertThat(upstream.requests).allSatisfy(r -> assertThat(r.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test"));
    assertThat(logs.list).isEmpty();
  }

  @Test
  void theConfiguredSubsetIsHonoured() throws Exception {
    SourceData data = source("text", 1).fetch();
    List<Observation> obs = data.observations();

    assertThat(value(obs, "gemini-2.5-pro", "", "rating")).isEqualTo("1464.461788215414");
    assertThat(value(obs, "gemini-2.5-pro", "", "rank")).isEqualTo("2");
    assertThat(value(obs, "ernie-5.0-preview-1103", "", "organization")).isEqualTo("Baidu");
    assertThat(value(obs, "gemini-2.5-pro", "", "catalog_rating")).isEqualTo("1464.461788215414");
    assertThat(find(obs, "gemini-2.5-pro", "", "rating").orElseThrow().url()).isEqualTo(filterUrl(url(FILTER), "text", 0));
    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(26);
    assertThat(upstream.paths()).containsExactly(FILTER, TREE, TREE, RESOLVE + "leaderboard_table_20250511.csv", TEXT_CATALOG);
    assertThat(upstream.requests.get(0).getUrl().queryParameter("config")).isEqualTo("text");
  }

  @Test
  void readsOnlyThePagesTheCategoryNeeds() throws Exception {
    // 230 overall rows: exactly three pages of /filter, whatever the size of the whole split (about 10,000 rows)
    upstream.override(FILTER, null);
    upstream.pages = (offset) -> json(filterPage(offset, Math.min(100, 230 - offset), 230));

    List<Observation> obs = source().fetch().observations();

    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(230);
    assertThat(value(obs, "model-229", "", "rating")).isEqualTo("1071");
    for (int offset : new int[] {0, 100, 200}) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("GET");
      assertThat(request.getUrl().encodedPath()).isEqualTo(FILTER);
      assertThat(request.getUrl().toString()).isEqualTo(filterUrl(url(FILTER), "text_style_control", offset));
    }
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo(TREE); // the board is done: no fourth page
    assertThat(upstream.paths().stream().filter(p -> p.startsWith("/viewer"))).containsOnly(FILTER).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 429})
  void fallsBackToArenaCatalogWhenTheViewerIsUnavailable(int status) throws Exception {
    upstream.override(FILTER, new MockResponse.Builder().code(status).setHeader("X-Error-Code", "ResponseNotReady")
        .setHeader("Content-Type", "application/json").body("{\"error\":\"The server is busier than usual\"}").build());

    SourceData data = source().fetch();
    List<Observation> obs = data.observations();

    assertThat(data.dataDate()).isNull(); // arena-catalog gives no date
    assertThat(value(obs, "gemini-3-pro", "", "rating")).isEqualTo("1492.0464937622653");
    assertThat(value(obs, "claude-opus-4-1-20250805", "", "rating")).isEqualTo("1441.0801639031768");
    assertThat(find(obs, "gemini-3-pro", "", "rating").orElseThrow().url()).isEqualTo(url(CATALOG));
    assertThat(find(obs, "gemini-3-pro", "", "rank")).isEmpty();
    assertThat(find(obs, "gemini-3-pro", "", "organization")).isEmpty();
    assertThat(find(obs, "gemini-3-pro", "", "publish_date")).isEmpty();
    assertThat(obs.stream().filter(o -> o.key().equals("rating")).count()).isEqualTo(25);
    // the other two parts are still there; the catalog is read once for both of its uses
    assertThat(value(obs, "qwen1.5-110b-chat", "frozen-table", "mt_bench")).isEqualTo("8.88");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating_q975")).isEqualTo("1498.2338806126072");
    assertThat(upstream.paths()).containsExactly(FILTER, CATALOG, TREE, TREE, RESOLVE + "leaderboard_table_20250511.csv");
    assertThat(logs.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("dataset viewer unavailable (GET " + filterUrl(url(FILTER), "text_style_control", 0)
          + " -> HTTP " + status + " ResponseNotReady").contains("arena-catalog's leaderboard-text-style-control.json ratings");
    });
  }

  @Test
  void aConfigThatNoLongerExistsFailsWithOneLineAndNoFallback() {
    assertThatThrownBy(() -> source("text_style_controll", 1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + filterUrl(url(FILTER), "text_style_controll", 0) + " -> HTTP 404 ResponseNotFound:"
            + " Not found. (is 'text_style_controll' a config of lmarena-ai/leaderboard-dataset? see arena.subset)")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(404));
    assertThat(upstream.paths()).containsExactly(FILTER);
  }

  @Test
  void aSchemaChangeFailsTheSourceInsteadOfFallingBack() {
    upstream.override(FILTER, json(Fixtures.text(DIR + STYLE_FILTER).replace("\"rating\"", "\"score\"")));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + filterUrl(url(FILTER), "text_style_control", 0) + ": column 'rating' missing (have: [model_name,"
            + " organization, license, score, rating_lower, rating_upper, rank, category, leaderboard_publish_date])");
    assertThat(upstream.paths()).containsExactly(FILTER);
  }

  @Test
  void anEmptyCategoryFailsTheSource() {
    upstream.override(FILTER, json(filterPage(0, 0, 0)));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + filterUrl(url(FILTER), "text_style_control", 0)
            + ": no row of category 'overall' (the category is empty or gone)");
  }

  @Test
  void aViewerThatIgnoresTheFilterFailsTheSource() {
    upstream.override(FILTER, json(Fixtures.text(DIR + STYLE_FILTER).replaceFirst("\"category\": \"overall\"",
        "\"category\": \"coding\"")));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessageEndingWith(": row 0 is of category 'coding', not 'overall' (the viewer did not filter)");
  }

  @Test
  void aPartialFilterAnswerFailsTheSource() {
    upstream.override(FILTER, json(Fixtures.text(DIR + STYLE_FILTER).replace("\"partial\": false", "\"partial\": true")));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + filterUrl(url(FILTER), "text_style_control", 0)
            + ": the viewer filtered part of the split only (partial: true)");
  }

  @Test
  void whenTheFallbackFailsTooBothReasonsAreGiven() {
    upstream.override(FILTER, new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("busy").build());
    upstream.override(CATALOG, new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("404: Not Found").build());

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: dataset viewer: GET " + filterUrl(url(FILTER), "text_style_control", 0) + " -> HTTP 503;"
            + " arena-catalog fallback: GET " + url(CATALOG) + " -> HTTP 404");
  }

  @Test
  void aBoardArenaCatalogDoesNotPublishHasNoCatalogPartAndNoFallback() throws Exception {
    upstream.override(FILTER, json(Fixtures.text(DIR + STYLE_FILTER)));

    List<Observation> obs = source("webdev", 1).fetch().observations();

    assertThat(value(obs, "gemini-3-pro", "", "rating")).isEqualTo("1492.0464937622653");
    assertThat(obs).noneMatch(o -> o.key().startsWith("catalog_"));
    assertThat(upstream.paths()).containsExactly(FILTER, TREE, TREE, RESOLVE + "leaderboard_table_20250511.csv");

    upstream.override(FILTER, new MockResponse.Builder().code(503).build());
    assertThatThrownBy(() -> source("webdev", 1).fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + filterUrl(url(FILTER), "webdev", 0)
            + " -> HTTP 503; no fallback: arena-catalog publishes no file for webdev");
  }

  @Test
  void onlyNoAnswerOrComeBackLaterCountsAsUnavailable() {
    assertThat(List.of(0, 408, 429, 500, 503)).allMatch(s -> ArenaSource.unavailable(new FetchException("u", s, "m")));
    assertThat(List.of(200, 401, 404, 422)).noneMatch(s -> ArenaSource.unavailable(new FetchException("u", s, "m")));
  }

  @Test
  void readsAsManyHistoryTablesAsAsked() throws Exception {
    List<Observation> obs = source("text_style_control", 5).fetch().observations();

    assertThat(obs.stream().map(Observation::variant).filter(s -> !s.isEmpty()).distinct().sorted()).containsExactly(
        "frozen-table", "table-20230619", "table-20231220", "table-20240109", "table-20240125");
    assertThat(value(obs, "GPT-4", "table-20230619", "elo")).isEqualTo("1227");
    assertThat(value(obs, "GPT-4", "table-20230619", "mt_bench_win_rate")).isEqualTo("69.38");
    assertThat(value(obs, "GPT-4-Turbo", "table-20231220", "elo")).isEqualTo("1243");
    assertThat(value(obs, "gpt-4-0314", "table-20240109", "mmlu")).isEqualTo("86.4");
    assertThat(value(obs, "gpt-4-0314", "table-20240125", "knowledge_cutoff")).isEqualTo("2021/9");
    assertThat(value(obs, "qwen2-72b-instruct", "frozen-table", "mt_bench")).isEqualTo("9.12");
    assertThat(upstream.paths().stream().filter(p -> p.startsWith(RESOLVE))).containsExactly(
        RESOLVE + "leaderboard_table_20250511.csv", RESOLVE + "leaderboard_table_20240125.csv",
        RESOLVE + "leaderboard_table_20240109.csv", RESOLVE + "leaderboard_table_20231220.csv",
        RESOLVE + "leaderboard_table_20230619.csv");
  }

  @Test
  void aFailingHistoryListingFailsTheSource() {
    upstream.override(TREE, new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain").body("busy").build());

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + url(TREE) + " -> HTTP 503")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(503));
  }

  @Test
  void anHtmlPageInsteadOfATableFailsTheSource() {
    upstream.override(RESOLVE + "leaderboard_table_20250511.csv",
        html("<!DOCTYPE html><html><head><title>Hugging Face</title></head><body>429</body></html>"));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(RESOLVE) + "leaderboard_table_20250511.csv: expected CSV, got an HTML page (text/html; charset=utf-8)");
  }

  @Test
  void aTableThatLostItsModelColumnFailsTheSource() {
    upstream.override(RESOLVE + "leaderboard_table_20250511.csv", text(Fixtures.text(DIR + "leaderboard_table_20250511_sample.csv")
        .replace(",Model,", ",Name,")));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(RESOLVE) + "leaderboard_table_20250511.csv: column 'Model' missing (have: [key, Name,"
            + " MT-bench (score), MMLU, Knowledge cutoff date, License, Organization, Link])");
  }

  @Test
  void aSpaceWithoutTablesFailsTheSource() {
    upstream.override(TREE, json("[{\"type\":\"file\",\"oid\":\"0\",\"size\":1,\"path\":\"app.py\"}]"));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(TREE) + ": no leaderboard_table_YYYYMMDD.csv among 1 files");
  }

  @Test
  void aCatalogWithoutItsFullCategoryFailsTheSource() {
    upstream.override(CATALOG, text("{\"chinese\": {}}"));

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: " + url(CATALOG) + ": category 'full' missing (have: [chinese])");
  }

  @Test
  void aMissingCatalogFailsTheSource() {
    upstream.override(CATALOG, new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("404: Not Found").build());

    assertThatThrownBy(() -> source().fetch()).isInstanceOf(FetchException.class)
        .hasMessage("arena: GET " + url(CATALOG) + " -> HTTP 404");
  }

  @Test
  void aTableCountBelowOneIsRefused() {
    assertThatThrownBy(() -> source("text", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("historyTables must be at least 1, got 0");
    assertThat(source().name()).isEqualTo("arena");
  }

  /** A /filter page of {@code count} overall rows from {@code offset}: model-N rated 1300 - N. */
  static String filterPage(int offset, int count, int total) {
    StringBuilder rows = new StringBuilder();
    for (int i = offset; i < offset + count; i++) {
      rows.append(i == offset ? "" : ",").append("{\"row_idx\":").append(i).append(",\"row\":{\"model_name\":\"model-").append(i)
          .append("\",\"organization\":\"\",\"license\":null,\"rating\":").append(1300 - i).append(",\"rating_lower\":null,")
          .append("\"rating_upper\":null,\"rank\":").append(i + 1)
          .append(",\"category\":\"overall\",\"leaderboard_publish_date\":\"2025-12-11\"},\"truncated_cells\":[]}");
    }
    String features = Fixtures.text(DIR + STYLE_FILTER);
    features = features.substring(0, features.indexOf(", \"rows\":")); // the fixture's features
    return features + ", \"rows\":[" + rows + "], \"num_rows_total\": " + total + ", \"num_rows_per_page\": 100, \"partial\": false}";
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

  /** The upstreams at their real paths (behind a per-upstream prefix), serving the fixtures. */
  private static final class Upstream extends Dispatcher {
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, MockResponse> overrides = new ConcurrentHashMap<>();
    volatile java.util.function.IntFunction<MockResponse> pages;

    void override(String path, MockResponse response) {
      if (response == null) {
        overrides.remove(path);
      } else {
        overrides.put(path, response);
      }
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
        case FILTER:
          if (pages != null) {
            return pages.apply(Integer.parseInt(url.queryParameter("offset")));
          }
          String file = "text_style_control".equals(url.queryParameter("config")) ? STYLE_FILTER
              : "text".equals(url.queryParameter("config")) ? TEXT_FILTER : null;
          return file != null && "lmarena-ai/leaderboard-dataset".equals(url.queryParameter("dataset"))
              && "latest".equals(url.queryParameter("split")) && "\"category\"='overall'".equals(url.queryParameter("where"))
              && "0".equals(url.queryParameter("offset"))
              ? json(Fixtures.text(DIR + file))
              : new MockResponse.Builder().code(404).setHeader("X-Error-Code", "ResponseNotFound")
                  .setHeader("Content-Type", "application/json").body("{\"error\":\"Not found.\"}").build();
        case TREE:
          if (url.queryParameter("cursor") == null) {
            HttpUrl next = url.newBuilder().addQueryParameter("cursor", "page2").build();
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .setHeader("Link", "<" + next + ">; rel=\"next\"")
                .body(Fixtures.text(DIR + "SYNTHETIC_space-tree_lmarena-ai--arena-leaderboard_page1.json")).build();
          }
          return json(Fixtures.text(DIR + "SYNTHETIC_space-tree_lmarena-ai--arena-leaderboard_page2.json"));
        case CATALOG:
          return text(Fixtures.text(DIR + "arena_catalog_leaderboard-text-style-control_2025-12-11_trimmed.json"));
        case TEXT_CATALOG:
          return text(Fixtures.text(DIR + "arena_catalog_leaderboard-text_2025-12-11_trimmed.json"));
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
