package dev.llmcatalog.normalize;

import java.util.Objects;

/**
 * One normalized value a source observed: {@code key} of {@code subject} (a canonical model id) in
 * {@code variant} (one of several rows of the model on a board; empty when there is one) is
 * {@code value}, read from {@code url}. Values are text in a canonical form so that equal data compares
 * equal across snapshots; {@code raw} keeps the upstream value as given when it differs (null otherwise).
 */
public record Observation(String subject, String variant, String key, String value, String raw, String url) {
  public Observation {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(variant, "variant == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null for " + subject + " " + key);
    if (raw != null && raw.equals(value)) {
      raw = null;
    }
  }

  /** A plain value: no variant, no separate raw value. */
  public Observation(String subject, String key, String value, String url) {
    this(subject, "", key, value, null, url);
  }

  public Observation withSubject(String newSubject) {
    return new Observation(newSubject, variant, key, value, raw, url);
  }
}
