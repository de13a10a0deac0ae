package org.odtrial.analysis.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a design matrix that R's rank check keeps, as {@code qr(X, tol = 1e-7)} (LINPACK
 * dqrdc2, limited pivoting) decides for {@code lm} and {@code lmer}: a column whose part orthogonal
 * to the kept columns before it is below 1e-7 of its own norm is aliased and dropped (lmer: "fixed-
 * effect model matrix is rank deficient so dropping k columns"); later columns are kept in order.
 */
public final class AliasedColumns {
  /** R's tolerance in {@code lm.fit} and lme4's {@code chkRank.drop.cols}. */
  public static final double TOLERANCE = 1e-7;

  private AliasedColumns() {}

  /** The indices of the kept columns, in order. */
  public static int[] kept(double[][] x) {
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    List<double[]> basis = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      double[] v = new double[n];
      double norm = 0;
      for (int i = 0; i < n; i++) {
        v[i] = x[i][j];
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      // Gram-Schmidt against the kept columns, twice (re-orthogonalisation keeps it accurate)
      for (int pass = 0; pass < 2; pass++) {
        for (double[] q : basis) {
          double d = 0;
          for (int i = 0; i < n; i++) {
            d += q[i] * v[i];
          }
          for (int i = 0; i < n; i++) {
            v[i] -= d * q[i];
          }
        }
      }
      double rest = 0;
      for (double vi : v) {
        rest += vi * vi;
      }
      rest = Math.sqrt(rest);
      if (norm > 0 && rest >= TOLERANCE * norm) {
        for (int i = 0; i < n; i++) {
          v[i] /= rest;
        }
        basis.add(v);
        kept.add(j);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }
}
