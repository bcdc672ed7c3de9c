package dev.llmcatalog.fetch;

import dev.llmcatalog.testsupport.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Clients and fetchers on a {@link FakeTime}, with the jitter pinned to its upper bound so waits are exact. */
final class TestFetchers {
  /** Short timeouts for a local server; the rest as in production. */
  static final FetchSettings SETTINGS = FetchSettings.defaults().toBuilder()
      .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();

  private TestFetchers() {}

  static OkHttpClient client(FetchSettings settings, FakeTime time, Optional<String> token, List<String> tokenOrigins) {
    return HttpClients.create(settings, "llm-catalog/test", token, tokenOrigins, Optional.empty(), time, () -> 1.0);
  }

  static Fetcher fetcher(FetchSettings settings, FakeTime time) {
    return fetcher(settings, time, Optional.empty(), List.of());
  }

  static Fetcher fetcher(FetchSettings settings, FakeTime time, Optional<String> token, List<String> tokenOrigins) {
    return new Fetcher(client(settings, time, token, tokenOrigins), settings, time, null, null);
  }
}
