package dev.llmcatalog.source.opencompass;

import static dev.llmcatalog.source.opencompass.FixtureCompassRank.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.app.SyncPipeline;
import dev.llmcatalog.app.SyncReport;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OpenCompassSourceTest {
  /** The OpenCompass table of seed-catalog.md, as published (均分 语言 知识 推理 数学 代码 智能体). */
  private static final String SEED_TABLE = """
      | Qwen1.5-14B-Chat | 50.3 | 57 | 58.4 | 38.6 | 42.9 | 41.5 | 63.2 |
      | InternLM2-Chat-7B | 45 | 51.2 | 48.6 | 34 | 33.8 | 47.8 | 54.7 |
      | Yi-34B-Chat | 47.1 | 51.8 | 69.2 | 37.6 | 35.8 | 33.9 | 54.2 |
      | Qwen1.5-7B-Chat | 38.9 | 45.7 | 51.2 | 22.9 | 30.6 | 34.5 | 48.4 |
      | ChatGLM3-6B-32K | 35.2 | 39.4 | 46.1 | 18 | 25.3 | 39.8 | 42.7 |
      | Yi-6B-Chat | 31.9 | 39.2 | 58.1 | 17.9 | 18.4 | 17.7 | 40.2 |
      | Mistral-7B-Instruct-v0.2 | 28 | 30.6 | 43 | 17.8 | 17.8 | 19.4 | 39.7 |
      | DeepSeek-7B-Chat | 28.8 | 24.8 | 39.4 | 16.2 | 18.5 | 37.4 | 36.6 |
      """;
  private static final List<String> DIMENSIONS_2024 = List.of("average", "language", "knowledge", "reasoning", "math", "code", "agent");
  private static final String FILE_2402 = "/assets/llm-rank/llm-data-v2.24-02.20240401.json";
  private static final String FILE_2405 = "/assets/llm-rank/llm-data-v2.24-05.20240531.json";
  private static final String FILE_2607 = "/assets/llm-rank/llm-data-v2.26-07.20260824.json";

  @TempDir
  Path dir;
  private FixtureCompassRank board;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private OpenCompassSource source;

  @BeforeEach
  void start() throws Exception {
    board = new FixtureCompassRank();
    source = new OpenCompassSource(fetcher(), board.siteEndpoint(), board.cdnEndpoint());
    logs.start();
    ((Logger) LoggerFactory.getLogger(OpenCompassSource.class)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(OpenCompassSource.class)).detachAppender(logs);
    board.close();
  }

  private static Fetcher fetcher() {
    return new Fetcher(HttpClients.create("llm-catalog/test", Optional.empty(), List.of()));
  }


  /** key -> value of one model's row in one edition. */
  private static Map<String, String> row(SourceData data, String model, String month) {
    return data.observations().stream().filter(o -> o.subject().equals(model) && o.variant().equals(month))
        .collect(Collectors.toMap(Observation::key, Observation::value));
  }

  private static Observation find(SourceData data, String model, String month, String key) {
    return data.observations().stream()
        .filter(o -> o.subject().equals(model) && o.variant().equals(month) && o.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void asksForTheEditionsWithThePagesPostAndReadsEveryEditionFromTheCdn() throws Exception {
    source.fetch();

    RecordedRequest months = board.site.takeRequest();
    assertThat(months.getMethod()).isEqualTo("POST");
    assertThat(months.getUrl().encodedPath()).isEqualTo("/gw/opencompass-be/api/v1/rank/listRankTableAvailableMonths");
    assertThat(months.getUrl().query()).isNull();
    assertThat(months.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(months.getBody().utf8()).isEqualTo("{\"rankingType\":0,\"benchmarkType\":1}");
    assertThat(months.getHeaders().get("User-Agent")).isEqualTo("llm-catalog/test");
    assertThat(board.site.getRequestCount()).isEqualTo(1);
    for (String path : List.of(FILE_2607, FILE_2405, FILE_2402)) {
      RecordedRequest file = board.cdn.takeRequest();
      assertThat(file.getMethod()).isEqualTo("GET");
      assertThat(file.getUrl().encodedPath()).isEqualTo(path);
      // OkHttp asked for gzip itself, so it undoes the CDN's Content-Encoding: gzip transparently.
      assertThat(file.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    }
    assertThat(board.cdn.getRequestCount()).isEqualTo(3);
  }

  @Test
  void theFebruary2024EditionIsTheSeedTableExactly() throws Exception {
    SourceData data = source.fetch();

    for (String line : SEED_TABLE.strip().split("\n")) {
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      String model = cells[0].strip();
      Map<String, String> row = row(data, model, "24-02");
      for (int i = 0; i < DIMENSIONS_2024.size(); i++) {
        assertThat(row.get(DIMENSIONS_2024.get(i))).as("%s %s", model, DIMENSIONS_2024.get(i)).isEqualTo(cells[i + 1].strip());
      }
    }
    assertThat(row(data, "Qwen1.5-14B-Chat", "24-02")).containsOnly(
        Map.entry("name", "Qwen1.5-14B-Chat"), Map.entry("org", "Alibaba"), Map.entry("chat_or_base", "Chat"),
        Map.entry("edition", "24-02"), Map.entry("edition_date", "2024-04-01"),
        Map.entry("average", "50.3"), Map.entry("language", "57"), Map.entry("knowledge", "58.4"),
        Map.entry("reasoning", "38.6"), Map.entry("math", "42.9"), Map.entry("code", "41.5"), Map.entry("agent", "63.2"));
    assertThat(data.observations().stream().filter(o -> o.variant().equals("24-02")).map(Observation::subject).distinct())
        .hasSize(10).contains("InternLM2-Chat-20B", "Qwen1.5-72B");
    assertThat(row(data, "Qwen1.5-72B", "24-02")).containsEntry("chat_or_base", "Base").containsEntry("agent", "65.6");
  }

  @Test
  void eachEditionIsAVariantWithItsOwnNumbersAndDate() throws Exception {
    SourceData data = source.fetch();

    assertThat(row(data, "Qwen1.5-14B-Chat", "24-05")).containsEntry("average", "51.7").containsEntry("language", "57.4")
        .containsEntry("agent", "64.9").containsEntry("edition", "24-05").containsEntry("edition_date", "2024-05-31");
    assertThat(row(data, "DeepSeek-V2-Chat", "24-05")).containsEntry("math", "56.2");
    assertThat(data.observations().stream().filter(o -> o.subject().equals("Qwen1.5-14B-Chat")).map(Observation::variant)
        .collect(Collectors.toSet())).containsExactlyInAnyOrder("24-02", "24-05");
    assertThat(data.dataDate()).isEqualTo("2026-08-24");
    assertThat(find(data, "Yi-34B-Chat", "24-02", "average").url()).isEqualTo(board.cdn.url(FILE_2402).toString());
    assertThat(find(data, "Yi-34B-Chat", "24-05", "average").url()).isEqualTo(board.cdn.url(FILE_2405).toString());
  }

  @Test
  void the2026EditionHasOtherDimensionsAndAnUnknownOneBecomesAMetric() throws Exception {
    SourceData data = source.fetch();

    assertThat(row(data, "Claude Opus 5 (high)", "26-07")).containsOnly(
        Map.entry("name", "Claude Opus 5 (high)"), Map.entry("org", "Anthropic"), Map.entry("chat_or_base", "Chat"),
        Map.entry("edition", "26-07"), Map.entry("edition_date", "2026-08-24"),
        Map.entry("average", "83.3"), Map.entry("knowledge", "94.1"), Map.entry("reasoning", "68.4"),
        Map.entry("math", "77.3"), Map.entry("code", "93.3"));
    assertThat(row(data, "Qwen3.5-Max-Thinking", "26-07")).containsEntry("instruction", "83").containsEntry("code", "88.1")
        .doesNotContainKeys("language", "agent");
    assertThat(row(data, "DeepSeek-V4", "26-07")).containsEntry("math", "76").containsEntry("instruction", "81.6");
    // "Code": null is no score, not a zero.
    assertThat(row(data, "InternLM4-Chat-32B", "26-07")).doesNotContainKey("code").containsEntry("instruction", "75.3");
  }

  @Test
  void valuesAreCanonicalAndRawKeepsADifferentlyWrittenNumber() throws Exception {
    SourceData data = source.fetch();

    Observation written44 = find(data, "InternLM2-Chat-20B", "24-02", "math");
    assertThat(written44.value()).isEqualTo("44");
    assertThat(written44.raw()).isEqualTo("44.0");
    assertThat(find(data, "Qwen1.5-14B-Chat", "24-02", "language").raw()).isNull();
    assertThat(find(data, "Qwen1.5-14B-Chat", "24-02", "average").raw()).isNull();
    assertThat(find(data, "Qwen3.5-Max-Thinking", "26-07", "instruction").raw()).isEqualTo("83.0");
  }

  @Test
  void everyObservationIsUniqueAndCounted() throws Exception {
    SourceData data = source.fetch();

    Set<String> ids = new HashSet<>();
    for (Observation o : data.observations()) {
      assertThat(ids.add(o.subject() + "|" + o.variant() + "|" + o.key())).as(o.toString()).isTrue();
    }
    // 24-02: 10 rows x (5 attributes + 7 scores); 24-05: 4 x 12; 26-07: 10 + 11 + 11 + 10.
    assertThat(data.observations()).hasSize(120 + 48 + 42);
    assertThat(data.subjects()).isEqualTo(15);
  }

  @Test
  void aFileStoredGzippedAndServedWithoutContentEncodingIsStillRead() throws Exception {
    board.override(FILE_2607, new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
        .body(new Buffer().write(FixtureCompassRank.gzip(Fixtures.bytes(DIR + FILE_2607.substring(1))))).build());

    assertThat(row(source.fetch(), "Claude Opus 5 (high)", "26-07")).containsEntry("average", "83.3");
  }

  @Test
  void isRegisteredAndSyncsThroughThePipelineResolvingKnownNames() throws Exception {
    Path config = dir.resolve("catalog.yaml");
    Files.writeString(config, """
        front_matter: {title: t}
        groups:
          - id: llm
            models: [01-ai/Yi-6B-Chat, Qwen/Qwen1.5-14B-Chat]
        sources: [opencompass]
        endpoints:
          opencompass: %s
          opencompass_cdn: %s
        """.formatted(board.siteEndpoint(), board.cdnEndpoint()), StandardCharsets.UTF_8);
    CatalogConfig loaded = TestConfigs.load(config);
    List<Source> sources = Sources.create(loaded, new Environment(Map.of()), fetcher());
    assertThat(sources).singleElement().isInstanceOf(OpenCompassSource.class);

    try (SnapshotStore store = SnapshotStore.open(dir.resolve("db.sqlite"), Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC))) {
      SyncReport report = new SyncPipeline(loaded, sources, store, Clock.systemUTC()).run();

      SnapshotInfo snapshot = report.snapshots().get(0);
      assertThat(snapshot.ok()).as(snapshot.error()).isTrue();
      assertThat(snapshot.source()).isEqualTo("opencompass");
      assertThat(snapshot.dataDate()).isEqualTo("2026-08-24");
      List<Observation> state = store.loadState(snapshot);
      assertThat(state).hasSize(210);
      assertThat(state).contains(new Observation("Qwen/Qwen1.5-14B-Chat", "24-02", "average", "50.3", null,
          board.cdn.url(FILE_2402).toString()));
      assertThat(state).anyMatch(o -> o.subject().equals("01-ai/Yi-6B-Chat") && o.variant().equals("24-02")
          && o.key().equals("name") && o.value().equals("Yi-6B-Chat"));
      assertThat(store.loadUnresolved(snapshot)).contains("Claude Opus 5 (high)", "Yi-34B-Chat")
          .doesNotContain("Yi-6B-Chat", "Qwen1.5-14B-Chat");
    }
  }

  // ---- failures: each names the source, the URL and what was wrong

  @Test
  void anHttpErrorOnTheEditionListFailsTheSource() {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.status(503));

    assertThatThrownBy(source::fetch).isInstanceOfSatisfying(FetchException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e).hasMessage("opencompass: POST " + board.site.url(FixtureCompassRank.MONTHS) + " -> HTTP 503");
    });
  }

  @Test
  void aBackendErrorCodeWithStatus200FailsTheSource() {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json(
        "{\"traceId\":\"t\",\"msgCode\":\"50001\",\"msg\":\"system busy\",\"data\":null}"));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessage("opencompass: "
        + board.site.url(FixtureCompassRank.MONTHS) + ": msgCode 50001, expected 10000 (msg: system busy)");
  }

  @Test
  void anEditionListWithoutDataFailsTheSource() {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json("{\"traceId\":\"t\",\"msgCode\":\"10000\",\"msg\":\"ok\"}"));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessage("opencompass: "
        + board.site.url(FixtureCompassRank.MONTHS) + ": 'data' array missing (have: traceId, msgCode, msg)");
  }

  @Test
  void anHtmlPageWithStatus200FailsTheSource() {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.html());

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessage("opencompass: "
        + board.site.url(FixtureCompassRank.MONTHS) + ": expected JSON, got an HTML page (text/html; charset=utf-8)");
  }

  @Test
  void anUnreadableEditionListFailsTheSourceWhateverTheEditions() {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json("{\"traceId\":\"t\",\"msgCode\":\"10000\","
        + "\"data\":[{\"fileName\":\"assets/llm-rank/x.json\"}]}"));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessage("opencompass: "
        + board.site.url(FixtureCompassRank.MONTHS) + ": no entry of 'data' names a month: data[0] (have: fileName)");
    assertThat(board.cdn.getRequestCount()).isZero();
  }

  // ---- one edition failing: skipped with a warning, kept (its previous values stay), the others read (issue 13)

  private List<String> warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static Set<String> variants(SourceData data) {
    return data.observations().stream().map(Observation::variant).collect(Collectors.toSet());
  }

  @Test
  void anEditionFileWithoutOverallTableIsSkippedAndKept() throws Exception {
    String file = Fixtures.text(DIR + FILE_2405.substring(1)).replace("\"OverallTable\"", "\"OverallTableV3\"");
    board.override(FILE_2405, FixtureCompassRank.gzipped(file.getBytes(StandardCharsets.UTF_8)));

    SourceData data = source.fetch();

    String reason = board.cdn.url(FILE_2405) + ": OverallTable missing (have: _synthetic, OverallTableV3, KnowledgeTable, models, globalData)";
    assertThat(data.kept()).containsExactly(new SourceData.Kept("24-05", "edition 24-05", reason));
    assertThat(variants(data)).containsExactlyInAnyOrder("26-07", "24-02");
    assertThat(data.observations()).hasSize(120 + 42);
    assertThat(warnings()).containsExactly("opencompass: edition 24-05 skipped, its previous data kept: " + reason);
  }

  @Test
  void aMissingEditionFileIsSkippedAndKept() throws Exception {
    board.override(FILE_2402, FixtureCompassRank.status(404));

    SourceData data = source.fetch();

    assertThat(data.kept()).containsExactly(
        new SourceData.Kept("24-02", "edition 24-02", "GET " + board.cdn.url(FILE_2402) + " -> HTTP 404"));
    assertThat(variants(data)).containsExactlyInAnyOrder("26-07", "24-05");
    assertThat(row(data, "Claude Opus 5 (high)", "26-07")).containsEntry("average", "83.3");
  }

  @Test
  void anHtmlPageOrBrokenJsonInsteadOfAnEditionFileIsSkippedAndKept() throws Exception {
    board.override(FILE_2607, FixtureCompassRank.html());
    assertThat(source.fetch().kept()).containsExactly(new SourceData.Kept("26-07", "edition 26-07",
        board.cdn.url(FILE_2607) + ": expected JSON, got an HTML page (text/html; charset=utf-8)"));

    String cut = Fixtures.text(DIR + FILE_2607.substring(1));
    board.override(FILE_2607, FixtureCompassRank.gzipped(cut.substring(0, cut.length() / 2).getBytes(StandardCharsets.UTF_8)));
    SourceData data = source.fetch();
    assertThat(data.kept()).singleElement().satisfies(k -> assertThat(k.reason())
        .startsWith(board.cdn.url(FILE_2607) + ": body is not valid JSON ("));
    assertThat(variants(data)).containsExactlyInAnyOrder("24-05", "24-02");
  }

  @Test
  void anEditionWithAScoreThatIsNoNumberIsSkippedAndKept() throws Exception {
    String file = Fixtures.text(DIR + FILE_2405.substring(1)).replace("\"Math\": \"56.2\"", "\"Math\": \"n/a\"");
    board.override(FILE_2405, FixtureCompassRank.gzipped(file.getBytes(StandardCharsets.UTF_8)));

    assertThat(source.fetch().kept()).containsExactly(new SourceData.Kept("24-05", "edition 24-05", board.cdn.url(FILE_2405)
        + ": OverallTable[3] (DeepSeek-V2-Chat): 'Math' is \"n/a\", expected a number, a numeric string, \"-\" or null"));
  }

  @Test
  void aDroppedConnectionAfterTheRetriesIsSkippedAndKept() throws Exception {
    Fetcher retrying = new Fetcher(HttpClients.create(FetchSettings.plain().toBuilder().maxAttempts(2).backoffBase(Duration.ofMillis(10)).backoffCeiling(Duration.ofMillis(10)).build(),
        Optional.empty(), List.of(), Optional.empty()));
    OpenCompassSource patient = new OpenCompassSource(retrying, board.siteEndpoint(), board.cdnEndpoint());
    // Long enough that the socket shuts down before the client has read it all, on every attempt.
    board.override(FILE_2405, new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(" ".repeat(256 * 1024)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    SourceData data = patient.fetch();

    assertThat(data.kept()).singleElement().satisfies(k -> {
      assertThat(k.label()).isEqualTo("edition 24-05");
      assertThat(k.reason()).startsWith("GET " + board.cdn.url(FILE_2405) + " failed after 2 attempts: ");
    });
    assertThat(variants(data)).containsExactlyInAnyOrder("26-07", "24-02");
  }

  @Test
  void aMonthListedWithoutAFileNameIsSkippedAndKeptWithoutARequest() throws Exception {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json(Fixtures.text(DIR + "months.json")
        .replace("\"fileName\": \"assets/llm-rank/llm-data-v2.24-05.20240531.json\",", "")));

    SourceData data = source.fetch();

    assertThat(data.kept()).containsExactly(
        new SourceData.Kept("24-05", "edition 24-05", "listed without a fileName (have: updateTime, month)"));
    assertThat(variants(data)).containsExactlyInAnyOrder("26-07", "24-02");
    assertThat(board.cdn.getRequestCount()).isEqualTo(2);
    assertThat(warnings()).containsExactly(
        "opencompass: edition 24-05 skipped, its previous data kept: listed without a fileName (have: updateTime, month)");
  }

  @Test
  void anEntryNamingNoMonthIsLoggedAndIgnored() throws Exception {
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json(Fixtures.text(DIR + "months.json")
        .replace("\"data\": [", "\"data\": [{\"fileName\": \"assets/llm-rank/llm-data-v2.json\"},")));

    SourceData data = source.fetch();

    assertThat(data.kept()).isEmpty();
    assertThat(variants(data)).containsExactlyInAnyOrder("26-07", "24-05", "24-02");
    assertThat(warnings()).containsExactly("opencompass: data[0] (have: fileName) of the edition list names no month; ignored");
  }

  @Test
  void everyEditionFailingFailsTheSource() {
    board.override(FILE_2607, FixtureCompassRank.status(503));
    board.override(FILE_2405, FixtureCompassRank.html());
    board.override(FixtureCompassRank.MONTHS, FixtureCompassRank.json(Fixtures.text(DIR + "months.json")
        .replace("\"fileName\": \"assets/llm-rank/llm-data-v2.24-02.20240401.json\",", "")));

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class).hasMessage("opencompass: no edition could be read: "
        + "edition 24-02: listed without a fileName (have: updateTime, month); "
        + "edition 26-07: GET " + board.cdn.url(FILE_2607) + " -> HTTP 503; "
        + "edition 24-05: " + board.cdn.url(FILE_2405) + ": expected JSON, got an HTML page (text/html; charset=utf-8)");
  }

  @Test
  void editionsAreListedPartsSoOneNoLongerListedIsKeptByThePipeline() throws Exception {
    SourceData data = source.fetch();

    assertThat(data.unlisted()).isEqualTo(new SourceData.Unlisted("edition", "no longer listed by POST "
        + board.site.url(FixtureCompassRank.MONTHS) + "; rerun with `sync --accept-shrink` to drop it"));
  }

  @Test
  void metadataFieldsAreNeverMetricsAndNewDimensionsAreLogged() throws Exception {
    SourceData data = source.fetch();

    // The fixtures give num, time and update_time (numbers in 26-07) in most rows.
    assertThat(data.observations()).extracting(Observation::key).doesNotContain("num", "time", "update_time")
        .containsOnly("name", "org", "chat_or_base", "edition", "edition_date",
            "average", "language", "knowledge", "reasoning", "math", "code", "agent", "instruction");
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("opencompass: edition 26-07: dimensions not in the known list stored as metrics: Instruction -> instruction");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void stringScoresParseAsNumbers() throws Exception {
    SourceData data = source.fetch();

    // 24-05 gives every DeepSeek-V2-Chat score as a string ("56.2"), 26-07 DeepSeek-V4's Math as "76.0".
    assertThat(row(data, "DeepSeek-V2-Chat", "24-05")).containsEntry("average", "60.8").containsEntry("math", "56.2")
        .containsEntry("agent", "66.1");
    assertThat(find(data, "DeepSeek-V4", "26-07", "math").raw()).isEqualTo("76.0");
    // "Instruction": "-" is no score.
    assertThat(row(data, "Claude Opus 5 (high)", "26-07")).doesNotContainKey("instruction");
  }

  @Test
  void anUnreachableSiteFailsWithTheRequestInTheMessage() {
    String closed = board.siteEndpoint();
    board.site.close();

    assertThatThrownBy(source::fetch).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("opencompass: POST " + closed + "gw/opencompass-be/api/v1/rank/listRankTableAvailableMonths failed: ");
  }
}
