package dev.llmcatalog.normalize;

import java.util.Objects;

/**
 * One normalized value a source observed: {@code key} of {@code subject} (a canonical model id) is
 * {@code value}, read from {@code url}. Values are text in a canonical form so that equal data compares
 * equal across snapshots.
 */
public record Observation(String subject, String key, String value, String url) {
  public Observation {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null for " + subject + " " + key);
  }
}
