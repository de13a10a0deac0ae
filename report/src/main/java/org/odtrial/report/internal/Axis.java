package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/** Axis ticks: months for time, powers of 2 for ratios on a log scale, round steps otherwise. */
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

  /**
   * Log-scale ticks at powers of 2 (0.25, 0.5, 1, 2, 4, ...) spanning [lo, hi] and always 0.5 to 2.
   */
  static List<Double> log2(double lo, double hi) {
    int a = (int) Math.floor(Math.log(Math.min(lo, 0.5)) / Math.log(2));
    int b = (int) Math.ceil(Math.log(Math.max(hi, 2)) / Math.log(2));
    List<Double> out = new ArrayList<>();
    for (int k = a; k <= b; k++) {
      out.add(Math.pow(2, k));
    }
    return out;
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
