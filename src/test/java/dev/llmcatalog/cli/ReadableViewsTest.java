package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16 item 3: the views (V10) answer in plain SQL what render and diff show, after real syncs; on PostgreSQL
 * (its V3) with the same rows.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ReadableViewsTest {
  @RegisterExtension
  final CliHarness cli;

  ReadableViewsTest(TestDatabase.Kind kind) {
    cli = new CliHarness(kind);
  }

  private static final Clock DAY_2 = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private static final String WAIMAI =
      "/gh/embeddings-benchmark/results/main/results/moka-ai__m3e-base/no_revision_available/Waimai.json";

  /**
   * Each row of {@code sql} as its columns joined by {@code |}, NULL as empty (as the sqlite3 shell prints them), a
   * floating-point number as Java writes it (PostgreSQL writes 583921.0 as 583921).
   */
  private List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = cli.database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          cells.add(value == null ? "" : value instanceof Double d ? d.toString() : rs.getString(i));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  private void changePhi2AndWaimai() {
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replaceFirst("\"downloads\":\\d+", "\"downloads\":900000"));
    cli.hub().override(WAIMAI, new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
        .body(Fixtures.text("leaderboards/mteb/results-repo/moka-ai__m3e-base/no_revision_available/Waimai.json")
            .replace("\"main_score\": 0.8399000000000001", "\"main_score\": 0.8512")).build());
  }

  @Test
  void latestModelIsOneRowPerHubModelWithTheFieldsTheCatalogShows() throws Exception {
    assertThat(cli.run("sync").exitCode()).isZero();

    assertThat(rows("SELECT * FROM latest_model WHERE model = 'microsoft/phi-2'")).containsExactly(
            "microsoft/phi-2|text-generation|transformers|2779683840|mit|false|583921|3318|2023-12-13T21:19:59.000Z"
                + "|2024-04-29T16:25:56.000Z|5a7e9eef62a16f16e2bc3cd1d992c009e7af1e89|transformers,safetensors,phi,"
                + "text-generation,nlp,code,en,license:mit,autotrain_compatible,text-generation-inference,endpoints_compatible,"
                + "region:us|2026-11-26T10:00:00Z");
    // a renamed model under its new id only
    assertThat(rows("SELECT model FROM latest_model WHERE model LIKE '%/chatglm3-6b'")).containsExactly("zai-org/chatglm3-6b");
    assertThat(cli.count("SELECT count(*) FROM latest_model")).isEqualTo(29);
    assertThat(cli.count("SELECT count(*) FROM latest_model WHERE downloads IS NULL OR likes IS NULL")).isZero();
    // the same values as the catalog line: 2.78B parameters, mit, 584k downloads, 3.32k likes, updated 2024-04-29
    assertThat(Files.readString(cli.dir().resolve("catalog.md"))).contains("- [microsoft/phi-2](https://huggingface.co/microsoft/phi-2)"
        + " · params 2.78B · license mit · downloads 584k · likes 3.32k · updated 2024-04-29\n");
  }

  @Test
  void latestScoreHoldsTheNumbersTheRenderedTableShows() throws Exception {
    assertThat(cli.run("sync").exitCode()).isZero();

    // the openllm table picks each model's best Average; its columns, to 2 decimals
    List<String> best = rows("""
        SELECT variant FROM latest_score
        WHERE board = 'openllm-v1' AND model = 'mistralai/Mistral-7B-Instruct-v0.2' AND metric = 'average'
        ORDER BY value DESC LIMIT 1""");
    List<String> cells = new ArrayList<>();
    for (String metric : List.of("average", "arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k")) {
      cells.add(rows("SELECT text FROM latest_score WHERE board = 'openllm-v1' AND model = 'mistralai/Mistral-7B-Instruct-v0.2'"
          + " AND variant = '" + best.get(0) + "' AND metric = '" + metric + "'").get(0));
    }
    String row = "| mistralai/Mistral-7B-Instruct-v0.2 | " + cells.stream()
        .map(t -> new BigDecimal(t).setScale(2, RoundingMode.HALF_UP).toPlainString()).collect(Collectors.joining(" | ")) + " |";
    assertThat(row).isEqualTo("| mistralai/Mistral-7B-Instruct-v0.2 | 65.71 | 63.14 | 84.88 | 60.78 | 68.26 | 77.19 | 40.03 |");
    assertThat(Files.readString(cli.dir().resolve("catalog.md"))).contains(row + "\n");

    // the mteb table (2 decimals): m3e-base's Waimai 83.99, stella's TNews 51.25; text is the value as stored
    assertThat(rows("SELECT * FROM latest_score WHERE board = 'mteb' AND model IN ('moka-ai/m3e-base', 'infgrad/stella-base-zh-v2')"
        + " ORDER BY model, metric")).containsExactly(
            "infgrad/stella-base-zh-v2|mteb|external/validation/default|TNews|51.25200000000001|51.25200000000001|2026-11-26T10:00:00Z"
                + "|2026-11-26T10:00:00Z",
            "moka-ai/m3e-base|mteb|no_revision_available/test/default|Waimai|83.99|83.99|2026-11-26T10:00:00Z"
                + "|2026-11-26T10:00:00Z");
    assertThat(Files.readString(cli.dir().resolve("catalog.md"))).contains("| infgrad/stella-base-zh-v2 | — | 51.25 | — | — | — |\n",
        "| moka-ai/m3e-base | — | — | 83.99 | — | — |\n");
    // names, licenses and dates of a board are values, not scores
    assertThat(cli.count("SELECT count(*) FROM latest_score WHERE metric IN ('name', 'organization', 'license', 'edition')")).isZero();
    assertThat(cli.count("SELECT count(*) FROM latest_value WHERE source = 'arena' AND key = 'organization'")).isPositive();
  }

  @Test
  void historyShowsBothVersionsOfAChangedValueWithTheirSpans() throws Exception {
    cli.run("sync");
    changePhi2AndWaimai();
    assertThat(cli.runAt(DAY_2, "sync").exitCode()).isZero();

    assertThat(rows("SELECT * FROM score_history WHERE model = 'moka-ai/m3e-base' AND metric = 'Waimai' ORDER BY valid_from"))
        .containsExactly(
            "moka-ai/m3e-base|mteb|no_revision_available/test/default|Waimai|83.99|83.99|2026-11-26T10:00:00Z"
                + "|2026-11-27T10:00:00Z|7|15",
            "moka-ai/m3e-base|mteb|no_revision_available/test/default|Waimai|85.12|85.12|2026-11-27T10:00:00Z||15|");
    assertThat(rows("SELECT model, board, metric, value, since, as_of FROM latest_score WHERE metric = 'Waimai'"))
        .containsExactly("moka-ai/m3e-base|mteb|Waimai|85.12|2026-11-27T10:00:00Z|2026-11-27T10:00:00Z");
    assertThat(rows("SELECT value, number, valid_from, valid_to FROM value_history"
        + " WHERE model = 'microsoft/phi-2' AND key = 'downloads' ORDER BY valid_from"))
        .containsExactly("583921|583921.0|2026-11-26T10:00:00Z|2026-11-27T10:00:00Z", "900000|900000.0|2026-11-27T10:00:00Z|");
    assertThat(rows("SELECT downloads, likes, as_of FROM latest_model WHERE model = 'microsoft/phi-2'"))
        .containsExactly("900000|3318|2026-11-27T10:00:00Z");
    // an unchanged value was first seen on day 1 and still holds as of day 2
    assertThat(rows("SELECT since, as_of FROM latest_value WHERE model = 'microsoft/phi-2' AND key = 'likes'"))
        .containsExactly("2026-11-26T10:00:00Z|2026-11-27T10:00:00Z");
  }

  @Test
  void aFailedSyncLeavesTheLatestStateAsOfTheLastSuccess() throws Exception {
    cli.run("sync");
    cli.hub().override("/api/models", new MockResponse.Builder().code(500).body("down").build());
    assertThat(cli.runAt(DAY_2, "sync").exitCode()).isEqualTo(ExitCodes.PARTIAL);

    assertThat(rows("SELECT source, snapshot, run, as_of FROM latest_snapshot WHERE source IN ('hub', 'mteb') ORDER BY source"))
        .containsExactly("hub|1|1|2026-11-26T10:00:00Z", "mteb|15|2|2026-11-27T10:00:00Z");
    assertThat(cli.count("SELECT count(*) FROM latest_model")).isEqualTo(29);
    assertThat(rows("SELECT DISTINCT as_of FROM latest_model")).containsExactly("2026-11-26T10:00:00Z");
  }

  /** A value is a number when it is a plain decimal, -?digits[.digits], in both databases' spelling of that test. */
  @Test
  void numberIsThePlainDecimalsOnly() throws Exception {
    cli.run("sync");
    List<String> values = List.of("0", "007", "-5", "12.50", "-0.25", "5.", ".5", "-.5", "1.2.3", "1-2", "--5", "-", "",
        "1e5", "+3", " 4", "0x1F", "abc");
    StringBuilder insert = new StringBuilder("INSERT INTO observation(source, subject, variant, key, value, url, from_snapshot)"
        + " VALUES ");
    for (int i = 0; i < values.size(); i++) {
      insert.append(i == 0 ? "" : ", ").append(String.format("('probe', 'a/b', '', 'k%02d', '%s', 'u', 1)", i, values.get(i)));
    }
    cli.database().execute(insert.toString());

    assertThat(rows("SELECT value, number FROM value_history WHERE source = 'probe' ORDER BY key")).containsExactly(
        "0|0.0", "007|7.0", "-5|-5.0", "12.50|12.5", "-0.25|-0.25", "5.|", ".5|", "-.5|", "1.2.3|", "1-2|", "--5|", "-|",
        "|", "1e5|", "+3|", " 4|", "0x1F|", "abc|");
  }

  /** The queries the README and docs/data-model.md show run and answer, on the test world after a change. */
  @Test
  void theDocumentedQueriesAnswer() throws Exception {
    cli.run("sync");
    changePhi2AndWaimai();
    cli.runAt(DAY_2, "sync");

    for (String doc : List.of("README.md", "docs/data-model.md")) {
      List<String> queries = sqlBlocks(Files.readString(java.nio.file.Path.of(doc)));
      assertThat(queries).as(doc).hasSize(3);
      for (String query : queries) {
        assertThat(rows(query)).as(doc + ": " + query).isNotEmpty();
      }
    }
    assertThat(rows("SELECT value, valid_from, valid_to FROM score_history WHERE model = 'moka-ai/m3e-base' AND metric = 'Waimai'"
        + " ORDER BY valid_from")).containsExactly("83.99|2026-11-26T10:00:00Z|2026-11-27T10:00:00Z", "85.12|2026-11-27T10:00:00Z|");
  }

  /** The statements of the {@code ```sql} blocks of a markdown text, comments left out. */
  private static List<String> sqlBlocks(String markdown) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean in = false;
    for (String line : markdown.split("\n")) {
      if (line.equals("```sql")) {
        in = true;
      } else if (in && line.equals("```")) {
        in = false;
      } else if (in && !line.startsWith("--")) {
        current.append(line).append('\n');
        if (line.endsWith(";")) {
          statements.add(current.toString().strip());
          current.setLength(0);
        }
      }
    }
    return statements;
  }
}
