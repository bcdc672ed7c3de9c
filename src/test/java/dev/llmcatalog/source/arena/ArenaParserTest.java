package dev.llmcatalog.source.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.FetchException;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.source.datasets.DatasetRows;
import dev.llmcatalog.testsupport.Fixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArenaParserTest {
  private static final String DIR = "leaderboards/arena/";
  private static final String URL = "https://example.org/f";

  static Optional<Observation> find(List<Observation> obs, String subject, String variant, String key) {
    return obs.stream().filter(o -> o.subject().equals(subject) && o.variant().equals(variant) && o.key().equals(key)).findFirst();
  }

  static String value(List<Observation> obs, String subject, String variant, String key) {
    return find(obs, subject, variant, key).map(Observation::value).orElse(null);
  }

  static String raw(List<Observation> obs, String subject, String variant, String key) {
    return find(obs, subject, variant, key).map(Observation::raw).orElse(null);
  }

  /** Every fixture version of the Space's tables parses: header, columns and row count as in the file. */
  @ParameterizedTest
  @CsvSource({
      "leaderboard_table_20230619.csv,        20230619, 31, 'edition_date,elo,license,mmlu,mt_bench,mt_bench_win_rate'",
      "leaderboard_table_20231220_head20.csv, 20231220, 20, 'edition_date,elo,license,mmlu,mt_bench'",
      "leaderboard_table_20240109_head20.csv, 20240109, 20, 'edition_date,license,mmlu,mt_bench,name,organization'",
      "leaderboard_table_20240125_head20.csv, 20240125, 20, 'edition_date,knowledge_cutoff,license,mmlu,mt_bench,name,organization'",
      "leaderboard_table_20250511_sample.csv, 20250511, 39, 'edition_date,knowledge_cutoff,license,mmlu,mt_bench,name,organization'"})
  void everyTableVersionParses(String file, String date, int models, String keys) throws Exception {
    ArenaParser.TableFile table = new ArenaParser.TableFile("leaderboard_table_" + date + ".csv",
        LocalDate.parse(date, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));

    List<Observation> obs = ArenaParser.parseTable(Fixtures.text(DIR + file), table, URL);

    assertThat(obs).allSatisfy(o -> {
      assertThat(o.variant()).isEqualTo("table-" + date);
      assertThat(o.url()).isEqualTo(URL);
    });
    // 20250511 lists yi-34b-chat twice (identical rows): one model, no duplicate observation.
    assertThat(obs.stream().map(Observation::subject).distinct()).hasSize(models);
    assertThat(obs.stream().map(o -> List.of(o.subject(), o.key())).distinct()).hasSize(obs.size());
    assertThat(obs.stream().map(Observation::key).distinct().sorted().collect(Collectors.joining(","))).isEqualTo(keys);
    assertThat(value(obs, obs.get(0).subject(), "table-" + date, "edition_date"))
        .isEqualTo(LocalDate.parse(date, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).toString());
  }

  @Test
  void oldestTableHasEloWinRateAndNoKey() throws Exception {
    List<Observation> obs = table("leaderboard_table_20230619.csv", "20230619");
    String v = "table-20230619";

    assertThat(value(obs, "GPT-4", v, "mt_bench_win_rate")).isEqualTo("69.38");
    assertThat(raw(obs, "GPT-4", v, "mt_bench_win_rate")).isEqualTo("69.38%");
    assertThat(value(obs, "GPT-4", v, "mt_bench")).isEqualTo("8.99");
    assertThat(value(obs, "GPT-4", v, "elo")).isEqualTo("1227");
    assertThat(value(obs, "GPT-4", v, "mmlu")).isEqualTo("86.4");
    assertThat(raw(obs, "GPT-4", v, "mmlu")).isEqualTo("0.864");
    assertThat(value(obs, "GPT-4", v, "license")).isEqualTo("Proprietary");
    assertThat(find(obs, "GPT-4", v, "name")).isEmpty(); // no key column: the Model name is the subject
    // "-" is missing, never 0
    assertThat(find(obs, "GPT-3.5-turbo", v, "mt_bench_win_rate")).isEmpty();
    assertThat(find(obs, "Vicuna-33B", v, "elo")).isEmpty();
    assertThat(find(obs, "PaLM-Chat-Bison-001", v, "mmlu")).isEmpty();
    assertThat(value(obs, "Vicuna-7B", v, "mt_bench")).isEqualTo("6");
    assertThat(raw(obs, "Vicuna-7B", v, "mt_bench")).isEqualTo("6.00");
    assertThat(value(obs, "LLaMA-13B", v, "mmlu")).isEqualTo("47");
    assertThat(value(obs, "LLaMA-13B", v, "mt_bench_win_rate")).isEqualTo("1.88");
  }

  @Test
  void crlfTableOf20231220() throws Exception {
    List<Observation> obs = table("leaderboard_table_20231220_head20.csv", "20231220");
    String v = "table-20231220";

    assertThat(value(obs, "GPT-4-Turbo", v, "elo")).isEqualTo("1243");
    assertThat(value(obs, "GPT-4-Turbo", v, "mt_bench")).isEqualTo("9.32");
    assertThat(find(obs, "GPT-4-Turbo", v, "mmlu")).isEmpty();
    assertThat(value(obs, "Claude-2.1", v, "license")).isEqualTo("Proprietary"); // last field of a CRLF line
    assertThat(value(obs, "Vicuna-13B-16k", v, "license")).isEqualTo("Llama 2 Community");
  }

  @Test
  void keyedTablesUseTheKeyAsSubjectAndKeepTheDisplayName() throws Exception {
    List<Observation> jan = table("leaderboard_table_20240125_head20.csv", "20240125");
    String v = "table-20240125";
    assertThat(value(jan, "gpt-4-0314", v, "name")).isEqualTo("GPT-4-0314");
    assertThat(value(jan, "gpt-4-0314", v, "mt_bench")).isEqualTo("8.96");
    assertThat(value(jan, "gpt-4-0314", v, "mmlu")).isEqualTo("86.4");
    assertThat(value(jan, "gpt-4-0314", v, "knowledge_cutoff")).isEqualTo("2021/9");
    assertThat(value(jan, "gpt-4-0314", v, "organization")).isEqualTo("OpenAI");
    assertThat(find(jan, "claude-1", v, "knowledge_cutoff")).isEmpty();

    List<Observation> may = table("leaderboard_table_20250511_sample.csv", "20250511");
    String w = "table-20250511";
    assertThat(value(may, "qwen1.5-72b-chat", w, "mt_bench")).isEqualTo("8.61");
    assertThat(value(may, "qwen1.5-72b-chat", w, "mmlu")).isEqualTo("77.5");
    assertThat(raw(may, "qwen1.5-72b-chat", w, "mmlu")).isEqualTo("0.775");
    assertThat(value(may, "qwen1.5-72b-chat", w, "license")).isEqualTo("Qianwen LICENSE");
    assertThat(value(may, "qwen1.5-72b-chat", w, "organization")).isEqualTo("Alibaba");
    assertThat(value(may, "qwen1.5-72b-chat", w, "knowledge_cutoff")).isEqualTo("2024/2");
    assertThat(value(may, "qwen1.5-7b-chat", w, "mt_bench")).isEqualTo("7.6");
    assertThat(value(may, "qwen2-72b-instruct", w, "mmlu")).isEqualTo("84.2");
    assertThat(value(may, "yi-34b-chat", w, "mmlu")).isEqualTo("73.5");
    assertThat(find(may, "yi-34b-chat", w, "mt_bench")).isEmpty();
    assertThat(value(may, "glm-4-0520", w, "knowledge_cutoff")).isEqualTo("Unknown");
  }

  @Test
  void aTableWithoutModelColumnFails() {
    assertThatThrownBy(() -> ArenaParser.parseTable("key,Name,MMLU\nx,X,0.5\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": column 'Model' missing (have: [key, Name, MMLU])");
  }

  @Test
  void aTableWithoutAnyScoreColumnFails() {
    assertThatThrownBy(() -> ArenaParser.parseTable("key,Model,License\nx,X,MIT\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessageContaining("none of the columns 'MT-bench (score)', 'MMLU'");
  }

  @Test
  void raggedEmptyOrNonNumericTablesFail() {
    assertThatThrownBy(() -> ArenaParser.parseTable("Model,MMLU\nA,0.5,extra\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": record 1 has 3 fields, the header 2");
    assertThatThrownBy(() -> ArenaParser.parseTable("Model,MMLU\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": the table has a header but no rows");
    assertThatThrownBy(() -> ArenaParser.parseTable("", file(), URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": empty file");
    assertThatThrownBy(() -> ArenaParser.parseTable("Model,MMLU\nA,n/a\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": record 1 (A): mmlu 'n/a' is not a number");
    assertThatThrownBy(() -> ArenaParser.parseTable("Model,MMLU\nA,86.4\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessageContaining("MMLU '86.4' is not a 0-1 fraction");
    assertThatThrownBy(() -> ArenaParser.parseTable("Model,MMLU\nA,\"0.5\n", file(), URL))
        .isInstanceOf(FetchException.class).hasMessageContaining("not a readable CSV file (line 2: Missing closing quote for value)");
  }

  @Test
  void quotedCellsAreReadWhole() throws Exception {
    List<Observation> obs = ArenaParser.parseTable(
        "key,Model,MT-bench (score),License\r\nclaude-3,\"Claude 3, \"\"Opus\"\"\",9.1,\"Apache 2.0, MIT\"\r\n", file(), URL);

    assertThat(value(obs, "claude-3", "table-20240101", "name")).isEqualTo("Claude 3, \"Opus\"");
    assertThat(value(obs, "claude-3", "table-20240101", "license")).isEqualTo("Apache 2.0, MIT");
  }

  @Test
  void conflictingRepeatsKeepTheFirstRow() throws Exception {
    List<Observation> obs = ArenaParser.parseTable("key,Model,MMLU\nx,X,0.5\nx,X,0.6\n", file(), URL);

    assertThat(value(obs, "x", "table-20240101", "mmlu")).isEqualTo("50");
    assertThat(obs).hasSize(3); // edition_date, name, mmlu
  }

  // ---- the Space's file listing ----

  @Test
  void treePagesListFilesOnly() throws Exception {
    List<String> files = ArenaParser.parseTreePage(
        Fixtures.text(DIR + "SYNTHETIC_space-tree_lmarena-ai--arena-leaderboard_page2.json"), URL);

    assertThat(files).containsExactly("leaderboard_table_20240125.csv", "leaderboard_table_20250511.csv",
        "elo_results_20250511.pkl", "requirements.txt");
    assertThatThrownBy(() -> ArenaParser.parseTreePage("{\"error\":\"x\"}", URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": expected a JSON array of files, got OBJECT");
    assertThatThrownBy(() -> ArenaParser.parseTreePage("[{\"type\":\"file\"}]", URL))
        .isInstanceOf(FetchException.class).hasMessageContaining("tree entry without 'path' or 'type'");
  }

  @Test
  void picksTheNewestDatedTables() throws Exception {
    List<String> files = List.of("README.md", "leaderboard_table_20231220.csv", "leaderboard_table_20250511.csv",
        "elo_results_20250511.pkl", "leaderboard_table_20240109.csv", "old/leaderboard_table_20991231.csv",
        "leaderboard_table_20241399.csv", "leaderboard_table_20240109.csv.bak");

    assertThat(ArenaParser.pickTables(files, 1, URL)).extracting(ArenaParser.TableFile::path, ArenaParser.TableFile::variant)
        .containsExactly(tuple("leaderboard_table_20250511.csv", "frozen-table"));
    assertThat(ArenaParser.pickTables(files, 5, URL)).extracting(ArenaParser.TableFile::path).containsExactly(
        "leaderboard_table_20250511.csv", "leaderboard_table_20240109.csv", "leaderboard_table_20231220.csv");
    assertThatThrownBy(() -> ArenaParser.pickTables(List.of("app.py", "elo_results_20250511.pkl"), 1, URL))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": no leaderboard_table_YYYYMMDD.csv among 2 files");
  }

  // ---- arena-catalog ----

  @Test
  void catalogFullCategoryWithExactNumbers() throws Exception {
    List<Observation> obs = ArenaParser.parseCatalog(
        Fixtures.text(DIR + "arena_catalog_leaderboard-text_2025-12-11_trimmed.json"), URL, "full");

    assertThat(obs).hasSize(26 * 3);
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating")).isEqualTo("1486.6027120272704");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating_q975")).isEqualTo("1492.8027344568852");
    assertThat(value(obs, "gemini-3-pro", "", "catalog_rating_q025")).isEqualTo("1480.4026895976556");
    assertThat(value(obs, "qwen1.5-14b-chat", "", "catalog_rating")).isEqualTo("1130.0734008099955");
    assertThat(value(obs, "mistral-7b-instruct-v0.2", "", "catalog_rating_q025")).isEqualTo("1084.75200529986");
    assertThat(value(obs, "llama-13b", "", "catalog_rating_q975")).isEqualTo("850.9752120170061");
    assertThat(obs).allSatisfy(o -> assertThat(o.raw()).isNull());
  }

  @Test
  void theStyleControlledFileRatesTheSameModelsOtherwise() throws Exception {
    List<Observation> text = ArenaParser.parseCatalog(
        Fixtures.text(DIR + "arena_catalog_leaderboard-text_2025-12-11_trimmed.json"), URL, "full");
    List<Observation> styled = ArenaParser.parseCatalog(
        Fixtures.text(DIR + "arena_catalog_leaderboard-text-style-control_2025-12-11_trimmed.json"), URL, "full");

    assertThat(styled).hasSize(25 * 3);
    // gemini-2.5-pro is second without style control and seventh with it, about 13 points lower
    assertThat(value(text, "gemini-2.5-pro", "", "catalog_rating")).isEqualTo("1464.461788215414");
    assertThat(value(styled, "gemini-2.5-pro", "", "catalog_rating")).isEqualTo("1450.9709341364633");
    assertThat(value(styled, "gemini-3-pro", "", "catalog_rating_q975")).isEqualTo("1498.2338806126072");
    assertThat(value(styled, "stablelm-tuned-alpha-7b", "", "catalog_rating_q025")).isEqualTo("944.3995884481411");
    assertThat(ArenaParser.parseCatalog(Fixtures.text(DIR + "arena_catalog_leaderboard-text-style-control_2025-12-11_trimmed.json"),
        URL, "chinese")).extracting(Observation::subject).containsOnly("gemini-3-pro", "grok-4.1", "grok-4.1-thinking");
  }

  @Test
  void theFallbackBoardIsTheCatalogsRatingsWithoutRankOrDate() throws Exception {
    ArenaParser.Board board = ArenaParser.parseCatalogBoard(
        Fixtures.text(DIR + "arena_catalog_leaderboard-text-style-control_2025-12-11_trimmed.json"), URL, "full");

    assertThat(board.dataDate()).isNull();
    assertThat(board.observations()).hasSize(25).allSatisfy(o -> assertThat(o.key()).isEqualTo("rating"));
    assertThat(value(board.observations(), "claude-opus-4-1-20250805", "", "rating")).isEqualTo("1441.0801639031768");
    assertThat(ArenaParser.catalogCategory("overall")).isEqualTo("full");
    assertThat(ArenaParser.catalogCategory("coding")).isEqualTo("coding");
  }

  @Test
  void catalogNumbersAreExactDecimalsNotDoubles() throws Exception {
    // 0.1 + 2^-60 is not a double; trailing zeros are canonicalized but kept as raw.
    List<Observation> obs = ArenaParser.parseCatalog(
        "{\"full\":{\"m\":{\"rating\":1200.100000000000000000001,\"rating_q975\":1300.50,\"rating_q025\":1100}}}", URL, "full");

    assertThat(value(obs, "m", "", "catalog_rating")).isEqualTo("1200.100000000000000000001");
    assertThat(value(obs, "m", "", "catalog_rating_q975")).isEqualTo("1300.5");
    assertThat(raw(obs, "m", "", "catalog_rating_q975")).isEqualTo("1300.50");
    assertThat(value(obs, "m", "", "catalog_rating_q025")).isEqualTo("1100");
  }

  @Test
  void catalogWithoutTheCategoryOrWithoutBoundsFails() {
    assertThatThrownBy(() -> ArenaParser.parseCatalog("{\"chinese\":{},\"coding\":{}}", URL, "full"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": category 'full' missing (have: [chinese, coding])");
    assertThatThrownBy(() -> ArenaParser.parseCatalog("{\"full\":{\"m\":{\"rating\":1,\"rating_q975\":2}}}", URL, "full"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": full.m: 'rating_q025' missing or not a number");
    assertThatThrownBy(() -> ArenaParser.parseCatalog("{\"full\":{}}", URL, "full"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": category 'full' has no models");
    assertThatThrownBy(() -> ArenaParser.parseCatalogBoard("{\"full\":{\"m\":{\"rating\":\"high\"}}}", URL, "full"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": full.m: 'rating' missing or not a number");
    assertThatThrownBy(() -> ArenaParser.parseCatalog("[1,", URL, "full"))
        .isInstanceOf(FetchException.class).hasMessageStartingWith(URL + ": body is not valid JSON");
  }

  // ---- current board ----

  /** Rows as DatasetViewerClient reads them (Fetcher.parseJson): numbers exact. */
  private static DatasetRows rows(List<String> columns, String... rowsJson) throws Exception {
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (String json : rowsJson) {
      Map<String, JsonNode> cells = new LinkedHashMap<>();
      Mappers.JSON.readTree(json).properties().forEach(e -> cells.put(e.getKey(), e.getValue()));
      rows.add(cells);
    }
    return new DatasetRows(columns, rows, rows.size(), URL);
  }

  @Test
  void currentBoardReadsTheFilteredRows() throws Exception {
    ArenaParser.Board board = ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"organization\":\"O\",\"rating\":1387.5,\"rank\":3,\"category\":\"overall\",\"license\":null,\"leaderboard_publish_date\":\"2025-08-04\"}",
        "{\"model_name\":\"n\",\"organization\":\"-\",\"rating\":1200.0,\"rank\":null,\"category\":\"overall\",\"license\":\"Proprietary\",\"leaderboard_publish_date\":\"20250804\"}",
        "{\"model_name\":\"o\",\"organization\":\"\",\"rating\":1100,\"rank\":9,\"category\":\"overall\",\"license\":\"MIT\",\"leaderboard_publish_date\":null}"),
        "overall");

    assertThat(board.dataDate()).isEqualTo("2025-08-04");
    assertThat(board.observations()).extracting(Observation::subject, Observation::key, Observation::value, Observation::raw)
        .containsExactly(
            tuple("m", "rating", "1387.5", null), tuple("m", "rank", "3", null), tuple("m", "organization", "O", null),
            tuple("m", "publish_date", "2025-08-04", null),
            tuple("n", "rating", "1200", "1200.0"), tuple("n", "license", "Proprietary", null),
            tuple("n", "publish_date", "2025-08-04", "20250804"));
  }

  @Test
  void rowsOfAnOlderPublishDateAreNotTheBoard() throws Exception {
    // A third party reports that `latest` once kept earlier publications too; the site shows the newest one.
    ArenaParser.Board board = ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"rating\":1300,\"rank\":2,\"category\":\"overall\",\"leaderboard_publish_date\":\"2025-12-04\"}",
        "{\"model_name\":\"m\",\"rating\":1310,\"rank\":1,\"category\":\"overall\",\"leaderboard_publish_date\":\"2025-12-11\"}",
        "{\"model_name\":\"gone\",\"rating\":1000,\"rank\":3,\"category\":\"overall\",\"leaderboard_publish_date\":\"2025-12-04\"}"),
        "overall");

    assertThat(board.dataDate()).isEqualTo("2025-12-11");
    assertThat(board.observations()).extracting(Observation::subject, Observation::key, Observation::value)
        .containsExactly(tuple("m", "rating", "1310"), tuple("m", "rank", "1"), tuple("m", "publish_date", "2025-12-11"));
  }

  @Test
  void currentBoardNeedsItsColumnsAndRowsOfItsCategory() throws Exception {
    List<String> withoutRating = ArenaParser.CURRENT_COLUMNS.stream().filter(c -> !c.equals("rating") && !c.equals("rank")).toList();
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(withoutRating), "overall"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": columns 'rating', 'rank' missing (have: " + withoutRating + ")");
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS), "overall"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": no row of category 'overall' (the category is empty or gone)");
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"rating\":1,\"category\":\"overall\"}",
        "{\"model_name\":\"m\",\"rating\":1,\"category\":\"coding\"}"), "overall"))
        .isInstanceOf(FetchException.class)
        .hasMessage(URL + ": row 1 is of category 'coding', not 'overall' (the viewer did not filter)");
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"rating\":null,\"category\":\"overall\"}"), "overall"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": row 0 (m): no rating");
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"rating\":\"high\",\"category\":\"overall\"}"), "overall"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": row 0 (m): rating 'high' is not a number");
    assertThatThrownBy(() -> ArenaParser.parseCurrent(rows(ArenaParser.CURRENT_COLUMNS,
        "{\"model_name\":\"m\",\"rating\":1,\"category\":\"overall\",\"leaderboard_publish_date\":\"Aug 4\"}"), "overall"))
        .isInstanceOf(FetchException.class).hasMessage(URL + ": row 0: leaderboard_publish_date 'Aug 4' is not a date");
  }

  private static ArenaParser.TableFile file() {
    return new ArenaParser.TableFile("leaderboard_table_20240101.csv", LocalDate.of(2024, 1, 1));
  }

  private static List<Observation> table(String fixture, String date) throws Exception {
    return ArenaParser.parseTable(Fixtures.text(DIR + fixture),
        new ArenaParser.TableFile("leaderboard_table_" + date + ".csv", LocalDate.parse(date, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)),
        URL);
  }
}
