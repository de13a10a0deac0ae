package org.odtrial.analysis.linear;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.internal.CompleteCases;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Instrumental-variables regression by two-stage least squares, as {@code AER::ivreg(y ~ x | z)},
 * with the cluster-robust variance of {@code sandwich::vcovCL(fit, cluster = ~cluster_id, type =
 * "HC1")}. With Pi = (Z'Z)^-1 Z'X the first-stage coefficients and X^ = Z Pi the projected
 * regressors, beta = (X^'X^)^-1 X^'y, residuals e = y - X beta (with the regressors, not their
 * projection), and V = G/(G - 1) (n - 1)/(n - p) (X^'X^)^-1 [sum_g (X^_g'e_g)(X^_g'e_g)']
 * (X^'X^)^-1 (sandwich's estfun.ivreg = e x X^, bread = n (X^'X^)^-1). Immutable: {@code of(...)}
 * then {@code withClusters(...)}.
 */
public final class TwoStageLeastSquares {
  private final double[] y;
  private final double[][] x;
  private final double[][] z;
  private final List<String> terms;
  private final String[] clusters;

  private TwoStageLeastSquares(
      double[] y, double[][] x, double[][] z, List<String> terms, String[] clusters) {
    this.y = y;
    this.x = x;
    this.z = z;
    this.terms = terms;
    this.clusters = clusters;
  }

  /**
   * @param x regressors, intercept included by the caller (exogenous and endogenous columns)
   * @param z instruments, intercept and exogenous regressors included; at least as many columns as
   *     x
   * @param terms names of x's columns
   * @throws IllegalArgumentException when sizes differ or a value is not finite
   */
  public static TwoStageLeastSquares of(
      double[] y, double[][] x, double[][] z, List<String> terms) {
    if (y.length != x.length || y.length != z.length || y.length == 0) {
      throw new IllegalArgumentException("y, x and z need the same, positive number of rows");
    }
    CompleteCases.requireRowWidths(x, terms.size());
    int q = z[0].length;
    CompleteCases.requireRowWidths(z, q);
    if (q < terms.size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%d instruments cannot identify %d coefficients", q, terms.size()));
    }
    for (int i = 0; i < y.length; i++) {
      boolean ok = Double.isFinite(y[i]);
      for (double v : x[i]) {
        ok &= Double.isFinite(v);
      }
      for (double v : z[i]) {
        ok &= Double.isFinite(v);
      }
      if (!ok) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "row %d has a missing or non-finite value", i + 1));
      }
    }
    return new TwoStageLeastSquares(
        y.clone(), Dense.copy(x), Dense.copy(z), List.copyOf(terms), null);
  }

  public TwoStageLeastSquares withClusters(String[] labels) {
    if (labels.length != y.length) {
      throw new IllegalArgumentException(
          "cluster labels length differs from the number of observations");
    }
    return new TwoStageLeastSquares(y, x, z, terms, labels.clone());
  }

  /**
   * @throws IllegalArgumentException with no more observations than coefficients, or fewer than 2
   *     clusters
   * @throws ArithmeticException when Z'Z or X^'X^ is singular (an instrument or regressor that is
   *     constant or collinear: the coefficients are not identified)
   */
  public IvFit fit() {
    int n = y.length;
    int p = terms.size();
    int q = z[0].length;
    if (n <= p) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d observations cannot estimate %d coefficients", n, p));
    }
    double[][] zz = new double[q][q];
    double[][] zx = new double[q][p];
    double[] zy = new double[q];
    for (int i = 0; i < n; i++) {
      double[] zi = z[i];
      for (int a = 0; a < q; a++) {
        zy[a] += zi[a] * y[i];
        for (int b = 0; b <= a; b++) {
          zz[a][b] += zi[a] * zi[b];
        }
        for (int b = 0; b < p; b++) {
          zx[a][b] += zi[a] * x[i][b];
        }
      }
    }
    Dense.mirrorLower(zz);
    double[][] pi = Dense.multiply(Dense.inverseSpd(zz), zx); // q x p first-stage coefficients
    double[][] xhx = Dense.symmetrise(Dense.multiply(Dense.transpose(pi), zx)); // X^'X^ = Pi'Z'X
    double[] xhy = Dense.multiply(Dense.transpose(pi), zy);
    double[][] bread = Dense.inverseSpd(xhx);
    double[] beta = Dense.multiply(bread, xhy);
    double[] e = new double[n];
    double[][] xh = new double[n][];
    for (int i = 0; i < n; i++) {
      e[i] = y[i] - Dense.dot(x[i], beta);
      double[] row = new double[p];
      for (int b = 0; b < p; b++) {
        for (int a = 0; a < q; a++) {
          row[b] += z[i][a] * pi[a][b];
        }
      }
      xh[i] = row;
    }
    double[][] vcov = null;
    Integer g = null;
    if (clusters != null) {
      Clusters cl = Clusters.of(clusters);
      g = cl.count();
      if (g < 2) {
        throw new IllegalArgumentException(
            "a cluster-robust variance needs at least 2 clusters (the data hold " + g + ")");
      }
      double adj = g / (g - 1.0) * (n - 1.0) / (n - p);
      vcov = Dense.scale(Dense.sandwich(bread, cl.scoreCrossProduct(xh, e)), adj);
    } else {
      double rss = Dense.dot(e, e);
      vcov = Dense.scale(bread, rss / (n - p));
    }
    return new IvFit(terms, beta, vcov, n, g);
  }
}
