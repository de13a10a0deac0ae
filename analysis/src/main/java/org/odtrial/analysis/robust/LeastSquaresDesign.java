package org.odtrial.analysis.robust;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Ordinary least squares of several responses on one complete design, each with its CR2 variance:
 * for each response exactly (bit for bit) the coefficients and {@code cr2()} of {@code
 * LinearRegression.of(y, x, terms).withClusters(clusters).fit()}, the same arithmetic in the same
 * order, with X'X, its inverse and the clusters' CR2 adjustments ({@link Cr2.Design}) computed once
 * for all the responses instead of once each. The imputation rows fit, in each imputed data set,
 * every month's score and its tipping-point shift indicator on one design.
 */
public final class LeastSquaresDesign {
  private final double[][] x;
  private final double[][] inverse;
  private final Cr2.Design cr2;
  private final List<String> terms;

  /** The coefficients of one response and their CR2 variance. */
  public record Fit(double[] coefficients, Cr2 cr2) {
    public Fit {
      coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
      return coefficients.clone();
    }
  }

  private LeastSquaresDesign(double[][] x, double[][] inverse, Cr2.Design cr2, List<String> terms) {
    this.x = x;
    this.inverse = inverse;
    this.cr2 = cr2;
    this.terms = terms;
  }

  /**
   * @param x design rows (intercept column included by the caller), none missing
   * @param clusters each row's cluster
   * @param terms names of the columns
   * @throws IllegalArgumentException with a missing value, no more rows than columns or fewer than
   *     2 clusters
   * @throws ArithmeticException when the design is rank deficient
   */
  public static LeastSquaresDesign of(double[][] x, String[] clusters, List<String> terms) {
    double[][] copy = checked(x, terms.size());
    double[][] inverse = inverse(copy);
    return new LeastSquaresDesign(
        copy, inverse, Cr2.Design.leastSquares(copy, clusters, inverse, terms), List.copyOf(terms));
  }

  /** Another design on the same rows and clusters (the cluster labels are not read again). */
  public LeastSquaresDesign with(double[][] x) {
    if (x.length != this.x.length) {
      throw new IllegalArgumentException("the new design has another number of rows");
    }
    double[][] copy = checked(x, terms.size());
    double[][] inverse = inverse(copy);
    return new LeastSquaresDesign(copy, inverse, cr2.withLeastSquares(copy, inverse), terms);
  }

  /**
   * The fit of response y on this design.
   *
   * @throws IllegalArgumentException when y has another length or a missing value
   */
  public Fit fit(double[] y) {
    int n = x.length;
    int p = terms.size();
    if (y.length != n) {
      throw new IllegalArgumentException("need as many responses as design rows");
    }
    double[] xty = new double[p];
    for (int r = 0; r < n; r++) {
      if (Double.isNaN(y[r])) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "response %d is missing", r + 1));
      }
      double[] xi = x[r];
      for (int j = 0; j < p; j++) {
        xty[j] += xi[j] * y[r];
      }
    }
    double[] beta = Dense.multiply(inverse, xty);
    double[] e = new double[n];
    for (int r = 0; r < n; r++) {
      e[r] = y[r] - Dense.dot(x[r], beta);
    }
    return new Fit(beta, cr2.of(e, beta));
  }

  private static double[][] checked(double[][] x, int p) {
    int n = x.length;
    if (n <= p) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d rows cannot estimate %d coefficients", n, p));
    }
    double[][] copy = new double[n][];
    for (int r = 0; r < n; r++) {
      if (x[r].length != p) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "design row %d has %d columns, expected %d", r + 1, x[r].length, p));
      }
      for (double v : x[r]) {
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "design row %d has a missing value", r + 1));
        }
      }
      copy[r] = x[r].clone();
    }
    return copy;
  }

  /** (X'X)^-1, X'X accumulated as LinearRegression does (lower triangle, row by row). */
  private static double[][] inverse(double[][] x) {
    int p = x[0].length;
    double[][] xtx = new double[p][p];
    for (double[] xi : x) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          xtx[j][k] += xi[j] * xi[k];
        }
      }
    }
    Dense.mirrorLower(xtx);
    return Dense.inverseSpd(xtx);
  }
}
