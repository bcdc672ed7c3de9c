package dev.llmcatalog.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.diff.BoardData;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.testsupport.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRendererTest {
  @TempDir
  Path dir;
  private CatalogConfig config;

  @BeforeEach
  void config() throws Exception {
    Files.writeString(dir.resolve("catalog.yaml"), """
        front_matter:
          title: "AI 大模型"
          date: "2024-01-01 08:00:00 +0800"
          categories: LLM Leaderboard
          tags: [LLM]
        groups:
          - id: llm
            title: LLM
            models: [microsoft/phi-2, THUDM/chatglm3-6b, gone/model, new/model]
          - id: gguf
            title: GGUF
            top: {author: TheBloke, filter: gguf, limit: 2}
        links:
          - title: Code LLM
            links:
              - {title: Coding LLMs Leaderboard, url: "https://leaderboard.tabbyml.com/"}
        """);
    config = TestConfigs.load(dir.resolve("catalog.yaml"));
  }

  private static final java.util.function.Function<String, BoardData> NO_BOARDS = s -> {
    throw new AssertionError("no board expected");
  };

  private static final String TEMPLATE = """

      ## 🔶 大模型
      <!-- llm-catalog:begin group llm -->
      stale text that is replaced
      <!-- llm-catalog:end -->

      Hand-written prose stays *exactly* as it is.

      <!-- llm-catalog:begin group gguf -->
      <!-- llm-catalog:end -->

      ## 🏆 排行榜
      <!-- llm-catalog:begin links -->
      <!-- llm-catalog:end -->
      """;

  private static CatalogData data() {
    return new CatalogData(
        Map.of(
            "microsoft/phi-2", Map.of("parameters", "2779683840", "license", "mit", "downloads", "684157", "likes", "1667",
                "last_modified", "2024-04-29T16:25:56.000Z", "gated", "false"),
            "zai-org/chatglm3-6b", Map.of("license", "other | *custom* [x]", "downloads", "0", "gated", "auto"),
            "TheBloke/B-GGUF", Map.of("rank:gguf", "2", "parameters", "46702792704", "likes", "999999"),
            "TheBloke/A-GGUF", Map.of("rank:gguf", "1", "downloads", "1000", "likes", "12")),
        Map.of("THUDM/chatglm3-6b", "zai-org/chatglm3-6b"),
        Map.of("gone/model", new MissingModel("gone/model", 401, "RepoNotFound")));
  }

  @Test
  void rendersTheExactMarkdown() {
    String out = new CatalogRenderer(config).render(Template.parse(TEMPLATE, "t.md"), data(), NO_BOARDS, "t.md");

    assertThat(out).isEqualTo("""
        ---
        layout: post
        title:  "AI 大模型"
        date:   2024-01-01 08:00:00 +0800
        categories: LLM Leaderboard
        tags: [LLM]
        ---

        ## 🔶 大模型
        <!-- llm-catalog:begin group llm -->

        ### LLM
        - [microsoft/phi-2](https://huggingface.co/microsoft/phi-2) · params 2.78B · license mit · downloads 684k · likes 1.67k · updated 2024-04-29
        - [zai-org/chatglm3-6b](https://huggingface.co/zai-org/chatglm3-6b) (formerly THUDM/chatglm3-6b) · params — · license other \\| \\*custom\\* \\[x\\] · downloads 0 · likes — · updated — · gated
        - [gone/model](https://huggingface.co/gone/model) · not found on the Hub (HTTP 401 RepoNotFound)
        - [new/model](https://huggingface.co/new/model) · params — · license — · downloads — · likes — · updated —

        <!-- llm-catalog:end -->

        Hand-written prose stays *exactly* as it is.

        <!-- llm-catalog:begin group gguf -->

        ### GGUF
        - [TheBloke](https://huggingface.co/TheBloke): top 2 by downloads, tag gguf
          - [TheBloke/A-GGUF](https://huggingface.co/TheBloke/A-GGUF) · params — · license — · downloads 1k · likes 12 · updated —
          - [TheBloke/B-GGUF](https://huggingface.co/TheBloke/B-GGUF) · params 46.7B · license — · downloads — · likes 1M · updated —

        <!-- llm-catalog:end -->

        ## 🏆 排行榜
        <!-- llm-catalog:begin links -->

        ### Code LLM
        - [Coding LLMs Leaderboard](https://leaderboard.tabbyml.com/)

        <!-- llm-catalog:end -->
        """);
  }

  @Test
  void renderingTwiceGivesTheSameBytes() {
    CatalogRenderer renderer = new CatalogRenderer(config);
    assertThat(renderer.render(Template.parse(TEMPLATE, "t.md"), data(), NO_BOARDS, "t.md"))
        .isEqualTo(renderer.render(Template.parse(TEMPLATE, "t.md"), data(), NO_BOARDS, "t.md"));
  }

  @Test
  void aGroupWithoutDataSaysSo() {
    String out = new CatalogRenderer(config).render(Template.parse(TEMPLATE, "t.md"),
        new CatalogData(Map.of(), Map.of(), Map.of()), NO_BOARDS, "t.md");
    assertThat(out).contains("- [TheBloke](https://huggingface.co/TheBloke): top 2 by downloads, tag gguf\n"
        + "  - no data yet (run `llm-catalog sync`)\n");
  }

  @Test
  void malformedMarkersNameTheLine() {
    assertThatThrownBy(() -> Template.parse("a\n<!-- llm-catalog:begin group llm -->\nb\n", "t.md"))
        .isInstanceOf(ConfigException.class).hasMessage("t.md:2: marker block 'group' is never closed");
    assertThatThrownBy(() -> Template.parse("<!-- llm-catalog:end -->\n", "t.md"))
        .hasMessage("t.md:1: llm-catalog:end without a begin marker");
    assertThatThrownBy(() -> Template.parse("x\n<!-- llm-catalog:begin group a -->\n<!-- llm-catalog:begin group b -->\n", "t.md"))
        .hasMessage("t.md:3: marker block opened inside the block begun at line 2");
    assertThatThrownBy(() -> Template.parse("<!-- llm-catalog:bgin group a -->\n", "t.md"))
        .hasMessage("t.md:1: malformed llm-catalog marker: <!-- llm-catalog:bgin group a -->");
  }

  @Test
  void unknownGroupAndUnplacedGroupAreErrors() {
    CatalogRenderer renderer = new CatalogRenderer(config);
    String unknown = TEMPLATE.replace("group gguf -->", "group ggfu -->");
    assertThatThrownBy(() -> renderer.render(Template.parse(unknown, "t.md"), data(), NO_BOARDS, "t.md"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("t.md: no marker block for group 'gguf'");
    String extra = TEMPLATE + "<!-- llm-catalog:begin group slm -->\n<!-- llm-catalog:end -->\n";
    assertThatThrownBy(() -> renderer.render(Template.parse(extra, "t.md"), data(), NO_BOARDS, "t.md"))
        .hasMessageStartingWith("t.md:15: unknown group 'slm'");
  }

  @Test
  void numbersUseThreeSignificantDigits() {
    assertThat(Markdown.compact(0)).isEqualTo("0");
    assertThat(Markdown.compact(999)).isEqualTo("999");
    assertThat(Markdown.compact(1000)).isEqualTo("1k");
    assertThat(Markdown.compact(1667)).isEqualTo("1.67k");
    assertThat(Markdown.compact(999_999)).isEqualTo("1M");
    assertThat(Markdown.compact(1_100_048_384L)).isEqualTo("1.1B");
    assertThat(Markdown.compact(140_620_634_112L)).isEqualTo("141B");
    assertThat(Markdown.compact(102_267_648L)).isEqualTo("102M");
    assertThat(Markdown.compact(-1005)).isEqualTo("-1.01k");
    assertThat(Markdown.compact(999_499)).isEqualTo("999k");
    assertThat(Markdown.compact(999_500)).isEqualTo("1M");
    assertThat(Markdown.compact(1_049_999_999_999L)).isEqualTo("1.05T");
    assertThat(Markdown.compact(999_999_999_999_999L)).isEqualTo("1000T");
    assertThat(Markdown.compact(Long.MIN_VALUE)).isEqualTo("-9220000T");
  }

  /** The whole-number formatting gives exactly what the BigDecimal one gives, at every magnitude and rounding edge. */
  @Test
  void compactNumbersAgreeWithTheExactFormatting() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    java.util.List<Long> values = new java.util.ArrayList<>();
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      for (long edge : new long[] {p - 1, p, p + 1, p * 5 - 1, p * 5, p * 5 + 1, p * 9995 / 10, p * 9995 / 10 - 1}) {
        values.add(edge);
        values.add(-edge);
      }
    }
    for (int i = 0; i < 200_000; i++) {
      values.add(random.nextLong() >> random.nextInt(64)); // every magnitude
    }
    values.add(Long.MAX_VALUE);
    for (long n : values) {
      assertThat(Markdown.compact(n)).as("%d", n).isEqualTo(Markdown.compactExact(n));
    }
  }

  /** Dates of the Hub's form are cut, not parsed; every other text gives what the parse gives. */
  @Test
  void datesAgreeWithParsingTheInstant() {
    for (String value : java.util.List.of("2024-04-29T10:00:00.000Z", "2024-04-29T10:00:00Z", "2024-02-29T23:59:59.123456789Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9Z", "2023-02-29T10:00:00Z", "1900-02-29T00:00:00Z",
        "2024-04-31T10:00:00Z", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z", "2024-04-00T10:00:00Z",
        "2024-04-29T24:00:00Z", "2024-04-29T10:60:00Z", "2024-04-29T10:00:60Z", "2024-04-29T23:59:60Z",
        "2024-04-29T10:00:00.Z", "2024-04-29T10:00:00.0000000000Z", "2024-04-29T10:00:00+02:00",
        "2024-04-29T23:30:00-02:00", "2024-04-29", "2024-04-29T10:00Z", "2024-04-29t10:00:00Z", "2024-04-29T10:00:00.1a1Z",
        "２０２４-04-29T10:00:00Z", "soon")) {
      assertThat(CatalogRenderer.date(value)).as(value).isEqualTo(parsed(value));
    }
  }

  private static String parsed(String value) {
    try {
      return java.time.Instant.parse(value).atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
    } catch (java.time.format.DateTimeParseException e) {
      return Markdown.escape(value);
    }
  }

  @Test
  void escapesMarkdownSpecials() {
    assertThat(Markdown.escape("a_b *c* [d](e) <f> | g & h\nnext")).isEqualTo("a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\| g &amp; h next");
  }
}
