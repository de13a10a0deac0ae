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

  /** R's quantile(x, probs, type = 7) at several probabilities, sorting once. */
  public static double[] quantiles(double[] x, double... probs) {
    double[] out = new double[probs.length];
    if (x.length == 0) {
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    }
    Quantiles q = Quantiles.of(x);
    for (int i = 0; i < probs.length; i++) {
      out[i] = q.type7(probs[i]);
    }
    return out;
  }
}
