package dev.llmcatalog.render;

import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.ChartsConfig;
import dev.llmcatalog.config.ConfigException;
import dev.llmcatalog.config.FrontMatter;
import dev.llmcatalog.config.Group;
import dev.llmcatalog.config.LinkSection;
import dev.llmcatalog.config.TableConfig;
import dev.llmcatalog.config.TopQuery;
import dev.llmcatalog.diff.BoardData;
import dev.llmcatalog.normalize.Fields;
import dev.llmcatalog.normalize.MissingModel;
import dev.llmcatalog.source.hub.HubSource;
import dev.llmcatalog.store.StateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders the catalog markdown from the config, its template and the latest stored data. Deterministic:
 * the same data gives the same bytes. Every model links to huggingface.co, whatever mirror was synced.
 */
public final class CatalogRenderer {
  static final String MODEL_PAGE = "https://huggingface.co/";
  /** The Hub fields a model line shows: all a render reads of the Hub besides the groups' ranks. */
  private static final List<String> LINE_FIELDS = List.of(Fields.PARAMETERS, Fields.LICENSE, Fields.DOWNLOADS, Fields.LIKES,
      Fields.LAST_MODIFIED, Fields.GATED);

  private final CatalogConfig config;

  public CatalogRenderer(CatalogConfig config) {
    this.config = config;
  }

  /**
   * Renders the catalog that belongs at {@code target}. When {@code target} already holds a catalog with
   * marker blocks, its blocks are regenerated in place and everything outside them is kept byte for byte;
   * when it does not exist, the config's template is the starting point.
   */
  public String render(StateReader store, Path target) {
    Template template = Files.exists(target) ? existingCatalog(target) : template();
    Map<String, BoardData> boards = new HashMap<>();
    List<String> keys = new ArrayList<>(LINE_FIELDS);
    config.groups().forEach(g -> keys.add(Fields.rank(g.id())));
    // a table of the Hub's own models (their benchmark results) reads only the keys it shows
    Set<String> hubKeys = new HashSet<>();
    config.tables().stream().filter(t -> t.source().equals(HubSource.NAME)).forEach(t -> {
      t.columns().forEach(c -> hubKeys.add(c.metric()));
      hubKeys.add(t.pick());
      t.sortBy().ifPresent(hubKeys::add);
    });
    return render(template, CatalogData.load(store, HubSource.NAME, keys),
        source -> boards.computeIfAbsent(source, s -> s.equals(HubSource.NAME) ? BoardData.load(store, s, hubKeys)
            : BoardData.load(store, s)), config.template().toString());
  }

  private Template template() {
    return Template.parse(read(config.template(), "template"), config.template().toString());
  }

  private static Template existingCatalog(Path target) {
    String text = read(target, "catalog");
    int bodyStart = 0;
    if (text.startsWith("---\n")) {
      int end = text.indexOf("\n---\n", 3);
      if (end < 0) {
        throw new ConfigException(target + ":1: front matter is never closed with ---");
      }
      bodyStart = end + "\n---\n".length();
    }
    int linesBefore = (int) text.substring(0, bodyStart).chars().filter(c -> c == '\n').count();
    Template template = Template.parse(text.substring(bodyStart), target.toString(), linesBefore);
    if (!template.hasBlocks()) {
      throw new ConfigException(target + ": has no llm-catalog marker blocks, so it was not written by llm-catalog;"
          + " move it away (or render --out elsewhere) and llm-catalog creates it from the template");
    }
    return template;
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": " + what + " not found");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the " + what + ": " + e.getMessage());
    }
  }

  String render(Template template, CatalogData data, Function<String, BoardData> boards, String file) {
    checkEveryBlockPlaced(template, file);
    StringBuilder out = new StringBuilder();
    frontMatter(config.frontMatter(), out);
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Text t) {
        out.append(t.text());
      } else if (part instanceof Template.Block b) {
        out.append("<!-- llm-catalog:begin ").append(b.kind()).append(b.arg() == null ? "" : " " + b.arg()).append(" -->\n");
        // A blank line on each side of the content: kramdown (Jekyll, GitHub Pages) reads the lines right after an
        // HTML comment as part of it (a table there becomes a paragraph of pipes) and pulls a comment right after a
        // list or paragraph into it; CommonMark and markdown-it render the same either way.
        out.append('\n');
        int start = out.length();
        block(b, data, boards, file, out);
        if (out.length() > start) {
          out.append('\n');
        }
        out.append("<!-- llm-catalog:end -->\n");
      }
    }
    return out.toString();
  }

  private void checkEveryBlockPlaced(Template template, String file) {
    config.groups().forEach(g -> checkPlaced(template, "group", g.id(), file));
    config.tables().forEach(t -> checkPlaced(template, "table", t.id(), file));
  }

  private static void checkPlaced(Template template, String kind, String id, String file) {
    boolean placed = template.parts().stream()
        .anyMatch(p -> p instanceof Template.Block b && b.kind().equals(kind) && id.equals(b.arg()));
    if (!placed) {
      throw new ConfigException(file + ": no marker block for " + kind + " '" + id + "' (add <!-- llm-catalog:begin " + kind
          + " " + id + " --> and <!-- llm-catalog:end -->)");
    }
  }

  private void block(Template.Block b, CatalogData data, Function<String, BoardData> boards, String file,
      StringBuilder out) {
    switch (b.kind()) {
      case "group" -> {
        Group group = config.findGroup(b.arg() == null ? "" : b.arg()).orElseThrow(() -> new ConfigException(
            file + ":" + b.line() + ": unknown group '" + b.arg() + "' (not in " + config.file() + ")"));
        group(group, data, out);
      }
      case "table" -> {
        TableConfig table = config.findTable(b.arg() == null ? "" : b.arg()).orElseThrow(() -> new ConfigException(
            file + ":" + b.line() + ": unknown table '" + b.arg() + "' (not in " + config.file() + ")"));
        out.append(new TableRenderer(table, boards.apply(table.source()), data::canonical).render());
      }
      case "links" -> links(config.links(), out);
      case "chart" -> chart(b, file, out);
      default -> throw new ConfigException(file + ":" + b.line() + ": unknown marker block '" + b.kind()
          + "' (expected group, table, chart or links)");
    }
  }

  /**
   * {@code chart table/ID} or {@code chart group/ID}: the image link of that chart, which {@code render} and {@code sync}
   * write beside the catalog; nothing while charts are switched off.
   */
  private void chart(Template.Block b, String file, StringBuilder out) {
    String arg = b.arg() == null ? "" : b.arg();
    int slash = arg.indexOf('/');
    String kind = slash < 0 ? "" : arg.substring(0, slash);
    String id = arg.substring(slash + 1);
    String where = file + ":" + b.line() + ": ";
    ChartsConfig charts = config.charts();
    String title = switch (kind) {
      case ChartsConfig.TABLE -> charts.title(config.findTable(id).orElseThrow(() -> new ConfigException(
          where + "unknown table '" + id + "' in chart " + arg + " (not in " + config.file() + ")")));
      case ChartsConfig.GROUP -> charts.title(config.findGroup(id).orElseThrow(() -> new ConfigException(
          where + "unknown group '" + id + "' in chart " + arg + " (not in " + config.file() + ")")));
      default -> throw new ConfigException(where + "chart '" + arg + "': expected table/ID or group/ID");
    };
    if (!charts.enabled()) {
      return;
    }
    if (!charts.draws(kind, id)) {
      throw new ConfigException(where + "chart " + arg + " is not drawn: add '" + id + "' to charts: " + kind + "s: in "
          + config.file());
    }
    out.append("![").append(Markdown.escape(title)).append("](").append(Markdown.url(charts.link(kind, id))).append(")\n");
  }

  private static void frontMatter(FrontMatter fm, StringBuilder out) {
    // The layout of Jekyll's own post template, which the seed post uses.
    out.append("---\n");
    out.append("layout: ").append(fm.layout()).append('\n');
    out.append("title:  \"").append(fm.title().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    if (!fm.date().isEmpty()) {
      out.append("date:   ").append(fm.date()).append('\n');
    }
    if (!fm.categories().isEmpty()) {
      out.append("categories: ").append(String.join(" ", fm.categories())).append('\n');
    }
    if (!fm.tags().isEmpty()) {
      out.append("tags: [").append(String.join(", ", fm.tags())).append("]\n");
    }
    out.append("---\n");
  }

  private static void group(Group group, CatalogData data, StringBuilder out) {
    out.append("### ").append(Markdown.escape(group.title())).append('\n');
    for (String id : group.models()) {
      out.append("- ").append(modelLine(id, data)).append('\n');
    }
    if (group.top().isPresent()) {
      TopQuery top = group.top().get();
      out.append("- [").append(top.author()).append("](").append(MODEL_PAGE).append(top.author()).append("): top ")
          .append(top.limit()).append(" by ").append(top.sort())
          .append(top.filter() == null ? "" : ", tag " + Markdown.escape(top.filter())).append('\n');
      List<String> ranked = data.rankedBy(Fields.rank(group.id()));
      if (ranked.isEmpty()) {
        out.append("  - no data yet (run `llm-catalog sync`)\n");
      }
      for (String id : ranked) {
        out.append("  - ").append(modelLine(id, data)).append('\n');
      }
    }
  }

  /** {@code [id](https://huggingface.co/id) · params 2.78B · license mit · downloads 684k · likes 1.67k · updated 2024-04-29} */
  static String modelLine(String configuredId, CatalogData data) {
    String id = data.canonical(configuredId);
    StringBuilder line = new StringBuilder();
    line.append('[').append(id).append("](").append(MODEL_PAGE).append(id).append(')');
    if (!id.equals(configuredId)) {
      line.append(" (formerly ").append(configuredId).append(')');
    }
    MissingModel missing = data.missing().get(configuredId);
    Map<String, String> f = data.fields(id);
    if (missing != null && f.isEmpty()) {
      return line.append(" · not found on the Hub (HTTP ").append(missing.status())
          .append(missing.errorCode() == null ? "" : " " + Markdown.escape(missing.errorCode())).append(')').toString();
    }
    line.append(" · params ").append(count(f.get(Fields.PARAMETERS)));
    line.append(" · license ").append(text(f.get(Fields.LICENSE)));
    line.append(" · downloads ").append(count(f.get(Fields.DOWNLOADS)));
    line.append(" · likes ").append(count(f.get(Fields.LIKES)));
    line.append(" · updated ").append(date(f.get(Fields.LAST_MODIFIED)));
    if (f.containsKey(Fields.GATED) && !"false".equals(f.get(Fields.GATED))) {
      line.append(" · gated");
    }
    return line.toString();
  }

  private static void links(List<LinkSection> sections, StringBuilder out) {
    for (int i = 0; i < sections.size(); i++) {
      LinkSection section = sections.get(i);
      if (i > 0) {
        out.append('\n');
      }
      out.append("### ").append(Markdown.escape(section.title())).append('\n');
      for (LinkSection.Link link : section.links()) {
        out.append("- [").append(Markdown.escape(link.title())).append("](").append(Markdown.url(link.url())).append(")\n");
      }
    }
  }

  private static String count(String value) {
    if (value == null) {
      return Markdown.DASH;
    }
    try {
      return Markdown.compact(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Markdown.escape(value);
    }
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? Markdown.DASH : Markdown.escape(value);
  }

  /** The UTC date of an ISO-8601 instant ({@code 2024-04-29T10:00:00.000Z} -> {@code 2024-04-29}); other text as is. */
  static String date(String value) {
    if (value == null) {
      return Markdown.DASH;
    }
    if (isUtcInstant(value)) {
      return value.substring(0, 10); // what the parse below gives, without parsing (a render dates every model)
    }
    try {
      return Instant.parse(value).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    } catch (DateTimeParseException e) {
      return Markdown.escape(value);
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with a real date and time: the Hub's form of every time it gives. */
  private static boolean isUtcInstant(String v) {
    int n = v.length();
    if (n < 20 || n > 30 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
        || v.charAt(16) != ':' || v.charAt(n - 1) != 'Z') {
      return false;
    }
    if (n > 20 && (v.charAt(19) != '.' || n == 21 || !digits(v, 20, n - 1))) {
      return false;
    }
    if (!digits(v, 0, 4) || !digits(v, 5, 7) || !digits(v, 8, 10) || !digits(v, 11, 13) || !digits(v, 14, 16)
        || !digits(v, 17, 19)) {
      return false;
    }
    int month = number(v, 5);
    int day = number(v, 8);
    return month >= 1 && month <= 12 && day >= 1
        && day <= YearMonth.of(Integer.parseInt(v, 0, 4, 10), month).lengthOfMonth()
        && number(v, 11) < 24 && number(v, 14) < 60 && number(v, 17) < 60;
  }

  private static boolean digits(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String v, int at) {
    return (v.charAt(at) - '0') * 10 + v.charAt(at + 1) - '0';
  }
}
