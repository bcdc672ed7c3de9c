package dev.llmcatalog.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sources this build knows (the source registry's {@link SourceSpec}s), as config validation asks about them. */
public record KnownSources(List<SourceSpec> specs) {
  public KnownSources {
    specs = List.copyOf(specs);
  }

  /** Every source a sync can fetch, in registry order: the default of the config's {@code sources}. */
  public List<String> fetchable() {
    return specs.stream().map(SourceSpec::name).toList();
  }

  /** The sources whose snapshots can fill a leaderboard table. */
  public List<String> leaderboards() {
    return specs.stream().filter(SourceSpec::leaderboard).map(SourceSpec::name).toList();
  }

  /** Every endpoint, each key once, in registry order. */
  public List<EndpointSpec> endpoints() {
    Map<String, EndpointSpec> byKey = new LinkedHashMap<>();
    specs.forEach(s -> s.endpoints().forEach(e -> byKey.putIfAbsent(e.key(), e)));
    return List.copyOf(byKey.values());
  }

  /** The sources' own config sections. */
  public List<SectionSpec<?>> sections() {
    List<SectionSpec<?>> sections = new ArrayList<>();
    specs.forEach(s -> s.section().ifPresent(sections::add));
    return sections;
  }

  Optional<SectionSpec<?>> findSection(String key) {
    return sections().stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
