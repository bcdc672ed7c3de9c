package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code catalog.yaml} as written, bound by Jackson, minus the sources' own sections: relative paths not yet resolved,
 * defaults applied, and every check that spans sections done (a model in two groups, a table or schedule naming a
 * source the config does not fetch). {@link ConfigLoader} turns it into a {@link CatalogConfig}.
 */
record ConfigFile(String template, String output, FrontMatter frontMatter, List<Group> groups, List<LinkSection> links,
    Map<String, String> endpoints, List<String> sources, Map<String, String> aliases, List<TableConfig> tables,
    ReviewSection review, FetchConfig fetch, Validation validation, Schedules schedules, ChartsConfig charts,
    List<NotificationTarget> notifications) {

  /** The {@code review} section as written: paths relative to the config. */
  record ReviewSection(double counterThreshold, String diff, String summary) {
    @JsonCreator
    static ReviewSection bind(@JsonProperty("counter_threshold") Double counterThreshold, @JsonProperty("diff") String diff,
        @JsonProperty("summary") String summary) {
      double threshold = Check.orDefault(counterThreshold, Review.DEFAULT_COUNTER_THRESHOLD);
      if (!(threshold >= 0 && threshold <= 100)) {
        throw new ConfigInvalid("counter_threshold", "counter_threshold must be a number from 0 to 100 (0.1 = 10%), got "
            + threshold);
      }
      return new ReviewSection(threshold, Check.orDefault(diff, "../db/catalog.diff"),
          Check.orDefault(summary, "../db/summary.md"));
    }
  }

  @JsonCreator
  static ConfigFile bind(@JacksonInject("known") KnownSources known, @JsonProperty("template") String template,
      @JsonProperty("output") String output, @JsonProperty("front_matter") FrontMatter frontMatter,
      @JsonProperty("groups") List<Group> groups, @JsonProperty("links") List<LinkSection> links,
      @JsonProperty("endpoints") Map<String, String> endpoints, @JsonProperty("sources") List<String> sources,
      @JsonProperty("aliases") Map<String, String> aliases, @JsonProperty("tables") List<TableConfig> tables,
      @JsonProperty("review") ReviewSection review, @JsonProperty("fetch") FetchConfig fetch,
      @JsonProperty("validation") Validation validation, @JsonProperty("schedules") Schedules schedules,
      @JsonProperty("charts") ChartsConfig.Section charts,
      @JsonProperty("notifications") List<NotificationTarget> notifications) {
    Check.required(frontMatter, "front_matter");
    Check.required(groups, "groups");
    List<String> fetched = sources == null ? known.fetchable() : checkSources(sources, known);
    checkModels(groups);
    Map<String, String> checkedEndpoints = checkEndpoints(Check.orDefault(endpoints, Map.of()), known);
    Map<String, String> checkedAliases = new LinkedHashMap<>();
    Check.orDefault(aliases, Map.<String, String>of())
        .forEach((name, id) -> checkedAliases.put(name, Check.modelId(id, "aliases/" + name)));
    List<TableConfig> checkedTables = checkTables(Check.orDefault(tables, List.of()), fetched, known);
    Schedules checkedSchedules = Check.orDefault(schedules, Schedules.defaults());
    for (String source : checkedSchedules.crons().keySet()) {
      if (!fetched.contains(source)) {
        throw new ConfigInvalid("schedules/" + source, "schedule for unknown source '" + source + "' (configured sources: "
            + String.join(", ", fetched) + "; other keys: default, jitter, stop_timeout)");
      }
    }
    return new ConfigFile(Check.orDefault(template, "catalog.template.md"), Check.orDefault(output, "../db/catalog.md"),
        frontMatter, groups, Check.orDefault(links, List.of()), checkedEndpoints, fetched, checkedAliases, checkedTables,
        Check.orDefault(review, ReviewSection.bind(null, null, null)), Check.orDefault(fetch, FetchConfig.none()),
        Check.orDefault(validation, Validation.defaults()), checkedSchedules,
        Check.orDefault(charts, ChartsConfig.Section.defaults()).resolve(checkedTables, groups),
        checkNotifications(Check.orDefault(notifications, List.of())));
  }

  private static List<NotificationTarget> checkNotifications(List<NotificationTarget> targets) {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      Integer seen = names.putIfAbsent(targets.get(i).name(), i);
      if (seen != null) {
        throw new ConfigInvalid("notifications/" + i + "/name", "duplicate notification name '" + targets.get(i).name()
            + "'", "/notifications/" + seen + "/name");
      }
    }
    return targets;
  }

  private static List<String> checkSources(List<String> sources, KnownSources known) {
    List<String> checked = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String name = sources.get(i);
      if (!known.fetchable().contains(name)) {
        throw new ConfigInvalid("sources/" + i, "unknown source '" + name + "' (known: "
            + String.join(", ", known.fetchable()) + ")");
      }
      if (checked.contains(name)) {
        throw new ConfigInvalid("sources/" + i, "source '" + name + "' listed twice");
      }
      checked.add(name);
    }
    return checked;
  }

  /** A model listed twice (case-insensitively) is a mistake: the catalog would show it twice. */
  private static void checkModels(List<Group> groups) {
    Map<String, String> first = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      List<String> models = groups.get(g).models();
      for (int m = 0; m < models.size(); m++) {
        String at = "/groups/" + g + "/models/" + m;
        String seen = first.putIfAbsent(Check.lower(models.get(m)), at);
        if (seen != null) {
          throw new ConfigInvalid(at.substring(1), "duplicate model '" + models.get(m) + "'", seen);
        }
      }
    }
    Map<String, Integer> ids = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      Integer seen = ids.putIfAbsent(groups.get(g).id(), g);
      if (seen != null) {
        throw new ConfigInvalid("groups/" + g + "/id", "duplicate group id '" + groups.get(g).id() + "'",
            "/groups/" + seen + "/id");
      }
    }
  }

  private static Map<String, String> checkEndpoints(Map<String, String> endpoints, KnownSources known) {
    Map<String, String> checked = new LinkedHashMap<>();
    List<String> keys = known.endpoints().stream().map(EndpointSpec::key).toList();
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw new ConfigInvalid("endpoints/" + e.getKey(), "unknown key '" + e.getKey() + "' (expected one of "
            + String.join(", ", keys) + ")");
      }
      checked.put(e.getKey(), Check.url(e.getValue(), "endpoints/" + e.getKey()));
    }
    return checked;
  }

  private static List<TableConfig> checkTables(List<TableConfig> tables, List<String> fetched, KnownSources known) {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < tables.size(); i++) {
      TableConfig t = tables.get(i);
      if (!ids.add(t.id())) {
        throw new ConfigInvalid("tables/" + i + "/id", "duplicate table id '" + t.id() + "'");
      }
      boolean imported = CatalogConfig.IMPORTED_SOURCES.contains(t.source());
      if (!imported && !known.leaderboards().contains(t.source())) {
        throw new ConfigInvalid("tables/" + i + "/source", "table '" + t.id() + "': unknown leaderboard source '"
            + t.source() + "' (known: " + String.join(", ", known.leaderboards()) + ", "
            + String.join(", ", CatalogConfig.IMPORTED_SOURCES) + ")");
      }
      if (!imported && !fetched.contains(t.source())) {
        throw new ConfigInvalid("tables/" + i + "/source", "table '" + t.id() + "' reads source '" + t.source()
            + "', which is not in 'sources'");
      }
    }
    return tables;
  }
}
