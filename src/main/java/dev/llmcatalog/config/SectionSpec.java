package dev.llmcatalog.config;

import java.util.Objects;

/**
 * A source's own top-level config section ({@code arena:}, {@code mteb:}): its key, the record it binds to and the
 * value when the section is absent. Validation lives in the record's compact constructor; a {@link ConfigInvalid} it
 * throws names the key it is about.
 */
public record SectionSpec<T>(String key, Class<T> type, T defaults) {
  public SectionSpec {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(defaults, "defaults == null");
  }
}
