package dev.llmcatalog.store;

import dev.llmcatalog.normalize.Observation;
import java.util.Comparator;

/**
 * The order in which the store reads a state: (subject, variant, key), each compared the way SQLite's BINARY
 * collation compares UTF-8 text. Code that merges such a read with data sorted in Java must sort with these
 * comparators, or the merge goes out of step on non-ASCII ids.
 */
public final class StateOrder {
  private StateOrder() {}

  /**
   * Code point order: SQLite's BINARY order of UTF-8 text. {@link String#compareTo} orders UTF-16 units instead,
   * which differs when a character beyond U+FFFF meets one in U+E000..U+FFFF.
   */
  public static final Comparator<String> CODE_POINTS = StateOrder::compareCodePoints;

  /** (subject, variant, key) in {@link #CODE_POINTS} order: the order of {@link SnapshotStore#openState}. */
  public static final Comparator<Observation> KEYS = Comparator.comparing(Observation::subject, CODE_POINTS)
      .thenComparing(Observation::variant, CODE_POINTS).thenComparing(Observation::key, CODE_POINTS);

  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i);
      int b = y.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }
}
