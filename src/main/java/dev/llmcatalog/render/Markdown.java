package dev.llmcatalog.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Markdown escaping and the fixed number formats of the catalog. */
final class Markdown {
  static final String DASH = "—";
  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
  private static final String[] UNITS = {"", "k", "M", "B", "T"};

  private Markdown() {}

  /**
   * Escapes upstream text for use inside a line of markdown (emphasis, links, tables, HTML, entities) with escapes
   * that kramdown, CommonMark and markdown-it all read the same.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#' -> out.append('\\').append(c);
        // kramdown does not take \& as an escape (it shows the backslash); the entity reads the same everywhere.
        case '&' -> out.append("&amp;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A URL safe inside {@code (...)} of a markdown link. */
  static String url(String url) {
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
  }

  /** Three significant digits with a unit: 2779683840 -> 2.78B, 684157 -> 684k, 1667 -> 1.67k, 12 -> 12. */
  static String compact(long n) {
    if (Math.abs(n) < 1000) {
      return Long.toString(n);
    }
    BigDecimal value = new BigDecimal(n).round(THREE_DIGITS);
    int unit = 0;
    while (value.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && unit < UNITS.length - 1) {
      value = value.movePointLeft(3);
      unit++;
    }
    return value.stripTrailingZeros().toPlainString() + UNITS[unit];
  }
}
