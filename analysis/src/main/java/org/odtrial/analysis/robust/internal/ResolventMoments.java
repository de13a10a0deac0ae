package org.odtrial.analysis.robust.internal;

/**
 * The sums over one cluster's rows that the CR2 quadrature needs at a node tau: A_q(tau) = sum_i
 * rho_i v_i^q z_i z_i' (q = 2, 1, 0, and -1, -2 when the adjustment has a null space) and B_q(tau)
 * = sum_i rho_i v_i^q z_i s_i (q = 1, and -1), with rho_i = 1/(v_i^2 + tau).
 *
 * <p>Near the spectrum of v^2 each node is a pass over the rows. Far from it rho has a geometric
 * series: 1/(v^2 + tau) = sum_k (-tau)^k v^(-2k-2) when tau <= v_min^2 / 10, and (1/tau) sum_k
 * (-v^2/tau)^k when tau >= 10 v_max^2, each term at most a tenth of the previous, so 17 terms are
 * exact to rounding. Their power sums are accumulated once (in powers of v/v_min or v/v_max, which
 * cannot overflow) and a far node then costs O(p^2), not O(n p^2): most nodes of the quadrature are
 * far ones. Rows are held as flat arrays of the distinct products z_r z_c (r >= c) and z_r s.
 */
final class ResolventMoments {
  static final int[] A_POWERS = {2, 1, 0, -1, -2};
  static final int[] B_POWERS = {1, -1};
  private static final double RATIO = 0.1;
  private static final int TERMS = 17;

  /** Power sums of exponents 0..SPAN (lower: (v/v_min)^-j; upper: (v/v_max)^(j-2)). */
  private static final int SPAN = 2 * TERMS + 2;

  private final int n;
  private final int p;
  private final int pp;
  private final int width;
  private final double[] v;
  private final double[] prod;
  private final int na;
  private final int nb;
  private final double vmin;
  private final double vmax;
  private double[] low;
  private double[] up;

  /**
   * a[k] = A_{A_POWERS[k]}, b[k] = B_{B_POWERS[k]}; only the first 3 and 1 without a null space.
   */
  record At(double[][][] a, double[][] b) {}

  ResolventMoments(double[][] z, double[] v, double[] s, boolean negativePowers) {
    this.n = z.length;
    this.p = z[0].length;
    this.pp = p * (p + 1) / 2;
    this.width = pp + p;
    this.v = v;
    this.na = negativePowers ? 5 : 3;
    this.nb = negativePowers ? 2 : 1;
    prod = new double[n * width];
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int i = 0; i < n; i++) {
      double[] zi = z[i];
      int o = i * width;
      for (int r = 0; r < p; r++) {
        for (int c = 0; c <= r; c++) {
          prod[o++] = zi[r] * zi[c];
        }
      }
      for (int r = 0; r < p; r++) {
        prod[o++] = zi[r] * s[i];
      }
      lo = Math.min(lo, v[i]);
      hi = Math.max(hi, v[i]);
    }
    vmin = lo;
    vmax = hi;
  }

  At at(double tau) {
    if (tau <= RATIO * vmin * vmin) {
      return lower(tau);
    }
    if (tau * RATIO >= vmax * vmax) {
      return upper(tau);
    }
    return pass(tau);
  }

  /** One pass over the rows. */
  private At pass(double tau) {
    double[] acc = p == 2 && na == 3 ? passTwoColumns(tau) : passRows(tau);
    int bOff = na * pp;
    double[][][] a = new double[na][][];
    double[][] b = new double[nb][];
    for (int k = 0; k < na; k++) {
      a[k] = unpack(acc, k * pp, 1);
    }
    for (int k = 0; k < nb; k++) {
      b[k] = new double[p];
      System.arraycopy(acc, bOff + k * p, b[k], 0, p);
    }
    return new At(a, b);
  }

  /**
   * {@link #passRows} for two columns (an intercept and the arm: every count model) without the
   * negative powers, its eleven sums held in variables instead of an array: the same products added
   * in the same order, so the same sums, faster.
   */
  double[] passTwoColumns(double tau) {
    double a00 = 0, a01 = 0, a02 = 0, a10 = 0, a11 = 0, a12 = 0, a20 = 0, a21 = 0, a22 = 0;
    double b0 = 0, b1 = 0;
    for (int i = 0; i < n; i++) {
      double vi = v[i];
      double rho = 1 / (vi * vi + tau);
      double w0 = rho * vi * vi;
      double w1 = rho * vi;
      double w2 = rho;
      int o = i * width;
      double p0 = prod[o];
      double p1 = prod[o + 1];
      double p2 = prod[o + 2];
      a00 += w0 * p0;
      a01 += w0 * p1;
      a02 += w0 * p2;
      a10 += w1 * p0;
      a11 += w1 * p1;
      a12 += w1 * p2;
      a20 += w2 * p0;
      a21 += w2 * p1;
      a22 += w2 * p2;
      b0 += w1 * prod[o + 3];
      b1 += w1 * prod[o + 4];
    }
    return new double[] {a00, a01, a02, a10, a11, a12, a20, a21, a22, b0, b1};
  }

  /** The sums A_q (packed) then B_q of {@link #pass}, row by row. */
  double[] passRows(double tau) {
    double[] acc = new double[na * pp + nb * p];
    double[] w = new double[na];
    int bOff = na * pp;
    for (int i = 0; i < n; i++) {
      double vi = v[i];
      double rho = 1 / (vi * vi + tau);
      w[0] = rho * vi * vi;
      w[1] = rho * vi;
      w[2] = rho;
      if (na > 3) {
        w[3] = rho / vi;
        w[4] = w[3] / vi;
      }
      int o = i * width;
      for (int k = 0; k < na; k++) {
        double wk = w[k];
        int ak = k * pp;
        for (int t = 0; t < pp; t++) {
          acc[ak + t] += wk * prod[o + t];
        }
      }
      for (int k = 0; k < nb; k++) {
        double wk = w[k == 0 ? 1 : 3];
        int bk = bOff + k * p;
        for (int r = 0; r < p; r++) {
          acc[bk + r] += wk * prod[o + pp + r];
        }
      }
    }
    return acc;
  }

  /** Power sums sum_i f(v_i)^j (products of row i), j = 0..SPAN, f = the given ratio per row. */
  private double[] powerSums(boolean lower) {
    double[] sums = new double[(SPAN + 1) * width];
    for (int i = 0; i < n; i++) {
      double u = lower ? vmin / v[i] : v[i] / vmax;
      double f = lower ? 1 : 1 / (u * u);
      int o = i * width;
      for (int j = 0; j <= SPAN; j++) {
        int sj = j * width;
        for (int t = 0; t < width; t++) {
          sums[sj + t] += f * prod[o + t];
        }
        f *= u;
      }
    }
    return sums;
  }

  /** tau <= v_min^2/10: A_q = v_min^(q-2) sum_k (-tau/v_min^2)^k L_{q-2-2k}, L_e at j = -e. */
  private At lower(double tau) {
    if (low == null) {
      low = powerSums(true);
    }
    double x = -tau / (vmin * vmin);
    double[][][] a = new double[na][][];
    double[][] b = new double[nb][];
    for (int k = 0; k < na; k++) {
      int q = A_POWERS[k];
      a[k] = unpack(series(low, x, 2 - q, 0, pp), 0, Math.pow(vmin, q - 2));
    }
    for (int k = 0; k < nb; k++) {
      int q = B_POWERS[k];
      b[k] = scale(series(low, x, 2 - q, pp, p), Math.pow(vmin, q - 2));
    }
    return new At(a, b);
  }

  /** tau >= 10 v_max^2: A_q = (v_max^q / tau) sum_k (-v_max^2/tau)^k U_{q+2k}, U_e at j = e + 2. */
  private At upper(double tau) {
    if (up == null) {
      up = powerSums(false);
    }
    double x = -vmax * vmax / tau;
    double[][][] a = new double[na][][];
    double[][] b = new double[nb][];
    for (int k = 0; k < na; k++) {
      int q = A_POWERS[k];
      a[k] = unpack(series(up, x, q + 2, 0, pp), 0, Math.pow(vmax, q) / tau);
    }
    for (int k = 0; k < nb; k++) {
      int q = B_POWERS[k];
      b[k] = scale(series(up, x, q + 2, pp, p), Math.pow(vmax, q) / tau);
    }
    return new At(a, b);
  }

  /** sum_{k < TERMS} x^k sums[j = first + 2k][from .. from + len), by Horner's rule. */
  private double[] series(double[] sums, double x, int first, int from, int len) {
    double[] acc = new double[len];
    for (int k = TERMS - 1; k >= 0; k--) {
      int o = (first + 2 * k) * width + from;
      for (int t = 0; t < len; t++) {
        acc[t] = acc[t] * x + sums[o + t];
      }
    }
    return acc;
  }

  /** The symmetric p x p matrix of packed lower-triangle entries flat[off..], times f. */
  private double[][] unpack(double[] flat, int off, double f) {
    double[][] m = new double[p][p];
    int o = off;
    for (int r = 0; r < p; r++) {
      for (int c = 0; c <= r; c++) {
        m[r][c] = flat[o] * f;
        m[c][r] = m[r][c];
        o++;
      }
    }
    return m;
  }

  private static double[] scale(double[] a, double f) {
    for (int c = 0; c < a.length; c++) {
      a[c] *= f;
    }
    return a;
  }
}
