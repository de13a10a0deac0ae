package org.odtrial.analysis.imputation.internal;

import org.apache.commons.math3.random.RandomGenerator;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * The random draws of the imputation sampler, from one seeded generator: normal, gamma (Marsaglia
 * and Tsang 2000), inverse gamma, multivariate normal and inverse Wishart (Bartlett decomposition).
 * StrictMath throughout, so the same seed gives the same numbers on any JVM.
 */
public final class Draws {
  private final RandomGenerator rng;

  public Draws(RandomGenerator rng) {
    this.rng = rng;
  }

  public double normal() {
    return rng.nextGaussian();
  }

  /** Gamma with the given shape and scale 1. */
  public double gamma(double shape) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(shape + 1) * StrictMath.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u > 0 && StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return d * v;
      }
    }
  }

  /** Inverse gamma with density proportional to x^(-shape-1) exp(-scale/x). */
  public double inverseGamma(double shape, double scale) {
    return scale / gamma(shape);
  }

  /** mean + L z, z standard normal, L a lower Cholesky factor. */
  public double[] normal(double[] mean, double[][] cholesky) {
    int t = mean.length;
    double[] z = new double[t];
    for (int k = 0; k < t; k++) {
      z[k] = rng.nextGaussian();
    }
    double[] out = mean.clone();
    for (int r = 0; r < t; r++) {
      for (int k = 0; k <= r; k++) {
        out[r] += cholesky[r][k] * z[k];
      }
    }
    return out;
  }

  /**
   * Inverse Wishart IW(df, scale): density proportional to |X|^(-(df + t + 1)/2) exp(-tr(scale
   * X^-1)/2), drawn as the inverse of a Wishart(df, scale^-1) by Bartlett's decomposition W = L A
   * A'L', L = chol(scale^-1), A lower triangular with A_kk^2 ~ chi^2(df - k) and standard normal
   * entries below the diagonal.
   */
  public double[][] inverseWishart(double df, double[][] scale) {
    int t = scale.length;
    double[][] l = Dense.cholesky(Dense.inverseSpd(scale));
    double[][] a = new double[t][t];
    for (int k = 0; k < t; k++) {
      a[k][k] = StrictMath.sqrt(2 * gamma((df - k) / 2));
      for (int j = 0; j < k; j++) {
        a[k][j] = rng.nextGaussian();
      }
    }
    double[][] la = Dense.multiply(l, a);
    double[][] w = Dense.multiply(la, Dense.transpose(la));
    return Dense.symmetrise(Dense.inverseSpd(Dense.symmetrise(w)));
  }
}
