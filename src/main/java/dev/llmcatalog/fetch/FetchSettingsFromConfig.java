package dev.llmcatalog.fetch;

import dev.llmcatalog.config.FetchConfig;
import java.time.Duration;

/** The config's {@code fetch} overrides applied to {@link FetchSettings#defaults()}. */
public final class FetchSettingsFromConfig {
  private FetchSettingsFromConfig() {}

  public static FetchSettings apply(FetchConfig config) {
    FetchSettings s = FetchSettings.defaults();
    if (config.contactUrl().isPresent()) {
      s = s.withContactUrl(config.contactUrl().get());
    }
    if (config.find("attempts").isPresent()) {
      s = s.withMaxAttempts((int) config.find("attempts").getAsLong());
    }
    s = s.withTimeouts(
        seconds(config, "connect_timeout", s.connectTimeout()),
        seconds(config, "read_timeout", s.readTimeout()),
        seconds(config, "call_timeout", s.callTimeout()));
    if (config.find("source_deadline").isPresent()) {
      s = s.withSourceDeadline(Duration.ofSeconds(config.find("source_deadline").getAsLong()));
    }
    if (config.find("max_body_mb").isPresent()) {
      s = s.withMaxBodyBytes(config.find("max_body_mb").getAsLong() * 1024 * 1024);
    }
    if (config.find("per_host_concurrency").isPresent()) {
      s = s.withMaxConcurrentPerHost((int) config.find("per_host_concurrency").getAsLong());
    }
    if (config.find("backoff_ms").isPresent()) {
      s = s.withBackoff(Duration.ofMillis(config.find("backoff_ms").getAsLong()), s.backoffCeiling());
    }
    return s;
  }

  private static Duration seconds(FetchConfig config, String key, Duration fallback) {
    return config.find(key).isPresent() ? Duration.ofSeconds(config.find(key).getAsLong()) : fallback;
  }
}
