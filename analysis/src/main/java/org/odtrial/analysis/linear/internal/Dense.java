package org.odtrial.analysis.linear.internal;

import java.util.Locale;

/**
 * Small dense symmetric-matrix arithmetic for p x p cross-product matrices (p is the number of
 * model terms, a handful). Cholesky is enough: every matrix here is a positive definite X'WX.
 */
public final class Dense {
  private Dense() {}

  /**
   * Inverse of a symmetric positive definite matrix via Cholesky; throws if not positive definite.
   */
  public static double[][] inverseSpd(double[][] a) {
    int p = a.length;
    double[][] l = cholesky(a);
    // invert L (lower triangular), then A^-1 = L^-T L^-1
    double[][] li = new double[p][p];
    for (int j = 0; j < p; j++) {
      li[j][j] = 1.0 / l[j][j];
      for (int i = j + 1; i < p; i++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * li[k][j];
        }
        li[i][j] = s / l[i][i];
      }
    }
    double[][] inv = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < p; k++) {
          s += li[k][i] * li[k][j];
        }
        inv[i][j] = s;
        inv[j][i] = s;
      }
    }
    return inv;
  }

  /** Lower Cholesky factor; {@link ArithmeticException} if the matrix is not positive definite. */
  public static double[][] cholesky(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    int j = choleskyInto(a, l);
    if (j < p) {
      throw new ArithmeticException(
          String.format(
              Locale.ROOT,
              "design matrix is rank deficient (column %d is collinear with earlier columns)",
              j + 1));
    }
    return l;
  }

  /**
   * The lower Cholesky factor of a written into the lower triangle of l (diagonal included; the
   * upper triangle is neither read nor written, so l may be reused): the number of columns
   * factored, a.length when a is (numerically) positive definite, else the first column that
   * failed.
   */
  public static int choleskyInto(double[][] a, double[][] l) {
    int p = a.length;
    for (int j = 0; j < p; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      // relative pivot test: a column that is (nearly) a combination of earlier ones
      if (!(d > 1e-12 * Math.abs(a[j][j])) || !Double.isFinite(d)) {
        return j;
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < p; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return p;
  }

  /** log det of a symmetric positive definite matrix. */
  public static double logDetSpd(double[][] a) {
    double[][] l = cholesky(a);
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += Math.log(l[i][i]);
    }
    return 2 * s;
  }

  public static double[] multiply(double[][] a, double[] v) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        s += a[i][j] * v[j];
      }
      r[i] = s;
    }
    return r;
  }

  public static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    int k = b.length;
    double[][] r = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int t = 0; t < k; t++) {
          s += a[i][t] * b[t][j];
        }
        r[i][j] = s;
      }
    }
    return r;
  }

  /** a * m * a for symmetric a: the sandwich bread-meat-bread product. */
  public static double[][] sandwich(double[][] bread, double[][] meat) {
    return multiply(multiply(bread, meat), bread);
  }

  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  public static double[] sqrtDiagonal(double[][] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Math.sqrt(a[i][i]);
    }
    return r;
  }

  public static double[][] scale(double[][] a, double f) {
    double[][] r = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        r[i][j] = a[i][j] * f;
      }
    }
    return r;
  }

  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[0].length; c++) {
        t[c][r] = a[r][c];
      }
    }
    return t;
  }

  /** a + f b for matrices of the same shape. */
  public static double[][] addScaled(double[][] a, double f, double[][] b) {
    double[][] r = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      r[i] = new double[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        r[i][j] = a[i][j] + f * b[i][j];
      }
    }
    return r;
  }

  /** tr(a b) for square a and b of the same size. */
  public static double traceOfProduct(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        s += a[i][k] * b[k][i];
      }
    }
    return s;
  }

  /** Makes a numerically symmetric matrix exactly symmetric (averages a_ij and a_ji); returns a. */
  public static double[][] symmetrise(double[][] a) {
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < r; c++) {
        double m = 0.5 * (a[r][c] + a[c][r]);
        a[r][c] = m;
        a[c][r] = m;
      }
    }
    return a;
  }

  /** Copies the lower triangle (accumulated alone) to the upper one; returns a. */
  public static double[][] mirrorLower(double[][] a) {
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < r; c++) {
        a[c][r] = a[r][c];
      }
    }
    return a;
  }

  /** The rows and columns of {@code a} at these indices, in this order. */
  public static double[][] submatrix(double[][] a, int[] rows, int[] cols) {
    double[][] out = new double[rows.length][cols.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < cols.length; j++) {
        out[i][j] = a[rows[i]][cols[j]];
      }
    }
    return out;
  }

  /** Solves L x = b for x, L lower triangular (a Cholesky factor). */
  public static double[] forwardSolve(double[][] l, double[] b) {
    int p = l.length;
    double[] x = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** Solves L' x = u for x (x = L^-T u), L lower triangular. */
  public static double[] backSolveTransposed(double[][] l, double[] u) {
    int p = l.length;
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = u[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
