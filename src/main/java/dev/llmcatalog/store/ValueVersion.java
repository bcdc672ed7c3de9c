package dev.llmcatalog.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stored version of one value: {@code value} held from snapshot {@code fromSnapshot} (finished at {@code since},
 * ISO-8601 UTC) up to, not including, {@code toSnapshot}; empty while it is still current.
 */
public record ValueVersion(String subject, String variant, String key, String value, long fromSnapshot, String since,
    OptionalLong toSnapshot) {
  public ValueVersion {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(variant, "variant == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(since, "since == null");
    Objects.requireNonNull(toSnapshot, "toSnapshot == null");
  }

  /** Whether this version is the value in the state of snapshot {@code snapshot} of its source. */
  public boolean heldAt(long snapshot) {
    return fromSnapshot <= snapshot && (toSnapshot.isEmpty() || toSnapshot.getAsLong() > snapshot);
  }
}
