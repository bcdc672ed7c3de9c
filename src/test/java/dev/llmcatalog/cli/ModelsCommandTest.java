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

  /** Issue 16: --format json, the shape docs/commands.md shows, here for a config of three groups' models. */
  @Test
  void jsonListsTheSameModelsAndStatuses() {
    cli.config(text -> text.replaceFirst("(?s)\ngroups:.*?\n\n", """

        groups:
          - id: few
            title: Few
            models:
              - microsoft/phi-2
              - THUDM/chatglm3-6b
              - gone/away
              - some/model-never-synced

        """).replaceFirst("(?m)^  groups: \\[llm, gguf\\]", "  groups: [few]"));

    CliRunner.Result models = cli.run("models", "--format", "json");

    assertThat(models.exitCode()).as(models.err()).isZero();
    assertThat(models.out()).isEqualTo("""
        {
          "models" : [ {
            "configured" : "microsoft/phi-2",
            "hub_id" : "microsoft/phi-2",
            "status" : "ok"
          }, {
            "configured" : "THUDM/chatglm3-6b",
            "hub_id" : "zai-org/chatglm3-6b",
            "status" : "ok"
          }, {
            "configured" : "gone/away",
            "hub_id" : "gone/away",
            "status" : "missing"
          }, {
            "configured" : "some/model-never-synced",
            "hub_id" : "some/model-never-synced",
            "status" : "no_data"
          } ]
        }
        """);
  }

  @Test
  void jsonListsUnresolvedNamesPerSource() {
    CliRunner.Result unresolved = cli.run("models", "--unresolved", "--format=json");

    assertThat(unresolved.exitCode()).isZero();
    assertThat(unresolved.out()).startsWith("""
        {
          "unresolved" : [ {
            "source" : "opencompass",
            "name" : "Claude Opus 5 (high)"
          }, {
        """).contains("""
          }, {
            "source" : "tabby",
            "name" : "StarCoder-1B"
          }, {
        """).endsWith("} ]\n}\n");
  }
}
