package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;
  private final CliRunner cli = new CliRunner(Map.of(), Clock.systemUTC());

  @Test
  void helpListsCommandsEnvironmentAndExitCodes() {
    CliRunner.Result help = cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("sync", "render", "snapshots", "--config=FILE", "--db=FILE", "--verbose",
        "HF_ENDPOINT", "HF_TOKEN", "Exit codes:", "0   ok", "2   usage or config error", "3   partial");
  }

  @Test
  void docsAgreeWithHelp() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String commandsPage = Files.readString(Path.of("docs/commands.md"));
    String configPage = Files.readString(Path.of("docs/config.md"));
    String help0 = cli.run("--help").out();
    List<String> commands = help0.substring(help0.indexOf("Commands:"), help0.indexOf("Exit codes:")).lines().skip(1)
        .filter(l -> l.matches("  [a-z]+ .*")).map(l -> l.strip().split("\\s+")[0]).toList();
    assertThat(commands).contains("sync", "render", "snapshots", "diff", "publish", "models", "import");
    for (String command : commands) {
      assertThat(commandsPage).as("command %s in docs/commands.md", command).contains("llm-catalog " + command);
    }
    assertThat(readme).contains("./llm-catalog sync", "mvn -B verify", "docs/commands.md", "docs/config.md");
    assertThat(commandsPage).contains("--config", "--db", "--verbose", "--out", "--check");
    assertThat(configPage).contains("HF_ENDPOINT", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
    String help = cli.run("--help").out();
    for (String line : help.substring(help.indexOf("Exit codes:")).lines().skip(1).filter(l -> l.matches("\\s+\\d+\\s+.*")).toList()) {
      String[] parts = line.strip().split("\\s+", 2);
      assertThat(commandsPage).as("exit code %s in docs/commands.md", parts[0]).contains("| " + parts[0] + " |");
    }
  }

  /** Only the command named is built, after the root's options and their values; all of them for anything else. */
  @Test
  void onlyTheCommandNamedIsBuilt() {
    picocli.CommandLine.Model.CommandSpec root = new picocli.CommandLine(new RootCommand(null)).getCommandSpec();

    assertThat(RootCommand.commandsFor(root, "sync")).containsExactly(SyncCommand.class);
    assertThat(RootCommand.commandsFor(root, "-v", "--config", "catalog.yaml", "--db=x.db", "diff", "--json"))
        .containsExactly(DiffCommand.class);
    assertThat(RootCommand.commandsFor(root, "--config", "render", "diff")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root)).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root, "--help", "sync")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root, "-V")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root, "snyc")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root, "--frobnicate", "sync")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.commandsFor(root, "--", "sync")).isEqualTo(RootCommand.COMMANDS);
    assertThat(RootCommand.COMMANDS).hasSize(13);

    // as with every command built: picocli refuses a command's name as an option's value
    CliRunner.Result named = cli.run("--db", "sync", "status");
    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err()).isEqualTo("error: Expected parameter for option '--db' but found 'sync'\n");
    assertThat(Path.of("sync")).doesNotExist(); // no database made under that name
  }

  @Test
  void helpListsEveryCommandInOrderAndAWrongOneIsOneLine() {
    String help = cli.run("--help").out();
    List<String> listed = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:")).lines().skip(1)
        .filter(l -> l.matches("  [a-z]+ .*")).map(l -> l.strip().split("\\s+")[0]).toList();
    assertThat(listed).containsExactly("sync", "render", "chart", "snapshots", "models", "diff", "publish", "import", "gc",
        "daemon", "status", "copy", "benchmarks");

    CliRunner.Result wrong = cli.run("snyc");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).isEqualTo("error: Unmatched argument at index 0: 'snyc'\n");
  }

  @Test
  void versionPrintsTheVersion() {
    CliRunner.Result version = cli.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("llm-catalog ");
  }

  @Test
  void aConfigErrorIsOneLineOnStderrAndExitTwo() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "front_matter: {title: x}\ngroups:\n  - id: a\n    models: [not-an-id]\n");

    CliRunner.Result sync = cli.run("--config", config.toString(), "--db", dir.resolve("x.db").toString(), "sync");

    assertThat(sync.exitCode()).isEqualTo(2);
    assertThat(sync.err()).isEqualTo("error: " + config + ":4: bad model id 'not-an-id': expected org/name\n");
    assertThat(sync.out()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CliRunner.Result result = cli.run("sync", "--frobnicate");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: Unknown option: '--frobnicate'\n"); // one line, not the whole usage
  }

  /** Issue 18: one line naming the file, not Flyway's report. */
  @Test
  void aDatabaseFileThatIsNotSqliteIsOneLineAndExitTwo() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "my notes, not a database\n");

    CliRunner.Result result = cli.run("--config", "config/catalog.yaml", "--db", notes.toString(), "snapshots");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + notes + " is not an SQLite database (file is not a database)\n");
    assertThat(result.out()).isEmpty();
    assertThat(Files.readString(notes)).isEqualTo("my notes, not a database\n");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(cli.run().exitCode()).isEqualTo(2);
  }
}
