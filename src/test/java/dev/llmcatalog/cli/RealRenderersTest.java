package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmcatalog.testsupport.HtmlCensus;
import dev.llmcatalog.testsupport.Jekyll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18: the catalog that {@code sync} + {@code render} make of the shipped template and the test world's data, read
 * by real markdown renderers: commonmark-java with GFM tables (GitHub's dialect) and Jekyll with kramdown, GFM input
 * (GitHub Pages, where the post is published). Each must show every table of the markdown with all its rows, every
 * link, no table left as a paragraph of pipes and no marker or escape as text, and both must show the same.
 */
class RealRenderersTest {
  private static final Pattern DELIMITER_ROW = Pattern.compile("\\|( *:?-+:? *\\|)+");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\((https?://[^)\\s]+)\\)");
  private static final List<org.commonmark.Extension> GFM = List.of(TablesExtension.create());

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  /** What the markdown itself holds: each table's row count (header included) and the links. */
  record Expected(List<Integer> tableRows, int links) {
    static Expected of(String markdown) {
      List<String> lines = markdown.lines().toList();
      List<Integer> tables = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (DELIMITER_ROW.matcher(lines.get(i)).matches() && lines.get(i - 1).startsWith("|")) {
          int end = i + 1;
          while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
          }
          tables.add(end - i); // the header and the body rows: every line but the delimiter
          i = end;
        }
      }
      Matcher links = LINK.matcher(markdown);
      int count = 0;
      while (links.find()) {
        count++;
      }
      return new Expected(tables, count);
    }
  }

  private String renderedCatalog() throws Exception {
    CliRunner.Result sync = cli.run("sync");
    assertThat(sync.exitCode()).as(sync.err()).isZero();
    Path out = cli.dir().resolve("catalog-for-renderers.md");
    CliRunner.Result render = cli.run("render", "--out", out.toString());
    assertThat(render.exitCode()).as(render.err()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String frontMatter(String markdown) {
    assertThat(markdown).startsWith("---\n");
    return markdown.substring(4, markdown.indexOf("\n---\n", 3) + 1);
  }

  /** The body as Jekyll hands it to its markdown converter: without the front matter. */
  private static String body(String markdown) {
    return markdown.substring(markdown.indexOf("\n---\n", 3) + "\n---\n".length());
  }

  private static HtmlCensus commonMark(String markdown) {
    String html = HtmlRenderer.builder().extensions(GFM).build().render(Parser.builder().extensions(GFM).build().parse(markdown));
    return HtmlCensus.of(Jsoup.parseBodyFragment(html));
  }

  /** Every table with all its rows, every link, nothing shown that a reader should not see. */
  private static void assertShowsEverything(String renderer, HtmlCensus census, Expected expected) {
    assertThat(census.tables().stream().map(List::size).toList()).as("%s: rows of each table", renderer)
        .isEqualTo(expected.tableRows());
    assertThat(census.links()).as("%s: links", renderer).hasSize(expected.links());
    assertThat(census.pipeParagraphs()).as("%s: paragraphs starting with |", renderer).isEmpty();
    assertThat(census.text()).as("%s: text", renderer).doesNotContain("llm-catalog:", "\\", "&amp;");
  }

  @Test
  void theGfmParserShowsEveryTableRowAndLink() throws Exception {
    String markdown = renderedCatalog();
    Expected expected = Expected.of(markdown);
    // The world's eleven tables, one per table block of the template but the gated HLE board's, which without a token
    // says it was not read instead: a layout that loses one fails here.
    assertThat(expected.tableRows()).hasSize(11).hasSize(markdown.split("<!-- llm-catalog:begin table ").length - 2);
    assertThat(markdown).contains("(board cais/hle): no entries read yet");

    HtmlCensus gfm = commonMark(body(markdown));

    assertShowsEverything("commonmark-java (GFM)", gfm, expected);
    JsonNode front = new YAMLMapper().readTree(frontMatter(markdown));
    assertThat(front.path("layout").asText()).isEqualTo("post");
    assertThat(front.path("title").asText()).isEqualTo("AI 大模型");
  }

  /** Issue 16: each chart block is an image whose relative link names the chart file beside the catalog. */
  @Test
  void theGfmParserShowsEachChartAsAnImageOfAFileBesideTheCatalog() throws Exception {
    String markdown = renderedCatalog();

    List<String> images = Jsoup.parseBodyFragment(HtmlRenderer.builder().extensions(GFM).build()
        .render(Parser.builder().extensions(GFM).build().parse(body(markdown)))).select("img").eachAttr("src");

    assertThat(images).containsExactly("charts/group-llm.svg", "charts/table-arena.svg", "charts/table-aider.svg",
        "charts/group-gguf.svg");
    images.forEach(src -> assertThat(cli.dir().resolve(src)).isRegularFile());
  }

  /**
   * Issue 16: the Jekyll recipe of docs/config.md (charts in the site's assets, linked from the site root) gives images
   * that the built site serves, and that GitHub finds too (it resolves a leading / against the repository root).
   */
  @Test
  void onAJekyllSiteChartsInTheAssetsLinkedFromTheRootAreServed() throws Exception {
    Jekyll jekyll = jekyll();
    Path site = cli.dir().resolve("site");
    cli.config(text -> text.replace("output: catalog.md", "output: site/_posts/2024-01-01-catalog.md")
        .replaceFirst("(?m)^  dir: charts .*$", "  dir: ../assets/charts\n  link: /assets/charts"));
    assertThat(cli.run("sync").exitCode()).isZero();
    String markdown = Files.readString(site.resolve("_posts/2024-01-01-catalog.md"), StandardCharsets.UTF_8);

    Jekyll.Page page = jekyll.buildPost(site, markdown);

    List<String> images = page.html().select("article img").eachAttr("src");
    assertThat(images).containsExactly("/assets/charts/group-llm.svg", "/assets/charts/table-arena.svg",
        "/assets/charts/table-aider.svg", "/assets/charts/group-gguf.svg");
    for (String src : images) {
      assertThat(site.resolve("_site" + src)).as("served by the site").isRegularFile();
      assertThat(site.resolve(src.substring(1))).as("in the repository").isRegularFile();
    }
  }

  private static Jekyll jekyll() {
    Optional<Jekyll> found = Jekyll.find();
    if (found.isEmpty()) {
      String why = "jekyll is not on PATH (.ci/run installs Debian's package: apt-get install jekyll)";
      if (Jekyll.required()) {
        fail(why + "; required under CI and with -D" + Jekyll.REQUIRED_PROPERTY + "=required");
      }
      assumeTrue(false, why + "; skipped outside CI");
    }
    return found.get();
  }

  @Test
  void jekyllWithKramdownBuildsThePageTheGfmParserSees() throws Exception {
    Jekyll jekyll = jekyll();
    String markdown = renderedCatalog();
    Expected expected = Expected.of(markdown);

    Jekyll.Page page = jekyll.buildPost(cli.dir().resolve("site"), markdown);

    // The front matter as Jekyll read it: the date and categories make the path, the layout shows title and tags.
    assertThat(page.path()).isEqualTo("llm/leaderboard/2024/01/01/catalog.html");
    Document html = page.html();
    assertThat(html.title()).isEqualTo("AI 大模型");
    assertThat(html.select("meta[name=categories]").attr("content")).isEqualTo("LLM,Leaderboard");
    assertThat(html.select("meta[name=tags]").attr("content")).isEqualTo("LLM,CodeLLM,EmbeddingLLM,Leaderboard");
    HtmlCensus kramdown = HtmlCensus.of(html.selectFirst("article"));
    assertShowsEverything("jekyll (kramdown, GFM input)", kramdown, expected);
    HtmlCensus gfm = commonMark(body(markdown));
    assertThat(kramdown.tables()).as("the same cells in both").isEqualTo(gfm.tables());
    assertThat(kramdown.links()).as("the same links in both").isEqualTo(gfm.links());
  }
}
