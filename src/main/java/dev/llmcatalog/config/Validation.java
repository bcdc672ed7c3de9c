package dev.llmcatalog.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Checks a fetched source must pass before its snapshot is accepted: a snapshot with fewer than
 * {@code (1 - maxShrink)} times the models of the source's last good snapshot is rejected as a collapse
 * (an upstream serving a partial list would otherwise close most of the source's values).
 */
public record Validation(double maxShrink) {
  public static final double DEFAULT_MAX_SHRINK = 0.5;

  public Validation {
    if (!(maxShrink >= 0 && maxShrink <= 1)) {
      throw new ConfigInvalid("max_shrink", "max_shrink must be a number from 0 to 1 (0.5 = reject a snapshot with less"
          + " than half the models), got " + maxShrink);
    }
  }

  @JsonCreator
  static Validation bind(@JsonProperty("max_shrink") Double maxShrink) {
    return new Validation(Check.orDefault(maxShrink, DEFAULT_MAX_SHRINK));
  }

  public static Validation defaults() {
    return new Validation(DEFAULT_MAX_SHRINK);
  }

  /** Whether {@code subjects} models, against {@code previous} in the last good snapshot, is a collapse. */
  public boolean collapsed(long subjects, long previous) {
    return subjects < (1 - maxShrink) * previous;
  }
}
