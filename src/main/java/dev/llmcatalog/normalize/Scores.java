package dev.llmcatalog.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Optional;

/**
 * The canonical text form of numbers: exact decimals from the upstream's own text (never through a
 * double), trailing zeros stripped, so equal values compare equal across snapshots. Computed values
 * (averages, rescaling) are rounded to {@link #SCALE} places first.
 */
public final class Scores {
  /** Decimal places kept for computed values. */
  public static final int SCALE = 6;

  private Scores() {}

  /** Parses an upstream number ("63.37", "6.3e1", " 57 "); empty for blanks, "-", "NaN" and non-numbers. */
  public static Optional<BigDecimal> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("null")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Canonical text: {@code 74.90} -> {@code 74.9}, {@code 57.0} -> {@code 57}, {@code 1E+2} -> {@code 100}. */
  public static String format(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.signum() == 0 ? BigDecimal.ZERO : stripped).toPlainString();
  }

  /** A 0-1 fraction as a 0-100 score: {@code 0.5486} -> {@code 54.86}. */
  public static BigDecimal percent(BigDecimal fraction) {
    return round(fraction.movePointRight(2));
  }

  /** Rounds a computed value to {@link #SCALE} places. */
  public static BigDecimal round(BigDecimal value) {
    return value.setScale(Math.max(0, Math.min(value.scale(), SCALE)), RoundingMode.HALF_UP);
  }

  /** The unweighted mean, rounded to {@link #SCALE} places. */
  public static BigDecimal mean(Collection<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("mean of nothing");
    }
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(values.size()), SCALE, RoundingMode.HALF_UP);
  }
}
