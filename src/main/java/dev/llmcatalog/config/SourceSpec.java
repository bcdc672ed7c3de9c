package dev.llmcatalog.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the config needs to know of one source to validate a catalog config: its name, whether its snapshots can fill
 * a leaderboard table, the endpoints it reads and its own section. The source registry describes every source this
 * way; config loading, endpoint resolution and {@code --help} derive from that list.
 */
public record SourceSpec(String name, boolean leaderboard, List<EndpointSpec> endpoints, Optional<SectionSpec<?>> section) {
  public SourceSpec {
    Objects.requireNonNull(name, "name == null");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(section, "section == null");
  }
}
