package org.odtrial.analysis.survival.internal;

import java.util.Arrays;

/**
 * LDL' decomposition of a symmetric information matrix with survival's singularity rule ({@code
 * cholesky2}): a pivot below {@code toler} times the largest diagonal element marks the variable as
 * aliased, and it is left out of solves and of the inverse (its rows and columns are 0).
 */
public final class Cholesky {

  private final int p;

  /** Lower triangle holds L (unit diagonal implied), diagonal holds D; row-major p x p. */
  private final double[] m;

  private final boolean[] singular;
  private final int rank;

  /** Decomposes {@code a} (row-major p x p, only the lower triangle is read). */
  public Cholesky(double[] a, int p, double toler) {
    this.p = p;
    this.m = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        m[i * p + j] = a[i * p + j];
      }
    }
    this.singular = new boolean[p];
    double eps = 0;
    for (int i = 0; i < p; i++) {
      eps = Math.max(eps, m[i * p + i]);
    }
    eps = eps == 0 ? toler : eps * toler;
    int r = 0;
    for (int i = 0; i < p; i++) {
      double pivot = m[i * p + i];
      if (!Double.isFinite(pivot) || pivot < eps) {
        m[i * p + i] = 0;
        singular[i] = true;
        // Dropping the column: later rows must not be eliminated against it.
        for (int j = i + 1; j < p; j++) {
          m[j * p + i] = 0;
        }
        continue;
      }
      r++;
      for (int j = i + 1; j < p; j++) {
        double t = m[j * p + i] / pivot;
        m[j * p + i] = t;
        m[j * p + j] -= t * t * pivot;
        for (int k = j + 1; k < p; k++) {
          m[k * p + j] -= t * m[k * p + i];
        }
      }
    }
    this.rank = r;
  }

  public int rank() {
    return rank;
  }

  public boolean singular(int i) {
    return singular[i];
  }

  /** Solves A y = b for the non-aliased variables; aliased entries of the result are 0. */
  public double[] solve(double[] b) {
    double[] y = b.clone();
    for (int i = 0; i < p; i++) {
      double t = y[i];
      for (int j = 0; j < i; j++) {
        t -= y[j] * m[i * p + j];
      }
      y[i] = t;
    }
    for (int i = p - 1; i >= 0; i--) {
      if (singular[i]) {
        y[i] = 0;
        continue;
      }
      double t = y[i] / m[i * p + i];
      for (int j = i + 1; j < p; j++) {
        t -= y[j] * m[j * p + i];
      }
      y[i] = t;
    }
    for (int i = 0; i < p; i++) {
      if (singular[i]) {
        y[i] = 0;
      }
    }
    return y;
  }

  /** Generalised inverse: inverse over the non-aliased variables, 0 in aliased rows and columns. */
  public double[] inverse() {
    double[] inv = new double[p * p];
    double[] e = new double[p];
    for (int c = 0; c < p; c++) {
      if (singular[c]) {
        continue;
      }
      Arrays.fill(e, 0);
      e[c] = 1;
      double[] col = solve(e);
      for (int r = 0; r < p; r++) {
        inv[r * p + c] = col[r];
      }
    }
    // Symmetrise to remove rounding asymmetry.
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < i; j++) {
        double v = 0.5 * (inv[i * p + j] + inv[j * p + i]);
        inv[i * p + j] = v;
        inv[j * p + i] = v;
      }
    }
    return inv;
  }
}
