package org.odtrial.report.internal;

import java.util.Locale;

/**
 * Every number format of the report, as journals ask: fixed decimals (Locale.ROOT, half-up on the
 * exact double, never "-0"), thousands separators (13,391), p-values to 3 decimals and "<0.001"
 * below (never "0.000"), confidence intervals as "est (low to high)".
 */
public final class Fmt {
  /** A value that does not apply or could not be computed. */
  public static final String NA = "NA";

  /** Days in a month: a year of 365.25 days over 12. */
  public static final double DAYS_PER_MONTH = 365.25 / 12;

  private Fmt() {}

  /** {@code x} with {@code decimals} decimals; "NA" for a missing or non-finite value. */
  public static String num(Double x, int decimals) {
    if (x == null || x.isNaN() || x.isInfinite()) {
      return NA;
    }
    String s = String.format(Locale.ROOT, "%,." + decimals + "f", x);
    // A value that rounds to zero is shown without a sign.
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /** A count with thousands separators: 2,340. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Degrees of freedom: a whole number as is, a real one (Satterthwaite, Kenward-Roger) to 1
   * decimal.
   */
  public static String df(Double df) {
    if (df == null) {
      return NA;
    }
    return df == Math.rint(df) ? String.valueOf(df.longValue()) : num(df, 1);
  }

  /** A p-value for a table cell: 3 decimals, "<0.001" below 0.001, ">0.999" just under 1. */
  public static String p(Double p) {
    if (p == null || p.isNaN()) {
      return "";
    }
    if (p < 0.001) {
      return "<0.001";
    }
    if (p > 0.999 && p < 1) {
      return ">0.999";
    }
    return num(p, 3);
  }

  /** A p-value in running text: "p = 0.158", "p < 0.001", "p > 0.999". */
  public static String pText(Double p) {
    String s = p(p);
    if (s.isEmpty()) {
      return "";
    }
    return s.startsWith("<") || s.startsWith(">")
        ? "p " + s.charAt(0) + " " + s.substring(1)
        : "p = " + s;
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
  public static String countPct(long n, long of) {
    return count(n) + " (" + (of == 0 ? NA : num(100.0 * n / of, 1)) + "%)";
  }

  /** A share as a percentage with one decimal (no % sign: the header says it). */
  public static String pct(Double share) {
    return share == null ? NA : num(100 * share, 1);
  }

  public static String meanSd(Double mean, Double sd, int decimals) {
    return num(mean, decimals) + " (" + num(sd, decimals) + ")";
  }

  public static String medianIqr(Double median, Double q1, Double q3, int decimals) {
    return num(median, decimals) + " [" + num(q1, decimals) + ", " + num(q3, decimals) + "]";
  }

  /** "χ² 1.98, 1 df". */
  public static String chisq(Double statistic, Double df) {
    return "χ² " + num(statistic, 2) + ", " + df(df) + " df";
  }

  /** Whole months of a day count: the m with monthDays(m) = days, or -1 if there is none. */
  public static int wholeMonths(int days) {
    int m = (int) Math.round(days / DAYS_PER_MONTH);
    return monthDays(m) == days ? m : -1;
  }

  /**
   * The day that month {@code m} stands for: floor(m * 365.25 / 12), so 6, 12, 18 and 24 months are
   * days 182, 365, 547 and 730.
   */
  public static int monthDays(int months) {
    return (int) Math.floor(months * DAYS_PER_MONTH);
  }

  /** A time for a label: "12 months" when the day count is a whole month, else "400 days". */
  public static String time(int days) {
    int m = wholeMonths(days);
    return m >= 0 ? m + (m == 1 ? " month" : " months") : days + (days == 1 ? " day" : " days");
  }
}
