package org.odtrial.analysis.descriptive;

import java.util.Arrays;

/**
 * Sample quantiles of Hyndman and Fan (1996) type 7, R's default: with h = 1 + (n - 1) p, Q(p) =
 * x[floor h] + (h - floor h)(x[ceil h] - x[floor h]) on the sorted sample, computed as R's
 * quantile.default does ((1 - g) x_lo + g x_hi, and x_lo itself when x_hi equals it).
 */
public final class Quantiles {
  private final double[] sorted;

  private Quantiles(double[] sorted) {
    this.sorted = sorted;
  }

  /** NaN values are not allowed (R's quantile would need na.rm = TRUE). */
  public static Quantiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] s = values.clone();
    for (double v : s) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("missing value among the data; remove it first");
      }
    }
    Arrays.sort(s);
    return new Quantiles(s);
  }

  public double type7(double prob) {
    if (!(prob >= 0 && prob <= 1)) {
      throw new IllegalArgumentException("probability outside [0, 1]");
    }
    int n = sorted.length;
    double index = 1 + (n - 1) * prob;
    int lo = (int) Math.floor(index);
    int hi = (int) Math.ceil(index);
    double qs = sorted[lo - 1];
    double xhi = sorted[hi - 1];
    if (index > lo && xhi != qs) {
      double h = index - lo;
      qs = (1 - h) * qs + h * xhi;
    }
    return qs;
  }

  public int size() {
    return sorted.length;
  }

  public double min() {
    return sorted[0];
  }

  public double max() {
    return sorted[sorted.length - 1];
  }
}
