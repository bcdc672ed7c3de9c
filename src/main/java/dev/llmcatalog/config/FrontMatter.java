package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Jekyll front matter of the catalog post. */
public record FrontMatter(String layout, String title, String date, List<String> categories, List<String> tags) {
  public FrontMatter {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }

  /** {@code layout} defaults to {@code post}; categories and tags are a list or, as Jekyll allows, one space-separated string. */
  @JsonCreator
  static FrontMatter bind(@JsonProperty("layout") String layout, @JsonProperty("title") String title,
      @JsonProperty("date") String date, @JsonProperty("categories") Object categories, @JsonProperty("tags") Object tags) {
    return new FrontMatter(Check.orDefault(layout, "post"), Check.text(Check.required(title, "title"), "title"),
        Check.orDefault(date, ""), words(categories, "categories"), words(tags, "tags"));
  }

  private static List<String> words(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s.strip().split("\\s+"));
    }
    if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number)) {
      return list.stream().map(v -> String.valueOf(v).strip()).toList();
    }
    throw new ConfigInvalid(key, key + ": expected a list of words or one space-separated string");
  }
}
