package org.odtrial.report.internal;

import java.util.Locale;

/**
 * Fixed number formatting for every report output (Locale.ROOT, half-up on the exact double, no
 * "-0").
 */
public final class Fmt {
  public static final String DASH = "NA";

  private Fmt() {}

  /** {@code x} with {@code decimals} decimals; "NA" for a missing or non-finite value. */
  public static String num(Double x, int decimals) {
    if (x == null || x.isNaN() || x.isInfinite()) {
      return "NA";
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
    // A value that rounds to zero is shown without a sign.
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /**
   * Degrees of freedom: a whole number as is, a real one (Satterthwaite, Kenward-Roger) to 1
   * decimal.
   */
  public static String df(Double df) {
    if (df == null) {
      return DASH;
    }
    return df == Math.rint(df) ? String.valueOf(df.longValue()) : num(df, 1);
  }

  public static String ratio(Double x) {
    return num(x, 2);
  }

  /** p-values: 3 decimals, or "<0.001". */
  public static String p(Double p) {
    if (p == null) {
      return "";
    }
    return p < 0.001 ? "<0.001" : num(p, 3);
  }

  /** "est (low to high)", "est (SE se)" without limits, or just the estimate. */
  public static String withCi(Double est, Double low, Double high, Double se, int decimals) {
    if (low != null && high != null) {
      return num(est, decimals) + " (" + num(low, decimals) + " to " + num(high, decimals) + ")";
    }
    if (se != null) {
      return num(est, decimals) + " (SE " + num(se, decimals) + ")";
    }
    return num(est, decimals);
  }

  /** "n (pct%)" with one decimal. */
  public static String countPct(int n, int of) {
    return n + " (" + (of == 0 ? "NA" : num(100.0 * n / of, 1)) + "%)";
  }

  public static String pct(Double share) {
    return share == null ? DASH : num(100 * share, 1);
  }

  public static String meanSd(Double mean, Double sd, int decimals) {
    return num(mean, decimals) + " (" + num(sd, decimals) + ")";
  }

  public static String medianIqr(Double median, Double q1, Double q3, int decimals) {
    return num(median, decimals) + " [" + num(q1, decimals) + ", " + num(q3, decimals) + "]";
  }
}
