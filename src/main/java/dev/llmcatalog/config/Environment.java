package dev.llmcatalog.config;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables llm-catalog reads, passed in rather than read globally so tests can set them.
 * {@link #toString()} never shows the token.
 */
public record Environment(Map<String, String> vars) {
  public Environment {
    vars = Map.copyOf(vars);
  }

  public static Environment system() {
    return new Environment(System.getenv());
  }

  /** {@code HF_TOKEN}, else the legacy {@code HUGGING_FACE_HUB_TOKEN}. */
  public Optional<String> hubToken() {
    return find("HF_TOKEN").or(() -> find("HUGGING_FACE_HUB_TOKEN"));
  }

  /** {@code HTTPS_PROXY} (or {@code https_proxy}): the proxy every request goes through. */
  public Optional<String> httpsProxy() {
    return find("HTTPS_PROXY").or(() -> find("https_proxy"));
  }

  public Optional<String> find(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public String toString() {
    return "Environment[HF_ENDPOINT=" + vars.get("HF_ENDPOINT") + ", token " + (hubToken().isPresent() ? "set" : "unset") + "]";
  }
}
