package org.odtrial.analysis.robust.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * One cluster's share of the CR2 variance and of its Satterthwaite degrees of freedom, without
 * forming any n_j x n_j matrix.
 *
 * <p>In whitened form (z_i = x~_i / sqrt(v_i), the IRLS-weighted design row) the adjustment of
 * cluster j is A_j = D_s G^{+1/2} D_s with D_s = diag(sqrt v), G = D_v (I - Z M Z') D_v, D_v =
 * diag(v), M = (sum over all clusters Z'Z)^-1 and G^{+1/2} the generalised inverse square root
 * (clubSandwich's B_j for an inverse-variance working model). Everything CR2 needs from the cluster
 * is Z' G^{+1/2} [D_s e, D_v Z] (a p x (p+1) matrix) and the null space of G.
 *
 * <p>The non-unit eigenvalues of I - Z M Z' are the eigenvalues eps_k of L^-1 S L^-T, where S is
 * the information of the other clusters and LL' the total information: computed from S, which is a
 * sum and not a difference, they carry no cancellation. Directions with eps_k <= 1e-12 are the null
 * space of G (the cluster alone identifies that combination of coefficients, e.g. the only cluster
 * of an arm): G^{+1/2} is 0 there, as a generalised inverse.
 *
 * <p>When v is constant in the cluster G^{+1/2} has a closed form. Otherwise G^{-1/2} = (1/pi)
 * int_0^inf tau^-1/2 (G + tau I)^-1 d tau, (G + tau I)^-1 by the Woodbury identity (G is a diagonal
 * matrix minus a rank-p matrix), integrated by the trapezoidal rule in log tau: the integrand is
 * analytic in a strip of half-width pi and decays exponentially at both ends, so the rule converges
 * geometrically (step 0.5: error below 1e-15 relative). The null space is handled by integrating G
 * + c QQ' (Q an orthonormal basis of it, c = max v^2) and removing c^-1/2 QQ'.
 */
public final class ClusterAdjustment {
  /** Eigenvalues of I - H_jj at or below this are a null direction (clubSandwich: 1e-12). */
  public static final double NULL_TOLERANCE = 1e-12;

  private static final double STEP = 0.5;
  private static final double BELOW = 72;
  private static final double ABOVE = 26;

  /**
   * @param score Z'G^{+1/2} D_s e: the cluster's adjusted score (its outer product is the meat)
   * @param jacobian Z'G^{+1/2} D_v Z
   * @param gram Z'G^{+1/2} D_v^2 G^{+1/2} Z
   * @param nullDirections dimension of the null space of the adjustment (0 unless singular)
   */
  public record Pieces(double[] score, double[][] jacobian, double[][] gram, int nullDirections) {}

  private ClusterAdjustment() {}

  /**
   * @param z whitened design rows of the cluster
   * @param v working variances of the cluster's observations
   * @param sr sqrt(v) times the response residuals
   * @param others information of all other clusters, sum of their Z'Z
   * @param cholInfo lower Cholesky factor of the total information
   * @param mU the inverse of the total information
   */
  public static Pieces of(
      double[][] z,
      double[] v,
      double[] sr,
      double[][] others,
      double[][] cholInfo,
      double[][] mU) {
    return design(z, v, others, cholInfo, mU).pieces(sr);
  }

  /**
   * What the cluster's adjustment depends on besides the residuals: with v constant (least squares)
   * the Jacobian and Gram are computed here once, and each response's score then costs O(n_j p +
   * p^2); otherwise each response runs the quadrature.
   */
  public static Design design(
      double[][] z, double[] v, double[][] others, double[][] cholInfo, double[][] mU) {
    int p = mU.length;
    // eps_k and b_k = L^-T u_k: I - H_jj = I - Z M Z' has eigenvalue eps_k on Z b_k
    double[][] e = congruence(cholInfo, others);
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(e));
    double[] eps = new double[p];
    double[][] b = new double[p][];
    int nulls = 0;
    for (int k = 0; k < p; k++) {
      eps[k] = eig.getRealEigenvalue(k);
      b[k] = Dense.backSolveTransposed(cholInfo, eig.getEigenvector(k).toArray());
      nulls += eps[k] <= NULL_TOLERANCE ? 1 : 0;
    }
    double[][] k0 = moment(z, v, 0, null);
    boolean constant = true;
    for (double vi : v) {
      constant &= vi == v[0];
    }
    return new Design(z, v, others, mU, eps, b, nulls, k0, constant);
  }

  /** One cluster's adjustment for any response on its design ({@link #design}). */
  public static final class Design {
    private final double[][] z;
    private final double[] v;
    private final double[][] others;
    private final double[][] mU;
    private final double[] eps;
    private final double[][] b;
    private final int nulls;
    private final double[][] k0;
    private final boolean constant;
    // constant v: the weights and K0 b_k of the closed form, and the Jacobian and Gram
    private final double[] w;
    private final double[][] kb;
    private final double[][] jac;
    private final double[][] gram;

    private Design(
        double[][] z,
        double[] v,
        double[][] others,
        double[][] mU,
        double[] eps,
        double[][] b,
        int nulls,
        double[][] k0,
        boolean constant) {
      this.z = z;
      this.v = v;
      this.others = others;
      this.mU = mU;
      this.eps = eps;
      this.b = b;
      this.nulls = nulls;
      this.k0 = k0;
      this.constant = constant;
      if (constant) {
        int p = k0.length;
        w = new double[p];
        kb = new double[p][];
        jac = new double[p][p];
        for (int r = 0; r < p; r++) {
          System.arraycopy(k0[r], 0, jac[r], 0, p);
        }
        for (int k = 0; k < p; k++) {
          w[k] = closedFormWeight(eps[k]);
          kb[k] = Dense.multiply(k0, b[k]);
          for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
              jac[r][c] += w[k] * kb[k][r] * kb[k][c];
            }
          }
        }
        gram = gram(jac);
      } else {
        w = null;
        kb = null;
        jac = null;
        gram = null;
      }
    }

    /** The cluster's pieces for the response whose scaled residuals are sr. */
    public Pieces pieces(double[] sr) {
      int p = k0.length;
      if (constant) {
        return new Pieces(closedFormScore(sr), jac, gram, nulls);
      }
      double[][] zgw = quadrature(z, v, sr, others, eps, b, nulls);
      double[] score = new double[p];
      double[][] j = new double[p][p];
      for (int r = 0; r < p; r++) {
        score[r] = zgw[r][0];
        for (int c = 0; c < p; c++) {
          j[r][c] = zgw[r][c + 1];
        }
      }
      return new Pieces(score, j, gram(j), nulls);
    }

    /**
     * Gram = Z'(I - P_null) Z + J M J', since G^{+1/2} D_v^2 G^{+1/2} = I - P_null + G^{+1/2} Y M
     * Y' G^{+1/2} with D_v^2 = G + Y M Y', Y = D_v Z.
     */
    private double[][] gram(double[][] j) {
      int p = k0.length;
      double[][] g = Dense.multiply(Dense.multiply(j, mU), Dense.transpose(j));
      double[][] zq = nullBasisProjection(z, v, k0, eps, b, constant);
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < p; c++) {
          g[r][c] += k0[r][c] - zq[r][c];
        }
      }
      return Dense.symmetrise(g);
    }

    /**
     * Z'G^{+1/2} sr when v is the constant v0: G^{+1/2} = (I - ZMZ')^{+1/2} / v0, so Z'G^{+1/2} sr
     * = (zs + sum_k w_k K0 b_k (b_k'zs)) / v0 with zs = Z'sr.
     */
    private double[] closedFormScore(double[] sr) {
      int p = k0.length;
      double v0 = v[0];
      double[] zs = crossVector(z, sr, null);
      double[] out = new double[p];
      for (int r = 0; r < p; r++) {
        out[r] = zs[r] / v0;
      }
      for (int k = 0; k < p; k++) {
        double bzs = Dense.dot(b[k], zs);
        for (int r = 0; r < p; r++) {
          out[r] += w[k] * kb[k][r] * bzs / v0;
        }
      }
      return out;
    }
  }

  /**
   * (phi_k - 1) / (1 - eps_k), phi = eps^-1/2 (0 on a null direction); a series near eps = 1: the
   * weight of direction k in the closed form (I - ZMZ')^{+1/2} = I + sum_k w_k Z b_k b_k' Z'.
   */
  private static double closedFormWeight(double eps) {
    double d = 1 - eps;
    if (eps <= NULL_TOLERANCE) {
      return -1 / d;
    } else if (d > 1e-6) {
      return (1 / Math.sqrt(eps) - 1) / d;
    }
    return 0.5 + 0.375 * d + 0.3125 * d * d;
  }

  /** Z'G^{+1/2}[sr, D_v Z] by quadrature of the Woodbury resolvent (see the class comment). */
  private static double[][] quadrature(
      double[][] z,
      double[] v,
      double[] sr,
      double[][] others,
      double[] eps,
      double[][] b,
      int nulls) {
    int p = others.length;
    int m = nulls;
    double minV2 = Double.POSITIVE_INFINITY;
    double maxV2 = 0;
    for (double vi : v) {
      minV2 = Math.min(minV2, vi * vi);
      maxV2 = Math.max(maxV2, vi * vi);
    }
    double smallest = 1;
    for (double ek : eps) {
      if (ek > NULL_TOLERANCE) {
        smallest = Math.min(smallest, ek);
      }
    }
    // G's non-zero eigenvalues lie in [min v^2 * smallest eps, max v^2]
    double lo = Math.log(minV2 * smallest) - BELOW;
    double hi = Math.log(maxV2) + ABOVE;
    double aug = maxV2;
    double[][] n = nullCoordinates(z, v, eps, b, m);
    double[][] base = new double[p][p + 1];
    double[] pm1 = crossVector(z, sr, invert(v));
    double[][] k0 = moment(z, v, 0, null);
    for (int r = 0; r < p; r++) {
      base[r][0] = pm1[r];
      System.arraycopy(k0[r], 0, base[r], 1, p);
    }
    double[][] sum = new double[p][p + 1];
    ResolventMoments moments = new ResolventMoments(z, v, sr, m > 0);
    int nodes = (int) Math.ceil((hi - lo) / STEP);
    double h = (hi - lo) / nodes;
    for (int i = 0; i <= nodes; i++) {
      double t = lo + i * h;
      double tau = Math.exp(t);
      double weight = (i == 0 || i == nodes ? 0.5 : 1) * h * Math.exp(t / 2);
      double[][] corr = correction(moments, others, n, aug, tau);
      for (int r = 0; r < p; r++) {
        for (int c = 0; c <= p; c++) {
          sum[r][c] += weight * corr[r][c];
        }
      }
    }
    double[][] out = new double[p][p + 1];
    for (int r = 0; r < p; r++) {
      for (int c = 0; c <= p; c++) {
        out[r][c] = base[r][c] + sum[r][c] / Math.PI;
      }
    }
    if (m > 0) {
      // remove aug^-1/2 Z'QQ'[sr, D_v Z], Q = D_v^-1 Z N
      double[][] zq = Dense.multiply(moment(z, v, -1, null), n);
      double[] qs = multiplyTransposed(n, pm1);
      double[][] qz = Dense.multiply(Dense.transpose(n), k0);
      double f = 1 / Math.sqrt(aug);
      for (int r = 0; r < p; r++) {
        for (int k = 0; k < m; k++) {
          out[r][0] -= f * zq[r][k] * qs[k];
          for (int c = 0; c < p; c++) {
            out[r][c + 1] -= f * zq[r][k] * qz[k][c];
          }
        }
      }
    }
    return out;
  }

  /**
   * Z'(G~ + tau)^-1 [sr, D_v Z] - Z' Lambda_tau^-1 [sr, D_v Z], Lambda = D_v^2, G~ = Lambda - Y~ C
   * Y~', Y~ = [D_v Z, Q], C = diag(M, -aug I): by Woodbury, (Z'Lambda_tau^-1 Y~) S^-1 (Y~'
   * Lambda_tau^-1 [sr, D_v Z]) with S = C^-1 - Y~'Lambda_tau^-1 Y~, whose top-left block M^-1 -
   * Z'D_v Lambda_tau^-1 D_v Z is summed as (other clusters) + sum tau/(v^2 + tau) z z'.
   */
  private static double[][] correction(
      ResolventMoments moments, double[][] others, double[][] n, double aug, double tau) {
    int p = others.length;
    int m = n == null ? 0 : n[0].length;
    ResolventMoments.At at = moments.at(tau);
    double[][] a2 = at.a()[0];
    double[][] a1 = at.a()[1];
    double[][] a0 = at.a()[2];
    double[][] am1 = m > 0 ? at.a()[3] : null;
    double[][] am2 = m > 0 ? at.a()[4] : null;
    double[] s1 = at.b()[0];
    double[] sm1 = m > 0 ? at.b()[1] : null;
    double[][] st = Dense.scale(a0, tau);
    int q = p + m;
    double[][] s = new double[q][q];
    double[][] left = new double[p][q];
    double[][] right = new double[q][p + 1];
    for (int r = 0; r < p; r++) {
      for (int c = 0; c < p; c++) {
        s[r][c] = others[r][c] + st[r][c];
        left[r][c] = a1[r][c];
        right[r][c + 1] = a2[r][c];
      }
      right[r][0] = s1[r];
    }
    if (m > 0) {
      double[][] a0n = Dense.multiply(a0, n);
      double[][] am1n = Dense.multiply(am1, n);
      double[][] nam2n = Dense.multiply(Dense.transpose(n), Dense.multiply(am2, n));
      double[] nsm1 = multiplyTransposed(n, sm1);
      double[][] na0 = Dense.multiply(Dense.transpose(n), a0);
      for (int r = 0; r < p; r++) {
        for (int k = 0; k < m; k++) {
          s[r][p + k] = -a0n[r][k];
          s[p + k][r] = -a0n[r][k];
          left[r][p + k] = am1n[r][k];
        }
      }
      for (int k = 0; k < m; k++) {
        for (int l = 0; l < m; l++) {
          s[p + k][p + l] = -nam2n[k][l] - (k == l ? 1 / aug : 0);
        }
        right[p + k][0] = nsm1[k];
        for (int c = 0; c < p; c++) {
          right[p + k][c + 1] = na0[k][c];
        }
      }
    }
    double[][] solved =
        new LUDecomposition(new Array2DRowRealMatrix(s))
            .getSolver()
            .solve(new Array2DRowRealMatrix(right))
            .getData();
    return Dense.multiply(left, solved);
  }

  /**
   * N (p x m) with Q = D_v^-1 Z N orthonormal spanning G's null space: the null directions b_k
   * scaled by Gamma^-1/2, Gamma = B' (sum z z'/v^2) B. Null when there are none.
   */
  private static double[][] nullCoordinates(
      double[][] z, double[] v, double[] eps, double[][] b, int m) {
    if (m == 0) {
      return null;
    }
    int p = eps.length;
    double[][] bn = new double[p][m];
    int k = 0;
    for (int j = 0; j < p; j++) {
      if (eps[j] <= NULL_TOLERANCE) {
        for (int r = 0; r < p; r++) {
          bn[r][k] = b[j][r];
        }
        k++;
      }
    }
    double[][] gamma =
        Dense.multiply(Dense.transpose(bn), Dense.multiply(moment(z, v, -2, null), bn));
    return Dense.multiply(bn, inverseSqrt(Dense.symmetrise(gamma)));
  }

  /** Z'QQ'Z for the null basis Q (zero matrix when the adjustment is not singular). */
  private static double[][] nullBasisProjection(
      double[][] z, double[] v, double[][] k0, double[] eps, double[][] b, boolean constant) {
    int p = k0.length;
    int m = 0;
    for (double ek : eps) {
      m += ek <= NULL_TOLERANCE ? 1 : 0;
    }
    if (m == 0) {
      return new double[p][p];
    }
    double[][] n = nullCoordinates(z, v, eps, b, m);
    double[][] zq =
        Dense.multiply(constant ? Dense.scale(k0, 1 / v[0]) : moment(z, v, -1, null), n);
    return Dense.multiply(zq, Dense.transpose(zq));
  }

  /** sum_i v_i^power z_i z_i' (times w_i when given). */
  static double[][] moment(double[][] z, double[] v, int power, double[] w) {
    int p = z[0].length;
    double[][] a = new double[p][p];
    for (int i = 0; i < z.length; i++) {
      double f = Math.pow(v[i], power) * (w == null ? 1 : w[i]);
      double[] zi = z[i];
      for (int r = 0; r < p; r++) {
        double zr = zi[r] * f;
        for (int c = 0; c <= r; c++) {
          a[r][c] += zr * zi[c];
        }
      }
    }
    return Dense.mirrorLower(a);
  }

  /** sum_i f_i z_i s_i (f = 1 when null). */
  private static double[] crossVector(double[][] z, double[] s, double[] f) {
    int p = z[0].length;
    double[] out = new double[p];
    for (int i = 0; i < z.length; i++) {
      double w = s[i] * (f == null ? 1 : f[i]);
      for (int r = 0; r < p; r++) {
        out[r] += z[i][r] * w;
      }
    }
    return out;
  }

  private static double[] invert(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = 1 / v[i];
    }
    return out;
  }

  /** L^-1 S L^-T for lower triangular L and symmetric S. */
  static double[][] congruence(double[][] l, double[][] s) {
    int p = l.length;
    double[][] x = new double[p][p];
    for (int c = 0; c < p; c++) {
      double[] col = new double[p];
      for (int r = 0; r < p; r++) {
        col[r] = s[r][c];
      }
      double[] y = Dense.forwardSolve(l, col);
      for (int r = 0; r < p; r++) {
        x[r][c] = y[r];
      }
    }
    // (L^-1 S) L^-T = (L^-1 (L^-1 S)')'
    double[][] out = new double[p][p];
    for (int r = 0; r < p; r++) {
      double[] y = Dense.forwardSolve(l, x[r]);
      for (int c = 0; c < p; c++) {
        out[c][r] = y[c];
      }
    }
    return Dense.symmetrise(out);
  }

  private static double[][] inverseSqrt(double[][] a) {
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(a));
    int m = a.length;
    double[][] out = new double[m][m];
    for (int k = 0; k < m; k++) {
      double f = 1 / Math.sqrt(eig.getRealEigenvalue(k));
      double[] u = eig.getEigenvector(k).toArray();
      for (int r = 0; r < m; r++) {
        for (int c = 0; c < m; c++) {
          out[r][c] += f * u[r] * u[c];
        }
      }
    }
    return out;
  }

  private static double[] multiplyTransposed(double[][] a, double[] x) {
    double[] out = new double[a[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += a[r][c] * x[r];
      }
    }
    return out;
  }
}
