package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sync writes the catalog, its diff and a summary when data changed; publish moves the review baseline. */
class ReviewArtifactsTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();

  @Test
  void syncWritesTheCatalogItsDiffAndASummaryOfChangesSinceThePublishedCatalog() throws Exception {
    CliRunner.Result first = cli.run("sync");
    assertThat(first.out()).contains("catalog updated: " + cli.dir().resolve("catalog.md") + "; review: " + cli.dir().resolve("catalog.diff")
        + ", " + cli.dir().resolve("summary.md") + "\n");
    assertThat(Files.readString(cli.dir().resolve("catalog.md"))).isEqualTo(Fixtures.text("expected/catalog.md"));
    assertThat(Files.readString(cli.dir().resolve("catalog.diff"))).startsWith("--- a/catalog.md\n+++ b/catalog.md\n@@ -1,0 +1,");

    assertThat(cli.run("publish").out()).isEqualTo("published " + cli.dir().resolve("catalog.md") + " as of run 1 (publication 1)\n");
    String published = Files.readString(cli.dir().resolve("catalog.md"));

    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replace("\"license\":\"mit\"", "\"license\":\"apache-2.0\""));
    cli.run("sync");
    cli.hub().overrideModel("BAAI/bge-base-zh-v1.5", Fixtures.text("hub-seed/models/BAAI--bge-base-zh-v1.5.json")
        .replaceFirst("\"downloads\":\\d+", "\"downloads\":1"));
    CliRunner.Result third = cli.run("sync");

    assertThat(third.exitCode()).isZero();
    assertThat(Files.readString(cli.dir().resolve("summary.md"))).isEqualTo("""
        # llm-catalog review

        Changes since the published catalog (run 1, published 2026-11-26T10:00:00Z) up to run 3.

        ### hub (snapshot 1 → 19)

        | change | model | what | old | new | Δ |
        | --- | --- | --- | --- | --- | --- |
        | changed | BAAI/bge-base-zh-v1.5 | downloads | 264871 | 1 |  |
        | changed | microsoft/phi-2 | license | mit | apache-2.0 |  |

        Catalog diff: `catalog.diff`.
        """);
    String diff = Files.readString(cli.dir().resolve("catalog.diff"));
    assertThat(diff).contains("-- [microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license mit ·",
        "+- [microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license apache-2.0 ·",
        "+- [BAAI/bge-base-zh-v1.5](https://huggingface.co/BAAI/bge-base-zh-v1.5) · params 102M · license mit · downloads 1 ·");
    assertThat(published).contains("microsoft/phi-2) · params 2.78B · license mit");
  }

  @Test
  void anUnchangedSyncWritesNothing() throws Exception {
    cli.run("sync");
    Files.delete(cli.dir().resolve("summary.md"));

    CliRunner.Result again = cli.run("sync");

    assertThat(again.out()).doesNotContain("catalog").contains("hub: ok, snapshot 10: 29 models, 0 missing, 0 values added, 0 closed\n");
    assertThat(cli.dir().resolve("summary.md")).doesNotExist();
  }

  @Test
  void publishWithoutACatalogIsAnError() {
    CliRunner.Result result = cli.run("publish");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no catalog to publish");
  }
}
