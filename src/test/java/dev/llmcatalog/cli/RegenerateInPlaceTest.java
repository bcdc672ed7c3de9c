package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Regenerating an existing catalog keeps everything a person wrote outside the marker blocks. */
class RegenerateInPlaceTest {
  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private Path out;

  @BeforeEach
  void start() throws Exception {
    out = cli.dir().resolve("catalog.md");
    cli.run("sync");
  }

  private CliRunner.Result render(String... extra) {
    List<String> args = new ArrayList<>(List.of("render", "--out", out.toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void handWrittenProseSurvivesAndGeneratedBlocksAreRegenerated() throws Exception {
    render();
    String generated = Files.readString(out, StandardCharsets.UTF_8);
    String paragraph = "\n> 2026-11 更新：我们又试了 Qwen2.5，效果*很好*。<!-- not a marker -->\n";
    String edited = generated
        .replace("总结：\n", "总结：\n" + paragraph)
        .replace("- [moka-ai/m3e-base](https://huggingface.co/moka-ai/m3e-base)", "- [moka-ai/m3e-base](edited by hand)");
    Files.writeString(out, edited, StandardCharsets.UTF_8);

    CliRunner.Result check = render("--check");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("-- [moka-ai/m3e-base](edited by hand)").doesNotContain("Qwen2.5");

    assertThat(render().exitCode()).isZero();
    String regenerated = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(regenerated).isEqualTo(generated.replace("总结：\n", "总结：\n" + paragraph));
    String seedProse = Fixtures.text("expected/catalog.md");
    assertThat(regenerated).contains(seedProse.substring(seedProse.indexOf("- **Average:**"), seedProse.indexOf("总结：\n")));
    assertThat(render().out()).isEqualTo(out + " unchanged\n");
  }

  /**
   * Issue 18: a catalog written before the blank lines around generated content (kramdown needs them) gets them on its
   * next render, and nothing else changes; the render after that changes nothing.
   */
  @Test
  void aCatalogInTheOldLayoutGainsOnlyTheBlankLinesOnce() throws Exception {
    render();
    String current = Files.readString(out, StandardCharsets.UTF_8);
    String old = current.replaceAll("(<!-- llm-catalog:begin [^\n]*-->\n)\n", "$1").replace("\n\n<!-- llm-catalog:end -->", "\n<!-- llm-catalog:end -->");
    assertThat(old).as("the old layout").doesNotContain("-->\n\n|", "\n\n<!-- llm-catalog:end");
    Files.writeString(out, old, StandardCharsets.UTF_8);

    CliRunner.Result check = render("--check");
    assertThat(check.exitCode()).isEqualTo(1);
    List<String> changed = check.out().lines().skip(2) // the ---/+++ header
        .filter(l -> !l.startsWith(" ") && !l.startsWith("@@")).toList();
    assertThat(changed).as(check.out()).hasSize(2 * 22).containsOnly("+"); // 22 blocks, a blank line on each side

    assertThat(render().out()).isEqualTo("wrote " + out + "\n");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(current);
    assertThat(render().out()).isEqualTo(out + " unchanged\n");
  }

  @Test
  void aMalformedBlockInTheCatalogIsAnErrorNamingTheLine() throws Exception {
    render();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.writeString(out, text.replaceFirst("<!-- llm-catalog:end -->\n", ""), StandardCharsets.UTF_8);

    CliRunner.Result result = render();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + out + ":18: marker block opened inside the block begun at line 10\n");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(text.replaceFirst("<!-- llm-catalog:end -->\n", ""));
  }

  @Test
  void aFileWithoutMarkersIsNeverOverwritten() throws Exception {
    Files.writeString(out, "# my own notes\n");

    CliRunner.Result result = render();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("has no llm-catalog marker blocks");
    assertThat(Files.readString(out)).isEqualTo("# my own notes\n");
  }
}
