package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks: months for time, powers of 2 (or 1-3 steps, or decades) for ratios on a log scale,
 * round steps otherwise.
 */
final class Axis {
  private Axis() {}

  /**
   * Month ticks from 0 to the horizon: every 6 months (0, 6, 12, 18, 24 for two years), every 3 for
   * a horizon under 18 months, every 12 beyond 5 years; the last tick at or after the horizon.
   */
  static List<Integer> months(int horizonDays) {
    double months = horizonDays / Fmt.DAYS_PER_MONTH;
    int step = months < 18 ? 3 : months > 60 ? 12 : 6;
    List<Integer> out = new ArrayList<>();
    for (int m = 0; ; m += step) {
      out.add(m);
      if (Fmt.monthDays(m) >= horizonDays) {
        return out;
      }
    }
  }

  /** At most this many ticks on a log axis; more would run their labels into each other. */
  static final int MAX_LOG_TICKS = 7;

  /**
   * Log-scale ticks spanning [lo, hi] and always 0.5 to 2: powers of 2 (0.25, 0.5, 1, 2, 4) when at
   * most {@link #MAX_LOG_TICKS} cover the range, else 1-3 steps (0.03, 0.1, 0.3, 1, 3, 10), else
   * powers of 10. Each sequence contains 1, the line of no effect.
   */
  static List<Double> log(double lo, double hi) {
    double a = Math.min(lo, 0.5);
    double b = Math.max(hi, 2);
    List<Double> twos = span(a, b, new double[] {1}, 2);
    if (twos.size() <= MAX_LOG_TICKS) {
      return twos;
    }
    List<Double> threes = span(a, b, new double[] {1, 3}, 10);
    return threes.size() <= MAX_LOG_TICKS ? threes : span(a, b, new double[] {1}, 10);
  }

  /**
   * The ticks m * base^k (m from mantissas, ascending and below base) from the largest at or below
   * a to the smallest at or above b.
   */
  private static List<Double> span(double a, double b, double[] mantissas, double base) {
    List<Double> out = new ArrayList<>();
    for (int k = (int) Math.floor(Math.log(a) / Math.log(base)) - 1; ; k++) {
      for (double m : mantissas) {
        // 12 significant digits, so that 3 * 10^-2 is 0.03 and not 0.030000000000000002
        double t = Double.parseDouble(String.format(Locale.ROOT, "%.12g", m * Math.pow(base, k)));
        if (t <= a * (1 + 1e-12)) {
          out.clear(); // a tick at or below a: the axis starts here at the latest
        }
        out.add(t);
        if (t >= b * (1 - 1e-12)) {
          return out;
        }
      }
    }
  }

  /** About five round ticks (steps of 1, 2 or 5 times a power of 10) spanning [lo, hi] and 0. */
  static List<Double> linear(double lo, double hi) {
    double a = Math.min(lo, 0);
    double b = Math.max(hi, 0);
    if (a == b) {
      b = a + 1;
    }
    double step = step((b - a) / 5);
    List<Double> out = new ArrayList<>();
    for (double t = Math.floor(a / step) * step;
        t <= Math.ceil(b / step) * step + step / 1e6;
        t += step) {
      out.add(Math.abs(t) < step / 1e6 ? 0 : t);
    }
    return out;
  }

  static double step(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  /** A tick label: 0.25, 0.5, 1, 2, 4 (no trailing zeros). */
  static String label(double t) {
    String s = Fmt.num(t, 3);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
