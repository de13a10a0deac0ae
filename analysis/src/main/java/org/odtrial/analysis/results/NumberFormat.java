package org.odtrial.analysis.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Fixed, locale-free number formatting for tables; results.json itself is never rounded. */
public final class NumberFormat {
  private NumberFormat() {}

  /**
   * {@code digits} significant digits, plain notation, half-even rounding; "" for null, "NA" for
   * NaN.
   */
  public static String significant(Double v, int digits) {
    if (v == null) {
      return "";
    }
    if (v.isNaN() || v.isInfinite()) {
      return "NA";
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return b.stripTrailingZeros().toPlainString();
  }

  /** A p-value: three significant digits, or "<0.0001". */
  public static String pValue(Double p) {
    if (p == null) {
      return "";
    }
    return p < 1e-4 ? "<0.0001" : significant(p, 3);
  }

  /** Fixed decimals, e.g. 2 for "0.59". */
  public static String fixed(Double v, int decimals) {
    if (v == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
