package org.odtrial.analysis.mixed.internal;

import org.odtrial.analysis.linear.internal.Dense;

/**
 * The profiled REML criterion of y = X beta + b_cluster + c_participant + e, participants nested in
 * clusters, b ~ N(0, sigma^2 tau_c), c ~ N(0, sigma^2 tau_p), e ~ N(0, sigma^2), as a function of
 * the variance ratios tau = (tau_p, tau_c) = theta^2, from per-participant sums only.
 *
 * <p>In cluster g, V~ = V / sigma^2 = A + tau_c 1 1' with A = blockdiag(I + tau_p J) over its
 * participants, so A^-1 = blockdiag(I - a_l J), a_l = tau_p / (1 + n_l tau_p), A^-1 1 = w_l on the
 * rows of participant l, w_l = 1 / (1 + n_l tau_p), and V~^-1 = A^-1 - b_g (A^-1 1)(A^-1 1)', b_g =
 * tau_c / (1 + tau_c S_g), S_g = sum_l n_l w_l; log det V~ = sum_l log(1 + n_l tau_p) + log(1 +
 * tau_c S_g). Every quadratic form u'V~^-1 v then needs only the participants' sums of u and v, so
 * one pass over the rows builds X'X, X'y, y'y and each participant's n_l, column sums of X and sum
 * of y; each evaluation costs O(participants p^2).
 *
 * <p>The criterion is lme4's {@code REMLcrit}: log det V~ + log det(X'V~^-1X) + (n - p)(1 + log(2
 * pi r^2 / (n - p))), r^2 = y'V~^-1y - b'M^-1 b the penalised residual sum of squares. Its gradient
 * in tau is analytic: d/d tau_k = tr(V~^-1 G_k) - tr(M^-1 X'V~^-1 G_k V~^-1 X) - (n - p) e'V~^-1
 * G_k V~^-1 e / r^2, G_k = Z_k Z_k', e = y - X beta.
 */
public final class NestedRemlProfile {
  private final int n;
  private final int p;
  private final int[][] members; // participants of each cluster
  private final int[] size;
  private final double[][] colSums;
  private final double[] ySums;
  private final double[][] xtx;
  private final double[] xty;
  private final double yty;

  /** Everything at one tau. */
  public record Point(
      double tauParticipant,
      double tauCluster,
      double criterion,
      double[] gradient,
      double[] beta,
      double[][] mInverse,
      double r2) {}

  /**
   * @param participant participant index (0..P-1) of each row
   * @param clusterOf cluster index (0..G-1) of each participant
   */
  public NestedRemlProfile(double[] y, double[][] x, int[] participant, int[] clusterOf) {
    this.n = y.length;
    this.p = x[0].length;
    int participants = clusterOf.length;
    int clusters = 0;
    for (int g : clusterOf) {
      clusters = Math.max(clusters, g + 1);
    }
    GroupSums sums = GroupSums.of(y, x, participant, participants);
    members = sums.members(clusterOf, clusters);
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

  /** The criterion alone (one pass over the participants). */
  public double criterion(double tauParticipant, double tauCluster) {
    return evaluate(tauParticipant, tauCluster, false).criterion();
  }

  /** Criterion, gradient in tau, beta, M^-1 and r^2 (two passes over the participants). */
  public Point at(double tauParticipant, double tauCluster) {
    return evaluate(tauParticipant, tauCluster, true);
  }

  private Point evaluate(double tp, double tc, boolean withGradient) {
    double[][] m = new double[p][p];
    for (int j = 0; j < p; j++) {
      m[j] = xtx[j].clone();
    }
    double[] b = xty.clone();
    double q = yty;
    double logDetV = 0;
    double[] clusterS = new double[members.length];
    double[][] clusterTx = new double[members.length][];
    double[] clusterTy = new double[members.length];
    for (int g = 0; g < members.length; g++) {
      double s = 0;
      double[] tx = new double[p];
      double ty = 0;
      for (int l : members[g]) {
        double nl = size[l];
        double u = 1 + nl * tp;
        double a = tp / u;
        double w = 1 / u;
        logDetV += Math.log(u);
        double[] sx = colSums[l];
        double sy = ySums[l];
        s += nl * w;
        ty += w * sy;
        for (int j = 0; j < p; j++) {
          double sj = sx[j];
          tx[j] += w * sj;
          b[j] -= a * sj * sy;
          double[] row = m[j];
          double asj = a * sj;
          for (int k = 0; k <= j; k++) {
            row[k] -= asj * sx[k];
          }
        }
        q -= a * sy * sy;
      }
      double bg = tc / (1 + tc * s);
      logDetV += Math.log1p(tc * s);
      for (int j = 0; j < p; j++) {
        b[j] -= bg * tx[j] * ty;
        double[] row = m[j];
        double btj = bg * tx[j];
        for (int k = 0; k <= j; k++) {
          row[k] -= btj * tx[k];
        }
      }
      q -= bg * ty * ty;
      clusterS[g] = s;
      clusterTx[g] = tx;
      clusterTy[g] = ty;
    }
    Dense.mirrorLower(m);
    double[][] mi = Dense.inverseSpd(m);
    double[] beta = Dense.multiply(mi, b);
    double r2 = q - Dense.dot(b, beta);
    int df = n - p;
    double crit = logDetV + Dense.logDetSpd(m) + df * (1 + Math.log(2 * Math.PI * r2 / df));
    if (!withGradient) {
      return new Point(tp, tc, crit, null, beta, mi, r2);
    }
    // second pass: u_l = z_l'V~^-1 X, z_l'V~^-1 e per participant; v_g, 1'V~^-1 e per cluster
    double trP = 0;
    double quadP = 0;
    double resP = 0;
    double trC = 0;
    double quadC = 0;
    double resC = 0;
    double[] u = new double[p];
    for (int g = 0; g < members.length; g++) {
      double s = clusterS[g];
      double bg = tc / (1 + tc * s);
      double[] tx = clusterTx[g];
      double ty = clusterTy[g];
      for (int l : members[g]) {
        double nl = size[l];
        double w = 1 / (1 + nl * tp);
        double h = nl * w;
        double[] sx = colSums[l];
        double ey = w * ySums[l] - bg * h * ty;
        for (int j = 0; j < p; j++) {
          u[j] = w * sx[j] - bg * h * tx[j];
          ey -= u[j] * beta[j];
        }
        trP += h - bg * h * h;
        quadP += quadratic(mi, u);
        resP += ey * ey;
      }
      double shrink = 1 - bg * s;
      double ey = ty;
      for (int j = 0; j < p; j++) {
        u[j] = tx[j] * shrink;
        ey -= tx[j] * beta[j];
      }
      ey *= shrink;
      trC += s * shrink;
      quadC += quadratic(mi, u);
      resC += ey * ey;
    }
    double[] grad = {trP - quadP - df * resP / r2, trC - quadC - df * resC / r2};
    return new Point(tp, tc, crit, grad, beta, mi, r2);
  }

  private static double quadratic(double[][] a, double[] v) {
    double s = 0;
    for (int j = 0; j < v.length; j++) {
      double[] row = a[j];
      double t = 0;
      for (int k = 0; k < v.length; k++) {
        t += row[k] * v[k];
      }
      s += v[j] * t;
    }
    return s;
  }
}
