package dev.llmcatalog.config;

import java.util.List;

/** The Jekyll front matter of the catalog post. */
public record FrontMatter(String layout, String title, String date, List<String> categories, List<String> tags) {
  public FrontMatter {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }
}
