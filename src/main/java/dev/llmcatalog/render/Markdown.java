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
    if (n > -1000 && n < 1000) {
      return Long.toString(n);
    }
    if (n <= -1_000_000_000_000_000L || n >= 1_000_000_000_000_000L) { // beyond the last unit
      return compactExact(n);
    }
    // In whole numbers what compactExact does with BigDecimal (a render formats three of these per model).
    long magnitude = Math.abs(n);
    int digits = Long.toString(magnitude).length();
    long scale = POWERS[digits - 3];
    long significant = magnitude / scale;
    if (2 * (magnitude % scale) >= scale) { // half up, away from zero as BigDecimal's HALF_UP
      significant++;
    }
    if (significant == 1000) { // 999,500 -> 1.00M
      significant = 100;
      digits++;
    }
    int unit = Math.min((digits - 1) / 3, UNITS.length - 1);
    int decimals = 3 * unit + 3 - digits; // significant x 10^-decimals is the value in its unit: 0, 1 or 2 decimals
    if (decimals < 0) { // rounded up past the last unit: 1000T
      return compactExact(n);
    }
    StringBuilder out = new StringBuilder(8);
    if (n < 0) {
      out.append('-');
    }
    out.append(significant / POWERS[decimals]);
    long fraction = significant % POWERS[decimals];
    if (fraction != 0) {
      String padded = Long.toString(POWERS[decimals] + fraction).substring(1); // leading zeros kept
      int end = padded.length();
      while (padded.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(padded, 0, end);
    }
    return out.append(UNITS[unit]).toString();
  }

  private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
      100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
      100_000_000_000_000L, 1_000_000_000_000_000L};

  /** {@link #compact} by BigDecimal arithmetic, for any long. */
  static String compactExact(long n) {
    if (n > -1000 && n < 1000) {
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
