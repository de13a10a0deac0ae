package org.odtrial.analysis.mixed.internal;

import org.odtrial.analysis.linear.internal.Dense;

/**
 * The REML criterion of a random-intercept model y = X beta + b_cluster + e, b ~ N(0, sigma^2
 * theta^2), e ~ N(0, sigma^2), as a function of theta = sigma_b / sigma, from per-cluster sums
 * only: with V_g = I + theta^2 J, V_g^-1 = I - c_g J, c_g = theta^2 / (1 + n_g theta^2), so X'V^-1X
 * = X'X - sum_g c_g s_g s_g' (s_g = column sums of X_g), and likewise X'V^-1y and y'V^-1y. One O(n
 * p^2) pass builds the sums; each evaluation is O(G p^2). First and second derivatives in theta are
 * analytic.
 *
 * <p>The criterion is lme4's: log det(L_theta)^2 + log det(R_X)^2 + (n - p) (1 + log(2 pi r^2 / (n
 * - p))), with r^2 the penalised residual sum of squares.
 */
public final class RemlProfile {
  private final int n;
  private final int p;
  private final int[] size;
  private final double[][] colSums;
  private final double[] ySums;
  private final double[][] xtx;
  private final double[] xty;
  private final double yty;

  /** Everything at one theta. Primes are derivatives in theta. */
  public record Point(
      double theta,
      double logDetL,
      double logDetL1,
      double logDetL2,
      double[][] m,
      double[][] m1,
      double[][] m2,
      double[][] mInverse,
      double[] beta,
      double r2,
      double r2d1,
      double r2d2,
      double logDetM,
      double logDetM1,
      double logDetM2) {

    /** Profiled REML criterion at theta. */
    public double criterion(int n, int p) {
      return logDetL + logDetM + (n - p) * (1 + Math.log(2 * Math.PI * r2 / (n - p)));
    }

    public double criterionD1(int n, int p) {
      return logDetL1 + logDetM1 + (n - p) * r2d1 / r2;
    }

    public double criterionD2(int n, int p) {
      double q = r2d1 / r2;
      return logDetL2 + logDetM2 + (n - p) * (r2d2 / r2 - q * q);
    }
  }

  public RemlProfile(double[] y, double[][] x, int[] cluster, int clusters) {
    this.n = y.length;
    this.p = x[0].length;
    GroupSums sums = GroupSums.of(y, x, cluster, clusters);
    size = sums.size();
    colSums = sums.colSums();
    ySums = sums.ySums();
    xtx = sums.xtx();
    xty = sums.xty();
    yty = sums.yty();
  }

  public int n() {
    return n;
  }

  public int p() {
    return p;
  }

  public Point at(double theta) {
    double t2 = theta * theta;
    double ldl = 0;
    double ldl1 = 0;
    double ldl2 = 0;
    double[][] m = new double[p][p];
    double[][] m1 = new double[p][p];
    double[][] m2 = new double[p][p];
    double[] b = xty.clone();
    double[] b1 = new double[p];
    double[] b2 = new double[p];
    double q = yty;
    double q1 = 0;
    double q2 = 0;
    for (int j = 0; j < p; j++) {
      m[j] = xtx[j].clone();
    }
    for (int g = 0; g < size.length; g++) {
      double ng = size[g];
      double u = 1 + ng * t2;
      double c = t2 / u;
      double c1 = 2 * theta / (u * u);
      double c2 = (2 - 6 * ng * t2) / (u * u * u);
      ldl += Math.log(u);
      ldl1 += 2 * ng * theta / u;
      ldl2 += 2 * ng * (1 - ng * t2) / (u * u);
      double[] s = colSums[g];
      double tg = ySums[g];
      for (int j = 0; j < p; j++) {
        double sj = s[j];
        b[j] -= c * sj * tg;
        b1[j] -= c1 * sj * tg;
        b2[j] -= c2 * sj * tg;
        for (int k = 0; k <= j; k++) {
          double ss = sj * s[k];
          m[j][k] -= c * ss;
          m1[j][k] -= c1 * ss;
          m2[j][k] -= c2 * ss;
        }
      }
      q -= c * tg * tg;
      q1 -= c1 * tg * tg;
      q2 -= c2 * tg * tg;
    }
    for (double[][] a : new double[][][] {m, m1, m2}) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < j; k++) {
          a[k][j] = a[j][k];
        }
      }
    }
    double[][] mi = Dense.inverseSpd(m);
    double[] beta = Dense.multiply(mi, b);
    double r2 = q - Dense.dot(b, beta);
    double[] m1beta = Dense.multiply(m1, beta);
    double r2d1 = q1 - (2 * Dense.dot(b1, beta) - Dense.dot(beta, m1beta));
    double[] rhs = new double[p];
    for (int j = 0; j < p; j++) {
      rhs[j] = b1[j] - m1beta[j];
    }
    double[] betaD = Dense.multiply(mi, rhs);
    double g2 =
        2 * Dense.dot(b2, beta)
            + 2 * Dense.dot(b1, betaD)
            - 2 * Dense.dot(betaD, m1beta)
            - Dense.dot(beta, Dense.multiply(m2, beta));
    double r2d2 = q2 - g2;
    double[][] mim1 = Dense.multiply(mi, m1);
    double[][] mim2 = Dense.multiply(mi, m2);
    double tr1 = 0;
    double tr2 = 0;
    double tr11 = 0;
    for (int j = 0; j < p; j++) {
      tr1 += mim1[j][j];
      tr2 += mim2[j][j];
      for (int k = 0; k < p; k++) {
        tr11 += mim1[j][k] * mim1[k][j];
      }
    }
    return new Point(
        theta,
        ldl,
        ldl1,
        ldl2,
        m,
        m1,
        m2,
        mi,
        beta,
        r2,
        r2d1,
        r2d2,
        Dense.logDetSpd(m),
        tr1,
        tr2 - tr11);
  }
}
