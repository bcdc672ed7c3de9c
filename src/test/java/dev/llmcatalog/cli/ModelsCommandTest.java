package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.FixtureHub;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
  @TempDir
  Path dir;
  private final MockWebServer server = new MockWebServer();
  private CliRunner cli;
  private String config;

  @BeforeEach
  void start() throws Exception {
    server.start();
    cli = new CliRunner(new FixtureHub(server).env(), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    config = TestConfigs.shippedIn(dir, text -> text.replace("      - moka-ai/m3e-base\n", "      - moka-ai/m3e-base\n      - gone/away\n"))
        .toString();
    cli.run("--config", config, "--db", dir.resolve("c.db").toString(), "sync");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsConfiguredModelsWithTheirHubIdAndStatus() {
    CliRunner.Result models = cli.run("--config", config, "--db", dir.resolve("c.db").toString(), "models");

    assertThat(models.exitCode()).isZero();
    assertThat(models.out().lines()).hasSize(21).first().asString().startsWith("CONFIGURED");
    assertThat(models.out()).contains(
        String.format("%-45s  %-45s  %s%n", "THUDM/chatglm3-6b", "zai-org/chatglm3-6b", "ok"),
        String.format("%-45s  %-45s  %s%n", "gone/away", "gone/away", "missing"));
  }

  @Test
  void unresolvedBoardNamesArePerSourceAndNeverGuessed() {
    CliRunner.Result unresolved = cli.run("--config", config, "--db", dir.resolve("c.db").toString(), "models", "--unresolved");

    assertThat(unresolved.exitCode()).isZero();
    assertThat(unresolved.out()).contains("opencompass\tClaude Opus 5 (high)\n", "tabby\tStarCoder-1B\n")
        // resolved through the alias in the config, so not listed:
        .doesNotContain("DeepSeek-7B-Chat")
        // resolved by the normalized match against the table's Hub ids, so not listed:
        .doesNotContain("opencompass\tQwen1.5-14B-Chat\n");
  }
}
