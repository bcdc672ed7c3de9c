package dev.llmcatalog.fetch;

/**
 * Told of every answer a {@link Fetcher} read in full (any status), e.g. to archive it. It sees the response
 * only: never the request's headers, so never the token.
 */
@FunctionalInterface
public interface FetchListener {
  FetchListener NONE = exchange -> {};

  void fetched(Exchange exchange);

  /**
   * @param source the fetcher's source name, or null for a fetcher not made by {@link Fetcher#forSource}
   * @param method the request's method
   * @param fetched the answer, after retries and redirects
   * @param durationMillis from the call's start to its last byte, retries and waits included
   */
  record Exchange(String source, String method, Fetched fetched, long durationMillis) {}
}
