package dev.llmcatalog.fetch;

/**
 * Told when a {@link Fetcher} starts a request and when the retry layer is about to try one again, so that a
 * progress display can count them. It learns the source's name and nothing else: never the request, its headers
 * or the token.
 */
public interface FetchProgress {
  FetchProgress NONE = new FetchProgress() {
    @Override
    public void requested(String source) {}

    @Override
    public void retrying(String source) {}
  };

  /**
   * A request started (counted once however often it is retried).
   *
   * @param source the fetcher's source name, or null for a fetcher not made by {@link Fetcher#forSource}
   */
  void requested(String source);

  /** A request failed transiently and will be tried again, after its wait. */
  void retrying(String source);
}
