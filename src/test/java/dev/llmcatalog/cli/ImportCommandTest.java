package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `llm-catalog import opencompass FILE` on real and synthetic summarizer CSVs, checked in the database. */
class ImportCommandTest {
  private static final Path FIXTURES = Paths.get("src/test/resources/fixtures/leaderboards/opencompass");
  private static final Path REAL = FIXTURES.resolve("summary_csv_internlm2-1.8b-hf_ceval.csv");
  private static final Path MULTI = FIXTURES.resolve("summary_20240412_093015.csv");

  @TempDir
  Path dir;
  private final CliRunner cli = new CliRunner(Map.of(), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
  private Path db;

  @BeforeEach
  void paths() {
    db = dir.resolve("catalog.db");
  }

  private CliRunner.Result run(String config, String... args) {
    List<String> all = new ArrayList<>(List.of("--config", config, "--db", db.toString()));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  private List<String> query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          cells.add(rs.getString(i));
        }
        rows.add(String.join("|", cells));
      }
      return rows;
    }
  }

  @Test
  void importsTheRealSummaryAsOneSnapshot() throws Exception {
    CliRunner.Result result = run("config/catalog.yaml", "import", "opencompass", REAL.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("opencompass-local: imported 58 values for 1 models from " + REAL + " (snapshot 1)\n");
    assertThat(query("SELECT id, source, status, subjects, values_added, data_date FROM snapshot"))
        .containsExactly("1|opencompass-local|ok|1|58|null");
    assertThat(query("SELECT count(*) FROM run WHERE finished_at IS NOT NULL")).containsExactly("1");
    String url = REAL.toAbsolutePath().normalize().toUri().toString();
    assertThat(url).startsWith("file:/");
    assertThat(query("SELECT subject, variant, key, value, raw, url FROM observation WHERE key IN"
        + " ('ceval.naive_average', 'ceval-computer_network.accuracy', 'ceval-college_chemistry.accuracy') ORDER BY key"))
        .containsExactly(
            "internlm2-1.8b-hf||ceval-college_chemistry.accuracy|37.5|null|" + url,
            "internlm2-1.8b-hf||ceval-computer_network.accuracy|47.37|null|" + url,
            "internlm2-1.8b-hf||ceval.naive_average|47.03|null|" + url);
    assertThat(query("SELECT name FROM unresolved_name")).containsExactly("internlm2-1.8b-hf");
  }

  @Test
  void resolvesModelNamesLikeSyncAndKeepsTheRunsDate() throws Exception {
    Path config = dir.resolve("catalog.yaml");
    Files.writeString(config, """
        front_matter: {title: t}
        groups:
          - id: llm
            models: [Qwen/Qwen-7B-Chat]
        aliases:
          qwen-7b-chat-hf: Qwen/Qwen-7B-Chat
        """, StandardCharsets.UTF_8);

    CliRunner.Result result = run(config.toString(), "import", "opencompass", MULTI.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("opencompass-local: imported 17 values for 3 models from " + MULTI + " (snapshot 1)\n");
    assertThat(query("SELECT subject, value FROM observation WHERE key = 'gsm8k.accuracy' ORDER BY subject")).containsExactly(
        "Qwen/Qwen-7B-Chat|50.27", "internlm2-chat-7b-hf|69.22", "yi-6b-chat-hf|38.51");
    assertThat(query("SELECT value FROM observation WHERE subject = 'Qwen/Qwen-7B-Chat' AND key = 'humaneval.humaneval_pass@1'"))
        .containsExactly("37.2");
    assertThat(query("SELECT count(*) FROM observation WHERE subject = 'Qwen/Qwen-7B-Chat' AND key = 'triviaqa.score'"))
        .containsExactly("0");
    assertThat(query("SELECT name FROM unresolved_name ORDER BY name")).containsExactly("internlm2-chat-7b-hf", "yi-6b-chat-hf");
    assertThat(query("SELECT data_date FROM snapshot")).containsExactly("2024-04-12");
  }

  @Test
  void importingTheSameFileAgainStoresNothingNew() throws Exception {
    run("config/catalog.yaml", "import", "opencompass", REAL.toString());

    CliRunner.Result again = run("config/catalog.yaml", "import", "opencompass", REAL.toString());

    assertThat(again.out()).isEqualTo("opencompass-local: imported 58 values for 1 models from " + REAL + " (snapshot 2)\n");
    assertThat(query("SELECT values_added, values_closed FROM snapshot WHERE id = 2")).containsExactly("0|0");
    assertThat(query("SELECT count(*) FROM observation")).containsExactly("58");
  }

  @Test
  void anotherFileReplacesThePreviousImportWhichStaysInHistory() throws Exception {
    run("config/catalog.yaml", "import", "opencompass", REAL.toString());

    run("config/catalog.yaml", "import", "opencompass", MULTI.toString());

    assertThat(query("SELECT values_added, values_closed FROM snapshot WHERE id = 2")).containsExactly("17|58");
    assertThat(query("SELECT count(*) FROM observation WHERE subject = 'internlm2-1.8b-hf' AND to_snapshot = 2"))
        .containsExactly("58");
  }

  @Test
  void importedEvaluationsAreDiffedAndTheirUnresolvedNamesListedLikeSyncedOnes() throws Exception {
    run("config/catalog.yaml", "import", "opencompass", MULTI.toString());
    Path rerun = dir.resolve("summary_rerun.csv");
    Files.writeString(rerun, Files.readString(MULTI).replace("gsm8k,1d7fe4,accuracy,gen,50.27,69.22,38.51",
        "gsm8k,1d7fe4,accuracy,gen,50.27,69.22,41.02"));
    run("config/catalog.yaml", "import", "opencompass", rerun.toString());

    CliRunner.Result diff = run("config/catalog.yaml", "diff", "--source", "opencompass-local");
    CliRunner.Result unresolved = run("config/catalog.yaml", "models", "--unresolved");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).isEqualTo("""
        opencompass-local (snapshot 1 -> 2): 1 change
          metric  yi-6b-chat-hf  gsm8k.accuracy  38.51 -> 41.02 (+2.51)
        """);
    assertThat(unresolved.out()).contains("opencompass-local\tyi-6b-chat-hf\n");
  }

  @Test
  void aMissingFileIsOneLineAndExitTwoAndTouchesNothing() {
    Path missing = dir.resolve("nope.csv");

    CliRunner.Result result = run("config/catalog.yaml", "import", "opencompass", missing.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + missing + ": no such file\n");
    assertThat(result.out()).isEmpty();
    assertThat(db).doesNotExist();
  }

  @Test
  void aBadCsvNamesFileAndLineAndStoresNothing() throws Exception {
    Path bad = dir.resolve("summary.csv");
    Files.writeString(bad, "dataset,version,metric,mode,m1,m2\nceval,-,naive_average,gen,47.03,50.00\nmmlu,-,naive_average,gen,1\n");

    CliRunner.Result result = run("config/catalog.yaml", "import", "opencompass", bad.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + bad + ":3: 5 fields, expected 6 (dataset,version,metric,mode and 2 models)\n");
    assertThat(db).doesNotExist();

    Files.writeString(bad, "model,score\nx,1\n");
    assertThat(run("config/catalog.yaml", "import", "opencompass", bad.toString()).err()).isEqualTo("error: " + bad
        + ":1: expected the header dataset,version,metric,mode,<model>... of an OpenCompass summary, got 'model,score'\n");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRunner.Result result = run("config/catalog.yaml", "import", "lmeval", REAL.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("expected one of [opencompass]", "'lmeval'");
  }

  @Test
  void helpListsTheCommand() {
    assertThat(cli.run("--help").out()).contains("import");
    assertThat(cli.run("import", "--help").out()).contains("FORMAT", "FILE", "opencompass");
  }
}
