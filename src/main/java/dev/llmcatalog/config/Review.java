package dev.llmcatalog.config;

import java.nio.file.Path;

/**
 * How changes are shown for review: downloads/likes changes below {@code counterThreshold} (relative) are
 * not reported; {@code sync} writes the catalog's unified diff to {@code diff} and a summary of the
 * upstream changes to {@code summary} when something changed.
 */
public record Review(double counterThreshold, Path diff, Path summary) {
  public static final double DEFAULT_COUNTER_THRESHOLD = 0.1;
}
