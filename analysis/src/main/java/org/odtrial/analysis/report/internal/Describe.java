package org.odtrial.analysis.report.internal;

import java.util.Arrays;

/** Descriptive summaries for report tables, with R's conventions (sd with n - 1, type 7 quantiles). */
public final class Describe {
  private Describe() {}

  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  public static double sd(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** R's quantile(x, p, type = 7); NaN for an empty sample. */
  public static double quantile(double[] x, double p) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  public static double median(double[] x) {
    return quantile(x, 0.5);
  }
}
