package dev.llmcatalog.fetch;

/**
 * Carries a request's {@link FetchProgress} and source name to the {@link RetryInterceptor}, which is shared by
 * every source of the client; as a request tag it goes with the call, not with any header.
 */
record ProgressTag(FetchProgress progress, String source) {
  void retrying() {
    progress.retrying(source);
  }
}
