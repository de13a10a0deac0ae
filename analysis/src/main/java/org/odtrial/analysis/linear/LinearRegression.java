package org.odtrial.analysis.linear;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.analysis.internal.CompleteCases;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.robust.Cr2;
import org.odtrial.analysis.robust.WorkingModel;

/**
 * Ordinary least squares as {@code lm(y ~ x)} on complete cases (a row with a NaN response or
 * covariate is dropped), with the cluster-robust CR1 variance of {@code sandwich::vcovCL(fit,
 * cluster = ~cluster_id, type = "HC1")}: G/(G-1) * (n-1)/(n-k) * (X'X)^-1 [sum_g
 * (X_g'e_g)(X_g'e_g)'] (X'X)^-1, and the CR2 variance with Satterthwaite df of {@code
 * clubSandwich::coef_test(fit, vcov = "CR2", cluster = cl, test = "Satterthwaite")}. Immutable:
 * {@code of(...)} then {@code with...()}.
 */
public final class LinearRegression {
  private final double[] y;
  private final double[][] x;
  private final List<String> terms;
  private final String[] clusters;

  private LinearRegression(double[] y, double[][] x, List<String> terms, String[] clusters) {
    this.y = y;
    this.x = x;
    this.terms = terms;
    this.clusters = clusters;
  }

  /** y and design matrix x (intercept column included by the caller); NaN marks a missing value. */
  public static LinearRegression of(double[] y, double[][] x, List<String> terms) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("need as many design rows as responses");
    }
    CompleteCases.requireRowWidths(x, terms.size());
    return new LinearRegression(y.clone(), Dense.copy(x), List.copyOf(terms), null);
  }

  public LinearRegression withClusters(String[] labels) {
    if (labels.length != y.length) {
      throw new IllegalArgumentException(
          "cluster labels length differs from the number of observations");
    }
    return new LinearRegression(y, x, terms, labels.clone());
  }

  /**
   * @throws IllegalArgumentException with no more complete cases than coefficients
   * @throws ArithmeticException when the design is rank deficient
   */
  public LinearFit fit() {
    List<String> notes = new ArrayList<>();
    int p = terms.size();
    CompleteCases cases = CompleteCases.of(y, x, clusters, false, p, "coefficients");
    notes.addAll(cases.notes());
    double[] yc = cases.y();
    double[][] xc = cases.x();
    String[] cc = cases.clusters();
    int n = yc.length;
    double[][] xtx = new double[p][p];
    double[] xty = new double[p];
    for (int r = 0; r < n; r++) {
      double[] xi = xc[r];
      for (int j = 0; j < p; j++) {
        xty[j] += xi[j] * yc[r];
        for (int k = 0; k <= j; k++) {
          xtx[j][k] += xi[j] * xi[k];
        }
      }
    }
    Dense.mirrorLower(xtx);
    double[][] inv = Dense.inverseSpd(xtx);
    double[] beta = Dense.multiply(inv, xty);
    double[] e = new double[n];
    double rss = 0;
    for (int r = 0; r < n; r++) {
      e[r] = yc[r] - Dense.dot(xc[r], beta);
      rss += e[r] * e[r];
    }
    int df = n - p;
    double sigma2 = rss / df;
    double[][] vcov = Dense.scale(inv, sigma2);
    double[][] robust = null;
    Cr2 cr2 = null;
    Integer g = null;
    if (cc != null) {
      Clusters cl = Clusters.of(cc);
      g = cl.count();
      if (g < 2) {
        notes.add("fewer than 2 clusters: no cluster-robust variance");
      } else {
        double[][] meat = cl.scoreCrossProduct(xc, e);
        double adj = g / (g - 1.0) * (n - 1.0) / (n - p);
        robust = Dense.scale(Dense.sandwich(inv, meat), adj);
        cr2 = Cr2.of(WorkingModel.leastSquares(xc, e, cc, inv), terms, beta);
      }
    }
    return new LinearFit(
        terms,
        beta,
        Dense.sqrtDiagonal(vcov),
        vcov,
        robust == null ? null : Dense.sqrtDiagonal(robust),
        robust,
        Math.sqrt(sigma2),
        df,
        n,
        g,
        cr2,
        notes);
  }
}
