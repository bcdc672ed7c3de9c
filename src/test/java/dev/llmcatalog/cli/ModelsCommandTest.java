package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelsCommandTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();

  @BeforeEach
  void start() throws Exception {
    cli.config(text -> text.replace("      - moka-ai/m3e-base\n", "      - moka-ai/m3e-base\n      - gone/away\n"));
    cli.run("sync");
  }

  @Test
  void listsConfiguredModelsWithTheirHubIdAndStatus() {
    CliRunner.Result models = cli.run("models");

    assertThat(models.exitCode()).isZero();
    assertThat(models.out().lines()).hasSize(21).first().asString().startsWith("CONFIGURED");
    assertThat(models.out()).contains(
        String.format("%-45s  %-45s  %s%n", "THUDM/chatglm3-6b", "zai-org/chatglm3-6b", "ok"),
        String.format("%-45s  %-45s  %s%n", "gone/away", "gone/away", "missing"));
  }

  @Test
  void unresolvedBoardNamesArePerSourceAndNeverGuessed() {
    CliRunner.Result unresolved = cli.run("models", "--unresolved");

    assertThat(unresolved.exitCode()).isZero();
    assertThat(unresolved.out()).contains("opencompass\tClaude Opus 5 (high)\n", "tabby\tStarCoder-1B\n")
        // resolved through the alias in the config, so not listed:
        .doesNotContain("DeepSeek-7B-Chat")
        // resolved by the normalized match against the table's Hub ids, so not listed:
        .doesNotContain("opencompass\tQwen1.5-14B-Chat\n");
  }
}
