package dev.llmcatalog.config;

import java.util.List;

/** A titled list of links (the catalog's leaderboard links). */
public record LinkSection(String title, List<Link> links) {
  public LinkSection {
    links = List.copyOf(links);
  }

  /** One link. */
  public record Link(String title, String url) {}
}
