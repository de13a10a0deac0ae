package org.odtrial.analysis.simulate.internal;

/** Running mean and sum of squared deviations (Welford), added to in rep order. */
final class Welford {
  private int n;
  private double mean;
  private double m2;

  void add(double x) {
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }

  int n() {
    return n;
  }

  Double mean() {
    return n == 0 ? null : mean;
  }

  /** Sample standard deviation (n - 1), null below two values. */
  Double sd() {
    return n < 2 ? null : Math.sqrt(m2 / (n - 1));
  }
}
