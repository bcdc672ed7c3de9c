package dev.llmcatalog.fetch;

import dev.llmcatalog.config.FetchConfig;
import java.time.Duration;

/** The config's {@code fetch} overrides applied to {@link FetchSettings#defaults()}. */
public final class FetchSettingsFromConfig {
  private FetchSettingsFromConfig() {}

  public static FetchSettings apply(FetchConfig config) {
    FetchSettings.Builder s = FetchSettings.defaults().toBuilder();
    config.contactUrl().ifPresent(s::contactUrl);
    config.find("attempts").ifPresent(n -> s.maxAttempts((int) n));
    config.find("connect_timeout").ifPresent(n -> s.connectTimeout(Duration.ofSeconds(n)));
    config.find("read_timeout").ifPresent(n -> s.readTimeout(Duration.ofSeconds(n)));
    config.find("call_timeout").ifPresent(n -> s.callTimeout(Duration.ofSeconds(n)));
    config.find("source_deadline").ifPresent(n -> s.sourceDeadline(Duration.ofSeconds(n)));
    config.find("max_body_mb").ifPresent(n -> s.maxBodyBytes(n * 1024 * 1024));
    config.find("per_host_concurrency").ifPresent(n -> s.maxConcurrentPerHost((int) n));
    config.find("backoff_ms").ifPresent(n -> s.backoffBase(Duration.ofMillis(n)));
    return s.build();
  }
}
