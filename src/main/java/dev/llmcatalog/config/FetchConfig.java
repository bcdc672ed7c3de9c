package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The config's {@code fetch} section: overrides of the fetch layer's defaults (see docs/sources.md). Kept as plain
 * numbers here; the fetch package turns them into its settings. The numeric keys: attempts, timeouts and deadline in
 * seconds, body cap in MiB, in-flight per host, the first retry's backoff in milliseconds, and {@code parallelism}:
 * model-info requests the Hub source runs at a time (inside the per-host limits). Each is a whole number from 1 to
 * 86400.
 */
public record FetchConfig(Optional<String> contactUrl, Map<String, Long> numbers) {
  private static final long MAX = 86_400;

  public FetchConfig {
    numbers = Map.copyOf(numbers);
  }

  @JsonCreator
  static FetchConfig bind(@JsonProperty("attempts") Long attempts, @JsonProperty("connect_timeout") Long connectTimeout,
      @JsonProperty("read_timeout") Long readTimeout, @JsonProperty("call_timeout") Long callTimeout,
      @JsonProperty("source_deadline") Long sourceDeadline, @JsonProperty("max_body_mb") Long maxBodyMb,
      @JsonProperty("per_host_concurrency") Long perHostConcurrency, @JsonProperty("backoff_ms") Long backoffMs,
      @JsonProperty("parallelism") Long parallelism, @JsonProperty("contact_url") String contactUrl) {
    Map<String, Long> numbers = new LinkedHashMap<>();
    put(numbers, "attempts", attempts);
    put(numbers, "connect_timeout", connectTimeout);
    put(numbers, "read_timeout", readTimeout);
    put(numbers, "call_timeout", callTimeout);
    put(numbers, "source_deadline", sourceDeadline);
    put(numbers, "max_body_mb", maxBodyMb);
    put(numbers, "per_host_concurrency", perHostConcurrency);
    put(numbers, "backoff_ms", backoffMs);
    put(numbers, "parallelism", parallelism);
    return new FetchConfig(Optional.ofNullable(contactUrl).map(u -> Check.url(u, "contact_url")), numbers);
  }

  private static void put(Map<String, Long> numbers, String key, Long value) {
    if (value != null) {
      numbers.put(key, Check.range(value, 1, MAX, key));
    }
  }

  public static FetchConfig none() {
    return new FetchConfig(Optional.empty(), Map.of());
  }

  public OptionalLong find(String key) {
    Long value = numbers.get(key);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
