package dev.llmcatalog.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the catalog shows and where it comes from: the parsed, validated {@code catalog.yaml}. */
public record CatalogConfig(
    Path file,
    Path template,
    Path output,
    FrontMatter frontMatter,
    List<Group> groups,
    List<LinkSection> links,
    String hubEndpoint) {

  public CatalogConfig {
    groups = List.copyOf(groups);
    links = List.copyOf(links);
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
