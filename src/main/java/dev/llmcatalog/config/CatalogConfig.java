package dev.llmcatalog.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog shows and where it comes from: the parsed, validated {@code catalog.yaml}, its paths resolved
 * against its folder. {@code known} are the sources of this build; {@code sections} the sources' own sections, bound;
 * {@code notifications} where the review summary of a sync is sent (see docs/notifications.md).
 */
public record CatalogConfig(
    Path file,
    Path template,
    Path output,
    FrontMatter frontMatter,
    List<Group> groups,
    List<LinkSection> links,
    Map<String, String> endpoints,
    List<String> sources,
    Map<String, String> aliases,
    List<TableConfig> tables,
    Review review,
    FetchConfig fetch,
    Validation validation,
    Schedules schedules,
    ChartsConfig charts,
    KnownSources known,
    Map<String, Object> sections,
    List<NotificationTarget> notifications) {

  /** The source of {@code llm-catalog import opencompass}: local evaluations, stored by a command, never fetched. */
  public static final String OPENCOMPASS_LOCAL = "opencompass-local";
  /** Sources a command fills instead of a sync. */
  public static final List<String> IMPORTED_SOURCES = List.of(OPENCOMPASS_LOCAL);

  public CatalogConfig {
    groups = List.copyOf(groups);
    links = List.copyOf(links);
    endpoints = Map.copyOf(endpoints);
    sources = List.copyOf(sources);
    aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    tables = List.copyOf(tables);
    sections = Map.copyOf(sections);
    notifications = List.copyOf(notifications);
  }

  /**
   * The sources whose snapshots the commands read (diff, the review, models, tables): the configured ones, in sync
   * order, then the imported ones, which have snapshots only after an import.
   */
  public List<String> storedSources() {
    List<String> all = new ArrayList<>(sources);
    all.addAll(IMPORTED_SOURCES);
    return List.copyOf(all);
  }

  /** The base URLs to use: environment over config over defaults. */
  public Endpoints endpoints(Environment env) {
    return Endpoints.resolve(known.endpoints(), endpoints, env);
  }

  /** A source's own section as configured, or its defaults. */
  public <T> T section(SectionSpec<T> spec) {
    Object bound = sections.get(spec.key());
    return bound == null ? spec.defaults() : spec.type().cast(bound);
  }

  public Optional<TableConfig> findTable(String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Every model listed by hand, in config order, without duplicates. */
  public Set<String> listedModels() {
    Set<String> ids = new LinkedHashSet<>();
    groups.forEach(g -> ids.addAll(g.models()));
    return ids;
  }

  public Optional<Group> findGroup(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }
}
