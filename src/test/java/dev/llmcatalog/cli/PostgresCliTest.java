package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.TestConfigs;
import dev.llmcatalog.testsupport.TestDatabase;
import dev.llmcatalog.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Every command on PostgreSQL gives what it gives on SQLite for the same upstream data, byte for byte, and draws the
 * same trend charts; the password of a PostgreSQL URL is never shown, logged or stored; {@code LLM_CATALOG_DB};
 * {@code copy} from SQLite.
 */
class PostgresCliTest {
  private static final String CSV = "src/test/resources/fixtures/leaderboards/opencompass/summary_csv_internlm2-1.8b-hf_ceval.csv";

  @RegisterExtension
  final CliHarness sqlite = new CliHarness(TestDatabase.Kind.SQLITE);
  @RegisterExtension
  final CliHarness postgres = new CliHarness(TestDatabase.Kind.POSTGRESQL);

  /** The same session of commands on a harness: its outputs, with what differs between two harnesses masked. */
  private static List<String> session(CliHarness cli) throws Exception {
    String out = cli.dir().resolve("rendered.md").toString();
    List<String> outputs = new ArrayList<>();
    List<List<String>> first = List.of(List.of("sync"), List.of("render", "--out", out), List.of("snapshots"),
        List.of("models"), List.of("models", "--unresolved"), List.of("import", "opencompass", CSV), List.of("publish"));
    first.forEach(args -> outputs.add(masked(cli, args, cli.run(args.toArray(String[]::new)))));
    outputs.add(Files.readString(Path.of(out), StandardCharsets.UTF_8));
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    cli.hub().overrideModel("microsoft/phi-2", phi2.replaceFirst("\"downloads\":\\d+", "\"downloads\":1234567"));
    List<List<String>> second = List.of(List.of("sync"), List.of("diff"), List.of("diff", "--format", "json"),
        List.of("diff", "1", "2", "--format", "markdown"), List.of("diff", "3", "99"), List.of("render", "--out", out, "--check"),
        List.of("gc", "--keep", "1"), List.of("snapshots"));
    second.forEach(args -> outputs.add(masked(cli, args, cli.run(args.toArray(String[]::new)))));
    outputs.add(Files.readString(cli.dir().resolve("summary.md"), StandardCharsets.UTF_8));
    outputs.add(Files.readString(cli.dir().resolve("catalog.diff"), StandardCharsets.UTF_8));
    try (Stream<Path> charts = Files.list(cli.dir().resolve("charts"))) { // drawn from the stored history (issue 16)
      for (Path chart : charts.sorted().toList()) {
        outputs.add(chart.getFileName() + ":\n" + Files.readString(chart, StandardCharsets.UTF_8));
      }
    }
    return outputs;
  }

  private static String masked(CliHarness cli, List<String> args, CliRunner.Result result) {
    return String.join(" ", args).replace(cli.dir().toString(), "<dir>") + " -> " + result.exitCode() + "\n"
        + (result.out() + result.err()).replace(cli.database().location(), "<db>")
            .replaceAll("jdbc:postgresql://[^:]+:\\d+/\\w+\\?user=\\w+", "<db>")
            .replace(cli.dir().toString(), "<dir>").replace(cli.hub().endpoint(), "<hub>");
  }

  @Test
  void everyCommandGivesOnPostgresqlWhatItGivesOnSqlite() throws Exception {
    List<String> onSqlite = session(sqlite);
    List<String> onPostgres = session(postgres);

    assertThat(onSqlite.get(0)).as("the SQLite session itself").startsWith("sync -> 0\nhub: ok, snapshot 1: 29 models");
    assertThat(onSqlite.get(7)).isEqualTo(Fixtures.text("expected/catalog.md"));
    assertThat(onSqlite).anyMatch(o -> o.startsWith("diff 3 99 -> 2\nerror: no run 99 in <db>: its runs are 1-3"));
    for (int i = 0; i < onSqlite.size(); i++) {
      assertThat(onPostgres.get(i)).as("output %d", i).isEqualTo(onSqlite.get(i));
    }
    // Runs of `sync` name no daemon node.
    assertThat(postgres.count("SELECT count(*) FROM run WHERE node IS NOT NULL")).isZero();
  }

  @Test
  void thePasswordIsNeverShownLoggedOrStored() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    root.setLevel(Level.DEBUG); // the pool's, Flyway's and Quartz's debug lines too
    StringBuilder shown = new StringBuilder();
    try {
      for (String[] args : List.of(new String[] {"--verbose", "sync"}, new String[] {"--verbose", "status"},
          new String[] {"--verbose", "diff", "1", "5"})) {
        CliRunner.Result result = postgres.run(args);
        shown.append(result.out()).append(result.err());
      }
      // A wrong password: one line, without either password.
      String wrong = postgres.database().location().replace(TestPostgres.PASSWORD, "not-the-Password-9");
      CliRunner.Result refused = new CliRunner(postgres.hub().env(), CliHarness.CLOCK).run("--db", wrong, "snapshots");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).matches("error: cannot connect to jdbc:postgresql://\\S+\\?user=catalog: FATAL: password"
          + " authentication failed for user \"catalog\"\n");
      shown.append(refused.out()).append(refused.err());
    } finally {
      root.setLevel(level);
      root.detachAppender(logged);
    }
    String logs = String.join("\n", logged.list.stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList());

    assertThat(shown.toString()).contains("hub: ok, snapshot 1").doesNotContain(TestPostgres.PASSWORD)
        .doesNotContain("not-the-Password-9");
    assertThat(logs).isNotEmpty().doesNotContain(TestPostgres.PASSWORD).doesNotContain("not-the-Password-9");
    assertThat(storedText(postgres)).contains("microsoft/phi-2").doesNotContain(TestPostgres.PASSWORD);
  }

  /** Every row of every table of the database, as text. */
  private static String storedText(CliHarness cli) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = cli.database().connect(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rs.next()) {
            all.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  @Test
  void theDatabaseComesFromLlmCatalogDbAndTheCredentialsFromPgUserAndPgPassword() throws Exception {
    String url = postgres.database().location().substring(0, postgres.database().location().indexOf('?'));
    TestPostgres.credentialsEnv().forEach(postgres::env);
    postgres.env("LLM_CATALOG_DB", url);

    CliRunner.Result sync = postgres.runWithoutDb("sync", "--source", "tabby");
    CliRunner.Result snapshots = postgres.runWithoutDb("snapshots");

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).startsWith("tabby: ok, snapshot 1: 26 models");
    assertThat(snapshots.out().lines()).hasSize(2).last().asString().startsWith("1     1     tabby");
    CliRunner.Result missing = postgres.runWithoutDb("--db", url.replaceAll("/\\w+$", "/nope"), "snapshots");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: --db: " + url.replaceAll("/\\w+$", "/nope") + "?user=catalog: FATAL:"
        + " database \"nope\" does not exist (create it first, e.g. createdb)\n");
    CliRunner.Result other = postgres.runWithoutDb("--db", "mysql://db1/catalog", "snapshots");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).isEqualTo("error: --db: unsupported database URL 'mysql://db1/catalog': give a file,"
        + " jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE\n");
  }

  @Test
  void copyMovesAnSqliteHistoryIntoPostgresqlWithItsIdsAndRendersTheSame() throws Exception {
    sqlite.run("sync");
    String phi2 = Fixtures.text("hub-seed/models/microsoft--phi-2.json");
    sqlite.hub().overrideModel("microsoft/phi-2", phi2.replaceFirst("\"downloads\":\\d+", "\"downloads\":1234567"));
    sqlite.run("sync");
    sqlite.run("publish");
    String target = TestPostgres.withCredentials(TestPostgres.emptyDatabase());

    CliRunner.Result copy = sqlite.run("copy", "--to", target);

    assertThat(copy.exitCode()).as(copy.err()).isZero();
    assertThat(copy.out()).startsWith("copied " + sqlite.db() + " into jdbc:postgresql://")
        .contains("?user=catalog: run 2, snapshot " + 2 * TestConfigs.SOURCES.size() + ", observation ", ", publication 1, archive_body ")
        .endsWith(", notification 0\n").doesNotContain(TestPostgres.PASSWORD);
    CliRunner.Result again = sqlite.run("copy", "--to", target);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).matches("error: --to jdbc:postgresql://\\S+\\?user=catalog holds 2 runs already: copy into an"
        + " empty database\n");
    Path fromSqlite = sqlite.dir().resolve("from-sqlite.md");
    Path fromCopy = sqlite.dir().resolve("from-copy.md");
    for (String[] args : List.of(new String[] {"snapshots"}, new String[] {"diff", "1", "2", "--format", "json"},
        new String[] {"models", "--unresolved"}, new String[] {"render", "--out", "OUT"})) {
      CliRunner.Result original = sqlite.run(replace(args, fromSqlite));
      List<String> withDb = new ArrayList<>(List.of("--config", sqlite.config().toString(), "--db", target));
      withDb.addAll(List.of(replace(args, fromCopy)));
      CliRunner.Result copied = new CliRunner(sqlite.hub().env(), CliHarness.CLOCK).run(withDb.toArray(String[]::new));
      assertThat(copied.exitCode()).as(copied.err()).isZero();
      assertThat(copied.out().replace(fromCopy.toString(), "OUT")).as(String.join(" ", args))
          .isEqualTo(original.out().replace(fromSqlite.toString(), "OUT"));
    }
    assertThat(Files.readAllBytes(fromCopy)).isEqualTo(Files.readAllBytes(fromSqlite));
    // And back: PostgreSQL into a new SQLite file.
    Path back = sqlite.dir().resolve("back.db");
    CliRunner.Result backwards = new CliRunner(Map.of(), CliHarness.CLOCK)
        .run("--config", sqlite.config().toString(), "--db", target, "copy", "--to", back.toString());
    assertThat(backwards.exitCode()).as(backwards.err()).isZero();
    assertThat(new CliRunner(Map.of(), CliHarness.CLOCK).run("--config", sqlite.config().toString(), "--db",
        back.toString(), "snapshots").out()).isEqualTo(sqlite.run("snapshots").out());
    // The sequences go on after the copied ids: the next sync on the copy is run 3, its snapshot the next id.
    CliRunner.Result next = new CliRunner(sqlite.hub().env(), CliHarness.CLOCK)
        .run("--config", sqlite.config().toString(), "--db", target, "sync", "--source", "tabby");
    assertThat(next.out()).startsWith("tabby: ok, snapshot " + (2 * TestConfigs.SOURCES.size() + 1) + ": 26 models, 0 missing, 0 values added, 0 closed");
  }

  private static String[] replace(String[] args, Path out) {
    return java.util.Arrays.stream(args).map(a -> a.equals("OUT") ? out.toString() : a).toArray(String[]::new);
  }
}
