package dev.llmcatalog.config;

import java.util.Objects;

/**
 * One upstream base URL a source needs: its key under the config's {@code endpoints}, the environment variable that
 * overrides it, its public default, whether it may receive the Hub token, and what it is (for {@code --help} and docs).
 */
public record EndpointSpec(String key, String env, String defaultUrl, boolean tokenOrigin, String what) {
  public EndpointSpec {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(env, "env == null");
    Objects.requireNonNull(defaultUrl, "defaultUrl == null");
    Objects.requireNonNull(what, "what == null");
  }
}
