package org.odtrial.analysis.descriptive;

/**
 * Mean, sd (n - 1 denominator), median, quartiles (type 7), range and the share of values above
 * zero (for meetings per participant: the share with at least one meeting). sd is NaN for a single
 * value, as R's sd().
 */
public record Summary(
    int n,
    double mean,
    double sd,
    double median,
    double q1,
    double q3,
    double min,
    double max,
    double shareAboveZero) {

  public static Summary of(double[] values) {
    Quantiles q = Quantiles.of(values);
    int n = values.length;
    // two-pass mean with a correction term, as R's mean.default, then the centred sum of squares
    double s = 0;
    for (double v : values) {
      s += v;
    }
    double mean = s / n;
    double c = 0;
    for (double v : values) {
      c += v - mean;
    }
    mean += c / n;
    double ss = 0;
    int above = 0;
    for (double v : values) {
      double d = v - mean;
      ss += d * d;
      if (v > 0) {
        above++;
      }
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    return new Summary(
        n,
        mean,
        sd,
        q.type7(0.5),
        q.type7(0.25),
        q.type7(0.75),
        q.min(),
        q.max(),
        above / (double) n);
  }
}
