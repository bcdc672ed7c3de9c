package dev.llmcatalog.chart;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one chart shows: one series per model, each point a value as of the snapshot that changed it.
 *
 * @param compact whether the value axis counts (downloads: 1.2M) rather than scores
 */
record Trend(String title, String valueLabel, boolean compact, List<Series> series) {
  Trend {
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(valueLabel, "valueLabel == null");
    series = List.copyOf(series);
  }

  /** One model's line: its label in the legend and its points, oldest first. */
  record Series(String name, List<Point> points) {
    Series {
      Objects.requireNonNull(name, "name == null");
      points = List.copyOf(points);
    }
  }

  /** A value as of {@code at}, when the snapshot that changed it finished. */
  record Point(Instant at, double value) {}
}
