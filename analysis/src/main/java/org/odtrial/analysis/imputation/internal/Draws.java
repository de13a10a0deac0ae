package org.odtrial.analysis.imputation.internal;

import org.apache.commons.math3.random.RandomGenerator;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * The random draws of the imputation sampler, from one seeded generator: normal (ziggurat,
 * Marsaglia and Tsang 2000 in the form of Doornik 2005), gamma (Marsaglia and Tsang 2000), inverse
 * gamma, multivariate normal, Wishart and inverse Wishart (Bartlett decomposition). StrictMath
 * throughout, so the same seed gives the same numbers on any JVM.
 */
public final class Draws {
  /** Ziggurat of 128 layers of equal area V under the standard normal density, R the base. */
  private static final int LAYERS = 128;

  private static final double R = 3.442619855899;
  private static final double V = 9.91256303526217e-3;

  /** X[i]: the right edge of layer i (X[0] = V / f(R), the base's equivalent width). */
  private static final double[] X = new double[LAYERS + 1];

  /** X[i + 1] / X[i]: below it, a point of layer i is inside the density for sure. */
  private static final double[] INSIDE = new double[LAYERS];

  static {
    double f = StrictMath.exp(-0.5 * R * R);
    X[0] = V / f;
    X[1] = R;
    X[LAYERS] = 0;
    for (int i = 2; i < LAYERS; i++) {
      X[i] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i - 1] + f));
      f = StrictMath.exp(-0.5 * X[i] * X[i]);
    }
    for (int i = 0; i < LAYERS; i++) {
      INSIDE[i] = X[i + 1] / X[i];
    }
  }

  private final RandomGenerator rng;

  public Draws(RandomGenerator rng) {
    this.rng = rng;
  }

  /**
   * A standard normal draw by the ziggurat: one 64-bit draw gives the layer (low 7 bits) and a
   * uniform position in it (top 53 bits, independent of the layer); 98.8% of draws are accepted at
   * once, the rest by the exact density test or from the tail beyond R (Marsaglia 1964).
   */
  public double normal() {
    while (true) {
      long bits = rng.nextLong();
      int i = (int) (bits & (LAYERS - 1));
      double u = 2 * ((bits >>> 11) * 0x1.0p-53) - 1;
      if (Math.abs(u) < INSIDE[i]) {
        return u * X[i];
      }
      if (i == 0) {
        return tail(u < 0);
      }
      double x = u * X[i];
      double f0 = StrictMath.exp(-0.5 * (X[i] * X[i] - x * x));
      double f1 = StrictMath.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
      if (f1 + rng.nextDouble() * (f0 - f1) < 1) {
        return x;
      }
    }
  }

  private double tail(boolean negative) {
    double x;
    double y;
    do {
      x = StrictMath.log(positiveUniform()) / R;
      y = StrictMath.log(positiveUniform());
    } while (-2 * y < x * x);
    return negative ? x - R : R - x;
  }

  private double positiveUniform() {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0);
    return u;
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
      double x = normal();
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
      z[k] = normal();
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
   * Wishart(df, I) of dimension q, drawn by Bartlett's decomposition A A' (A lower triangular,
   * A_kk^2 ~ chi^2(df - k), standard normal below the diagonal): the distribution of Z'Z for a df x
   * q matrix Z of independent standard normals. Needs df > q - 1.
   */
  public double[][] wishartIdentity(double df, int q) {
    double[][] a = bartlett(df, q);
    return Dense.multiply(a, Dense.transpose(a));
  }

  private double[][] bartlett(double df, int q) {
    double[][] a = new double[q][q];
    bartlett(df, a);
    return a;
  }

  /**
   * Bartlett's A of {@link #wishartIdentity} into the q x q array a: its diagonal and lower
   * triangle are drawn, its upper triangle is not touched (0 in a new array).
   */
  public void bartlett(double df, double[][] a) {
    int q = a.length;
    for (int k = 0; k < q; k++) {
      a[k][k] = StrictMath.sqrt(2 * gamma((df - k) / 2));
      for (int j = 0; j < k; j++) {
        a[k][j] = normal();
      }
    }
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
    double[][] a = bartlett(df, t);
    double[][] la = Dense.multiply(l, a);
    double[][] w = Dense.multiply(la, Dense.transpose(la));
    return Dense.symmetrise(Dense.inverseSpd(Dense.symmetrise(w)));
  }
}
