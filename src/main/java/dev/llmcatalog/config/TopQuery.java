package dev.llmcatalog.config;

/**
 * A group defined by a Hub list query: the top {@code limit} models of {@code author} carrying the tag
 * {@code filter}, sorted by {@code sort} (the Hub always sorts descending).
 */
public record TopQuery(String author, String filter, String sort, int limit) {
  public static final int DEFAULT_LIMIT = 10;
}
