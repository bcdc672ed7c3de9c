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
  public static final Comparator<Observation> KEYS = (a, b) -> {
    int order = compareCodePoints(a.subject(), b.subject());
    if (order == 0) {
      order = compareCodePoints(a.variant(), b.variant());
    }
    return order != 0 ? order : compareCodePoints(a.key(), b.key());
  };

  private static int compareCodePoints(String x, String y) {
    if (x == y) { // the values of one model share its id
      return 0;
    }
    int common = Math.min(x.length(), y.length());
    for (int i = 0; i < common; i++) {
      char a = x.charAt(i);
      char b = y.charAt(i);
      if (a != b) {
        return Integer.compare(codePointRank(a), codePointRank(b));
      }
    }
    return Integer.compare(x.length(), y.length());
  }

  /**
   * A UTF-16 unit moved so that the first differing units of two strings compare as their code points do: surrogates
   * (U+D800..U+DFFF, which only code points beyond U+FFFF use) go above U+E000..U+FFFF. Two strings that first differ
   * in a low surrogate share the high one before it, so the low ones alone decide.
   */
  private static int codePointRank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
