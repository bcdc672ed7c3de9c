package dev.llmcatalog.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The config's {@code fetch} section: overrides of the fetch layer's defaults (see the README's
 * "Fetching"). Kept as plain numbers here; the fetch package turns them into its settings.
 */
public record FetchConfig(Optional<String> contactUrl, Map<String, Long> numbers) {
  /**
   * The numeric keys: attempts, timeouts and deadline in seconds, body cap in MiB, in-flight per host, the
   * first retry's backoff in milliseconds, and {@code parallelism}: model-info requests the Hub source runs at a
   * time (inside the per-host limits).
   */
  static final java.util.List<String> NUMERIC_KEYS = java.util.List.of(
      "attempts", "connect_timeout", "read_timeout", "call_timeout", "source_deadline", "max_body_mb",
      "per_host_concurrency", "backoff_ms", "parallelism");

  public FetchConfig {
    numbers = Map.copyOf(numbers);
  }

  public static FetchConfig none() {
    return new FetchConfig(Optional.empty(), Map.of());
  }

  public OptionalLong find(String key) {
    Long value = numbers.get(key);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
