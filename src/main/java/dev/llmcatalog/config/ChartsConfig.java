package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

/**
 * The trend charts written beside the catalog (section {@code charts}): one SVG per leaderboard table (its
 * {@link TableConfig#rankMetric()} of its top {@code top} models over time) and one per Hub group (the downloads of
 * its {@code top} most downloaded models over time), filled into {@code <!-- llm-catalog:begin chart table/ID -->}
 * and {@code <!-- llm-catalog:begin chart group/ID -->} as image links.
 *
 * @param enabled whether {@code render} and {@code sync} write the charts and the catalog links them
 * @param dir the charts' folder, relative to the catalog's folder ({@code /}-separated)
 * @param link what an image link puts before the file name: {@code dir} unless set (a link relative to the catalog)
 * @param top models per chart
 * @param tables the tables drawn (all unless listed)
 * @param groups the groups drawn (all unless listed)
 */
public record ChartsConfig(boolean enabled, String dir, String link, int top, List<String> tables, List<String> groups) {
  public static final String TABLE = "table";
  public static final String GROUP = "group";
  public static final String DEFAULT_DIR = "charts";
  public static final int DEFAULT_TOP = 5;
  /** As many as the charts' palette has colours that read on a light and on a dark page. */
  public static final int MAX_TOP = 8;

  public ChartsConfig {
    tables = List.copyOf(tables);
    groups = List.copyOf(groups);
  }

  /** The file name of the chart of table or group {@code id}: {@code table-arena.svg}, {@code group-llm.svg}. */
  public static String fileName(String kind, String id) {
    return kind + "-" + id + ".svg";
  }

  /** Where the charts of the catalog at {@code catalog} are written. */
  public Path folder(Path catalog) {
    return catalog.toAbsolutePath().getParent().resolve(dir).normalize();
  }

  /** The image link of a chart, as the catalog writes it. */
  public String link(String kind, String id) {
    return link + "/" + fileName(kind, id);
  }

  /** Whether the chart of {@code kind} {@code id} is drawn. */
  public boolean draws(String kind, String id) {
    return enabled && (TABLE.equals(kind) ? tables : groups).contains(id);
  }

  /** The title of a table's chart, also the alt text of its image in the catalog. */
  public String title(TableConfig table) {
    return table.header(table.rankMetric()) + " over time, top " + top + " of table " + table.id();
  }

  /** The title of a group's chart, also the alt text of its image in the catalog. */
  public String title(Group group) {
    return "Downloads over time, top " + top + " of " + group.title();
  }

  /**
   * The section as written, before the config's tables and groups are known. A folder must be relative (the links
   * are), and may leave the catalog's folder ({@code ../assets/charts}); a link may be anything a markdown link takes.
   */
  record Section(Boolean enabled, String dir, String link, Integer top, List<String> tables, List<String> groups) {
    @JsonCreator
    static Section bind(@JsonProperty("enabled") Boolean enabled,
        @JsonProperty("dir") String dir,
        @JsonProperty("link") String link,
        @JsonProperty("top") Integer top,
        @JsonProperty("tables") List<String> tables,
        @JsonProperty("groups") List<String> groups) {
      String d = Check.orDefault(dir, DEFAULT_DIR).strip();
      if (!d.matches("[A-Za-z0-9_.][A-Za-z0-9_./-]*") || d.contains("//")) {
        throw new ConfigInvalid("dir", "dir must be a relative folder of letters, digits and . _ - / (the catalog links"
            + " its charts relative to itself), got '" + d + "'");
      }
      String l = link == null ? null : Check.text(link, "link");
      if (l != null && l.chars().anyMatch(c -> Character.isWhitespace(c) || c == '(' || c == ')' || c == '<' || c == '>')) {
        throw new ConfigInvalid("link", "link must be a path or URL without spaces, parentheses or angle brackets, got '"
            + l + "'");
      }
      int t = (int) Check.range(Check.orDefault(top, DEFAULT_TOP), 1, MAX_TOP, "top");
      return new Section(Check.orDefault(enabled, true), trimSlash(d), l == null ? null : trimSlash(l), t, tables, groups);
    }

    static Section defaults() {
      return bind(null, null, null, null, null, null);
    }

    /** Binds the lists against the config's tables and groups: each id must be one of them, once. */
    ChartsConfig resolve(List<TableConfig> allTables, List<Group> allGroups) {
      List<String> tableIds = allTables.stream().map(TableConfig::id).toList();
      List<String> groupIds = allGroups.stream().map(Group::id).toList();
      return new ChartsConfig(enabled, dir, link == null ? dir : link, top, ids(tables, tableIds, TABLE + "s"),
          ids(groups, groupIds, GROUP + "s"));
    }

    private static List<String> ids(List<String> listed, List<String> known, String key) {
      if (listed == null) {
        return known;
      }
      for (int i = 0; i < listed.size(); i++) {
        String id = listed.get(i);
        if (!known.contains(id)) {
          throw new ConfigInvalid("charts/" + key + "/" + i, "charts: unknown " + key.substring(0, key.length() - 1) + " '"
              + id + "' (configured " + key + ": " + String.join(", ", known) + ")");
        }
        if (listed.subList(0, i).contains(id)) {
          throw new ConfigInvalid("charts/" + key + "/" + i, "charts: " + key.substring(0, key.length() - 1) + " '" + id
              + "' listed twice");
        }
      }
      return listed;
    }

    private static String trimSlash(String path) {
      return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
  }
}
