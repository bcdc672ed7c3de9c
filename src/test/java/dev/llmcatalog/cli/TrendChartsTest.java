package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.SvgRenderer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 16: trend charts drawn from the stored history of the test world (a sync, an upstream change, a sync a day
 * later), checked with a real SVG renderer (Batik), referenced from the catalog and rewritten only when their data
 * changed.
 */
class TrendChartsTest {
  private static final Clock NEXT_DAY = Clock.offset(CliHarness.CLOCK, Duration.ofDays(1));
  private static final Pattern POINT = Pattern.compile("point-(\\d+)-\\d+");

  @RegisterExtension
  final CliHarness cli = new CliHarness();
  private Path out;
  private Path charts;

  @BeforeEach
  void twoSyncsADayApartWithAChangeBetween() {
    cli.config(text -> text.replaceFirst("(?m)^  tables: \\[arena, aider\\].*$", "  tables: [openllm, opencompass, arena, aider]")
        .replaceFirst("(?m)^  groups: \\[llm, gguf\\].*$", "  groups: [slm, llm, gguf]"));
    out = cli.dir().resolve("catalog.md");
    charts = cli.dir().resolve("charts");
    assertThat(cli.run("sync").exitCode()).isZero();
    cli.hub().overrideRows("open-llm-leaderboard-old/contents", Fixtures.text("leaderboards/openllm-v1/rows-seed-SYNTHETIC.json")
        .replace("62.37", "63.01")); // Qwen/Qwen1.5-14B-Chat's Average
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replaceFirst("\"downloads\":\\d+", "\"downloads\":9876543"));
    assertThat(cli.runAt(NEXT_DAY, "sync").exitCode()).isZero();
  }

  @Test
  void aTableChartHasItsTopModelsWithOnePointPerSnapshotThatChangedTheValue() throws Exception {
    String svg = Files.readString(charts.resolve("table-openllm.svg"), StandardCharsets.UTF_8);

    Map<String, Integer> points = pointsBySeries(SvgRenderer.parse(svg));

    assertThat(points).containsExactly(Map.entry("mistralai/Mistral-7B-Instruct-v0.2", 1), Map.entry("01-ai/Yi-34B-Chat", 1),
        Map.entry("Qwen/Qwen1.5-14B-Chat", 2), Map.entry("01-ai/Yi-6B-200K", 1), Map.entry("Qwen/Qwen1.5-7B-Chat", 1));
    assertThat(texts(SvgRenderer.parse(svg))).contains("Average over time, top 5 of table openllm", "Average", "UTC",
        "2026-11-26", "2026-11-27");
    assertDrawn(svg);
  }

  @Test
  void aGroupChartHasTheDownloadsOfItsModelsMostDownloadedFirst() throws Exception {
    String svg = Files.readString(charts.resolve("group-slm.svg"), StandardCharsets.UTF_8);

    Map<String, Integer> points = pointsBySeries(SvgRenderer.parse(svg));

    assertThat(points).containsExactly(Map.entry("microsoft/phi-2", 2), Map.entry("TinyLlama/TinyLlama-1.1B-Chat-v1.0", 1),
        Map.entry("Qwen/Qwen-1_8B-Chat", 1));
    assertThat(points.get("microsoft/phi-2")).as("the history holds two versions of phi-2's downloads")
        .isEqualTo((int) cli.count("SELECT count(*) FROM observation WHERE source = 'hub' AND subject = 'microsoft/phi-2'"
            + " AND key = 'downloads'"));
    assertDrawn(svg);
    assertThat(pointsBySeries(SvgRenderer.parse(Files.readString(charts.resolve("group-gguf.svg"))))).hasSize(5);
  }

  @Test
  void boardNamesInChineseStayTextInTheFontListWithCjkFaces() throws Exception {
    String svg = Files.readString(charts.resolve("table-opencompass.svg"), StandardCharsets.UTF_8);
    Document doc = SvgRenderer.parse(svg);

    assertThat(pointsBySeries(doc)).containsOnlyKeys("Qwen1.5-14B-Chat", "InternLM2-Chat-7B", "Yi-34B-Chat",
        "Qwen1.5-7B-Chat", "ChatGLM3-6B-32K");
    assertThat(texts(doc)).contains("均分 over time, top 5 of table opencompass", "均分");
    assertThat(svg).contains("\"Noto Sans CJK SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"");
    assertDrawn(svg);
  }

  @Test
  void theCatalogLinksEachChartInItsMarkerBlock() throws Exception {
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("""
        <!-- llm-catalog:begin chart table/arena -->

        ![Arena Score over time, top 5 of table arena](charts/table-arena.svg)

        <!-- llm-catalog:end -->
        """, """
        <!-- llm-catalog:begin chart group/llm -->

        ![Downloads over time, top 5 of LLM](charts/group-llm.svg)

        <!-- llm-catalog:end -->
        """);
  }

  @Test
  void unchangedDataRewritesNoChartAndAChangeRewritesOnlyItsOwn() throws Exception {
    List<Path> files;
    try (var list = Files.list(charts)) {
      files = list.sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("group-gguf.svg", "group-llm.svg",
        "group-slm.svg", "table-aider.svg", "table-arena.svg", "table-opencompass.svg", "table-openllm.svg");
    Map<Path, byte[]> before = new LinkedHashMap<>();
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    for (Path f : files) {
      before.put(f, Files.readAllBytes(f));
      Files.setLastModifiedTime(f, old);
    }

    CliRunner.Result render = cli.runAt(NEXT_DAY, "render");
    assertThat(render.out()).isEqualTo(out + " unchanged\n");
    assertThat(cli.runAt(NEXT_DAY, "render", "--check").out()).isEqualTo(out + " is up to date\n");
    cli.hub().overrideModel("microsoft/phi-2", Fixtures.text("hub-seed/models/microsoft--phi-2.json")
        .replaceFirst("\"downloads\":\\d+", "\"downloads\":2345678"));
    CliRunner.Result sync = cli.runAt(Clock.offset(NEXT_DAY, Duration.ofDays(1)), "sync");

    assertThat(sync.out()).endsWith("charts updated: " + charts.resolve("group-slm.svg") + "\n");
    for (Path f : files) {
      boolean slm = f.getFileName().toString().equals("group-slm.svg");
      assertThat(Files.getLastModifiedTime(f).equals(old)).as("%s untouched", f).isEqualTo(!slm);
      assertThat(Arrays.equals(Files.readAllBytes(f), before.get(f))).as("%s the same bytes", f).isEqualTo(!slm);
    }
  }

  @Test
  void renderCheckNamesAChartThatWouldChangeAndWritesNothing() throws Exception {
    Path gguf = charts.resolve("group-gguf.svg");
    Files.delete(gguf);

    CliRunner.Result check = cli.runAt(NEXT_DAY, "render", "--check");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).isEqualTo(gguf + " would change\n");
    assertThat(gguf).doesNotExist();
    assertThat(cli.runAt(NEXT_DAY, "render").out()).isEqualTo(out + " unchanged\nwrote " + gguf + "\n");
    assertThat(cli.runAt(NEXT_DAY, "render", "--check").exitCode()).isZero();
  }

  @Test
  void theChartCommandDrawsOneTableTheSameInAnyZoneAndLocale() throws Exception {
    Path file = cli.dir().resolve("arena.svg");
    CliRunner.Result written = cli.run("chart", "arena", "--out", file.toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).isEqualTo("wrote " + file + "\n");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(Files.readString(charts.resolve("table-arena.svg")));

    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    String elsewhere;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: 10:00Z is already the next day there
      Locale.setDefault(Locale.forLanguageTag("tr-TR")); // a decimal comma and a dotless i
      elsewhere = cli.run("chart", "arena").out();
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
    }
    assertThat(elsewhere).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(pointsBySeries(SvgRenderer.parse(elsewhere))).hasSize(5);
  }

  @Test
  void anUnknownTableIsOneLineAndExitTwo() {
    CliRunner.Result result = cli.run("chart", "nope");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: unknown table 'nope' (tables of " + cli.config()
        + ": openllm, opencompass, openllm-v2, arena, hub-evals, hub-gpqa, hub-mmlu-pro,"
        + " hub-hle, hub-swe-bench-verified, tabby, aider, mteb)\n");
  }

  @Test
  void aChartBlockOfAChartNotDrawnNamesItsLineAndSwitchedOffChartsLeaveTheBlocksEmpty() throws Exception {
    Path template = cli.dir().resolve("template.md");
    Files.writeString(template, Files.readString(Path.of("config/catalog.template.md"))
        + "\n<!-- llm-catalog:begin chart table/tabby -->\n<!-- llm-catalog:end -->\n");
    cli.config(text -> text.replace("template: " + Path.of("config/catalog.template.md").toAbsolutePath(), "template: " + template));
    CliRunner.Result notDrawn = cli.run("render", "--out", cli.dir().resolve("other.md").toString());
    assertThat(notDrawn.exitCode()).isEqualTo(2);
    assertThat(notDrawn.err()).matches("error: .*template.md:\\d+: chart table/tabby is not drawn: add 'tabby' to charts: "
        + "tables: in .*\n");

    cli.config(text -> text.replace("template: " + Path.of("config/catalog.template.md").toAbsolutePath(), "template: " + template)
        .replaceFirst("(?m)^  dir: charts ", "  enabled: false\n  dir: charts "));
    Path off = cli.dir().resolve("off").resolve("catalog.md");
    CliRunner.Result rendered = cli.run("render", "--out", off.toString());
    assertThat(rendered.out()).isEqualTo("wrote " + off + "\n");
    assertThat(Files.readString(off)).contains("<!-- llm-catalog:begin chart table/tabby -->\n\n<!-- llm-catalog:end -->\n")
        .doesNotContain(".svg");
    assertThat(off.resolveSibling("charts")).doesNotExist();
  }

  /** Legend entry -> number of points ({@code <g id='point-S-I'>} groups of series S), in legend order. */
  private static Map<String, Integer> pointsBySeries(Document svg) {
    int[] counts = new int[16];
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Matcher m = POINT.matcher(((Element) groups.item(i)).getAttribute("id"));
      if (m.matches()) {
        counts[Integer.parseInt(m.group(1))]++;
      }
    }
    List<String> texts = texts(svg);
    // JFreeChart draws the title, then the legend (one text per series, in series order), then the axes.
    Map<String, Integer> points = new LinkedHashMap<>();
    int series = (int) Arrays.stream(counts).filter(c -> c > 0).count();
    List<String> legend = texts.subList(1, 1 + series);
    for (int s = 0; s < series; s++) {
      points.put(legend.get(s), counts[s]);
    }
    return points;
  }

  private static List<String> texts(Document svg) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  /** Batik draws it to a PNG of the SVG's size that is not blank: some pixels are opaque, most are transparent. */
  private static void assertDrawn(String svg) throws Exception {
    BufferedImage png = SvgRenderer.image(SvgRenderer.png(svg));
    assertThat(png.getWidth()).isEqualTo(800);
    assertThat(png.getHeight()).isEqualTo(420);
    long opaque = 0;
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        if ((png.getRGB(x, y) >>> 24) > 0) {
          opaque++;
        }
      }
    }
    assertThat(opaque).as("drawn pixels").isGreaterThan(2_000).isLessThan(png.getWidth() * png.getHeight() / 2);
  }
}
