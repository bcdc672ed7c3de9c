package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A titled list of links (the catalog's leaderboard links). */
public record LinkSection(String title, List<Link> links) {
  public LinkSection {
    links = List.copyOf(links);
  }

  @JsonCreator
  static LinkSection bind(@JsonProperty("title") String title, @JsonProperty("links") List<Link> links) {
    return new LinkSection(Check.text(Check.required(title, "title"), "title"), Check.required(links, "links"));
  }

  /** One link. */
  public record Link(String title, String url) {
    @JsonCreator
    static Link bind(@JsonProperty("title") String title, @JsonProperty("url") String url) {
      return new Link(Check.text(Check.required(title, "title"), "title"), Check.url(Check.required(url, "url"), "url"));
    }
  }
}
