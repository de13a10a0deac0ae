package org.odtrial.report.internal;

import org.odtrial.analysis.descriptive.Quantiles;
import org.odtrial.analysis.descriptive.Summary;

/**
 * Descriptive summaries for report tables: the analysis module's {@link Summary} and {@link
 * Quantiles} (R's conventions: sd with n - 1, type 7 quantiles), with NaN for a sample too small to
 * have the figure.
 */
public final class Describe {
  private Describe() {}

  public static double mean(double[] x) {
    return x.length == 0 ? Double.NaN : Summary.of(x).mean();
  }

  public static double sd(double[] x) {
    return x.length < 2 ? Double.NaN : Summary.of(x).sd();
  }

  /** R's quantile(x, p, type = 7); NaN for an empty sample. */
  public static double quantile(double[] x, double p) {
    return x.length == 0 ? Double.NaN : Quantiles.of(x).type7(p);
  }

  public static double median(double[] x) {
    return quantile(x, 0.5);
  }
}
