package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A group defined by a Hub list query: the top {@code limit} models of {@code author} carrying the tag
 * {@code filter}, sorted by {@code sort} (the Hub always sorts descending).
 */
public record TopQuery(String author, String filter, String sort, int limit) {
  public static final int DEFAULT_LIMIT = 10;
  static final List<String> SORTS = List.of("createdAt", "downloads", "lastModified", "likes", "trendingScore");

  @JsonCreator
  static TopQuery bind(@JsonProperty("author") String author, @JsonProperty("filter") String filter,
      @JsonProperty("sort") String sort, @JsonProperty("limit") Integer limit) {
    String a = Check.text(Check.required(author, "author"), "author");
    if (!ModelIds.isValidAuthor(a)) {
      throw new ConfigInvalid("author", "bad author '" + a + "'");
    }
    String s = Check.orDefault(sort, "downloads");
    if (!SORTS.contains(s)) {
      throw new ConfigInvalid("sort", "unknown sort '" + s + "', expected one of " + SORTS);
    }
    return new TopQuery(a, filter, s, (int) Check.range(Check.orDefault(limit, DEFAULT_LIMIT), 1, 100_000, "limit"));
  }
}
