package org.odtrial.analysis.mixed;

import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.mixed.internal.GroupSums;

/**
 * Kenward-Roger's sums ({@link KenwardRoger.Sums}) for two nested random intercepts (participants l
 * within clusters g) from per-participant sums alone, in O(participants p^2) instead of the dense
 * block's O((participants per cluster + 1)^3) per cluster.
 *
 * <p>With tau = gamma / sigma^2, in cluster g V~ = V / sigma^2 = A + tau_c 1 1', A = blockdiag(I +
 * tau_p J_l): A^-1 = blockdiag(I - a_l J), a_l = tau_p / (1 + n_l tau_p), omega = A^-1 1 = w_l on
 * the rows of l (w_l = 1 / (1 + n_l tau_p)), V~^-1 = A^-1 - b omega omega', b = tau_c / (1 + tau_c
 * S), S = sum_l h_l, h_l = n_l w_l. With s_l the column sums of X over participant l and t =
 * X'omega = sum_l w_l s_l:
 *
 * <ul>
 *   <li>u_l = X'V~^-1 z_l = w_l s_l - b h_l t; v = X'V~^-1 1 = (1 - b S) t; z_l'V~^-1 z_m = [l = m]
 *       h_l - b h_l h_m; z_l'V~^-1 1 = (1 - b S) h_l; 1'V~^-1 1 = S (1 - b S);
 *   <li>X'V~^-2X = X'X - sum_l (s_l c_l' + c_l s_l' - n_l c_l c_l'), c_l = a_l s_l + b w_l t (the
 *       rows of V~^-1 X are x_r - c_l), and with W = sum_l w_l u_l (= omega'V~^-1 X): z_l'V~^-2 X =
 *       w_l u_l - b h_l W, 1'V~^-2 X = (1 - b S) W, X'V~^-3 X = X'V~^-2 X - sum_l a_l u_l u_l' - b
 *       W W';
 *   <li>P_p = -sum_l u_l u_l', P_c = -v v', P_e = -X'V~^-2X; Q_pp = sum_l h_l u_l u_l' - b H H' (H
 *       = sum_l h_l u_l), Q_pc = (1 - b S) H v', Q_cc = S (1 - b S) v v', Q_pe = sum_l w_l u_l u_l'
 *       - b H W', Q_ce = (1 - b S) v W', Q_ee = X'V~^-3X;
 *   <li>K_pp = sum h_l^2 - 2 b sum h_l^3 + b^2 (sum h_l^2)^2, K_pc = (1 - b S)^2 sum h_l^2, K_cc =
 *       (S (1 - b S))^2, K_pe = sum_l (n_l w_l^2 - 2 b w_l h_l^2 + b^2 h_l^2 Omega), Omega = sum_l
 *       n_l w_l^2, K_ce = (1 - b S)^2 Omega, K_ee = sum_l (n_l - 2 a_l n_l + a_l^2 n_l^2) - 2 b
 *       sum_l h_l w_l^2 + b^2 Omega^2;
 * </ul>
 *
 * each then divided by sigma^2 (X'V^-1X), sigma^4 (P, K) or sigma^6 (Q). The test checks this
 * against the dense blocks of {@link KenwardRoger} to 1e-10.
 */
final class NestedSums {
  private NestedSums() {}

  /**
   * @param innerLevel each row's participant (0..L-1)
   * @param outerLevel each row's cluster
   * @param inner the component index of the participant factor (0 or 1; the cluster is the other,
   *     the residual 2)
   */
  static void add(
      double[] y,
      double[][] x,
      int[] innerLevel,
      int[] outerLevel,
      int inner,
      double[] variances,
      double sigma2,
      KenwardRoger.Sums out) {
    int n = y.length;
    int p = x[0].length;
    int pi = inner;
    int ci = 1 - inner;
    int ri = 2;
    double tp = variances[pi] / sigma2;
    double tc = variances[ci] / sigma2;
    int participants = 0;
    int clusters = 0;
    for (int r = 0; r < n; r++) {
      participants = Math.max(participants, innerLevel[r] + 1);
      clusters = Math.max(clusters, outerLevel[r] + 1);
    }
    int[] clusterOf = new int[participants];
    for (int r = 0; r < n; r++) {
      clusterOf[innerLevel[r]] = outerLevel[r];
    }
    GroupSums sums = GroupSums.of(y, x, innerLevel, participants);
    int[] size = sums.size();
    double[][] sx = sums.colSums();
    double[] sy = sums.ySums();
    double[][] xtx = sums.xtx();
    double[] xty = sums.xty();
    int[][] members = sums.members(clusterOf, clusters);
    // accumulated in V~ terms, scaled at the end
    double[][] xvx = Dense.copy(xtx);
    double[] xvy = xty.clone();
    double[][] x2x = Dense.copy(xtx); // X'V~^-2 X
    double[][] pP = new double[p][p];
    double[][] pC = new double[p][p];
    double[][] qPP = new double[p][p];
    double[][] qPC = new double[p][p];
    double[][] qCC = new double[p][p];
    double[][] qPE = new double[p][p];
    double[][] qCE = new double[p][p];
    double[][] x3x = new double[p][p]; // X'V~^-3 X minus X'V~^-2 X
    double kPP = 0;
    double kPC = 0;
    double kCC = 0;
    double kPE = 0;
    double kCE = 0;
    double kEE = 0;
    double[] t = new double[p];
    double[] ty = new double[1];
    double[] c = new double[p];
    double[] u = new double[p];
    double[] h2 = new double[p]; // H
    double[] w2 = new double[p]; // W
    double[] v = new double[p];
    for (int g = 0; g < clusters; g++) {
      java.util.Arrays.fill(t, 0);
      ty[0] = 0;
      double s = 0;
      double omega = 0;
      double sumH2 = 0;
      double sumH3 = 0;
      double sumHw2 = 0;
      double frob = 0;
      for (int l : members[g]) {
        double nl = size[l];
        double w = 1 / (1 + nl * tp);
        double a = tp * w;
        double h = nl * w;
        s += h;
        omega += nl * w * w;
        sumH2 += h * h;
        sumH3 += h * h * h;
        sumHw2 += h * w * w;
        frob += nl - 2 * a * nl + a * a * nl * nl;
        for (int j = 0; j < p; j++) {
          t[j] += w * sx[l][j];
        }
        ty[0] += w * sy[l];
        // X'A^-1X and X'A^-1y
        for (int j = 0; j < p; j++) {
          xvy[j] -= a * sx[l][j] * sy[l];
          for (int k = 0; k <= j; k++) {
            xvx[j][k] -= a * sx[l][j] * sx[l][k];
          }
        }
      }
      double b = tc / (1 + tc * s);
      double shrink = 1 - b * s;
      for (int j = 0; j < p; j++) {
        xvy[j] -= b * t[j] * ty[0];
        v[j] = shrink * t[j];
        for (int k = 0; k <= j; k++) {
          xvx[j][k] -= b * t[j] * t[k];
        }
      }
      java.util.Arrays.fill(h2, 0);
      java.util.Arrays.fill(w2, 0);
      for (int l : members[g]) {
        double nl = size[l];
        double w = 1 / (1 + nl * tp);
        double a = tp * w;
        double h = nl * w;
        double[] sl = sx[l];
        for (int j = 0; j < p; j++) {
          u[j] = w * sl[j] - b * h * t[j];
          c[j] = a * sl[j] + b * w * t[j];
          h2[j] += h * u[j];
          w2[j] += w * u[j];
        }
        for (int j = 0; j < p; j++) {
          for (int k = 0; k <= j; k++) {
            double uu = u[j] * u[k];
            pP[j][k] -= uu;
            qPP[j][k] += h * uu;
            qPE[j][k] += w * uu;
            qPE[k][j] += j == k ? 0 : w * uu;
            x3x[j][k] -= a * uu;
            x2x[j][k] -= sl[j] * c[k] + c[j] * sl[k] - nl * c[j] * c[k];
          }
        }
        kPE += nl * w * w - 2 * b * w * h * h + b * b * h * h * omega;
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          if (k <= j) {
            pC[j][k] -= v[j] * v[k];
            qCC[j][k] += s * shrink * v[j] * v[k];
            x3x[j][k] -= b * w2[j] * w2[k];
            qPP[j][k] -= b * h2[j] * h2[k];
          }
          qPC[j][k] += shrink * h2[j] * v[k];
          qPE[j][k] -= b * h2[j] * w2[k];
          qCE[j][k] += shrink * v[j] * w2[k];
        }
      }
      kPP += sumH2 - 2 * b * sumH3 + b * b * sumH2 * sumH2;
      kPC += shrink * shrink * sumH2;
      kCC += s * shrink * s * shrink;
      kCE += shrink * shrink * omega;
      kEE += frob - 2 * b * sumHw2 + b * b * omega * omega;
    }
    for (double[][] m : new double[][][] {xvx, x2x, pP, pC, qPP, qCC, x3x}) {
      Dense.mirrorLower(m);
    }
    double[][] x3 = Dense.addScaled(x2x, 1, x3x);
    double s4 = sigma2 * sigma2;
    double s6 = s4 * sigma2;
    add(out.xvx, xvx, 1 / sigma2);
    for (int j = 0; j < p; j++) {
      out.xvy[j] += xvy[j] / sigma2;
    }
    add(out.p[pi], pP, 1 / s4);
    add(out.p[ci], pC, 1 / s4);
    add(out.p[ri], x2x, -1 / s4);
    add(out.q[pi][pi], qPP, 1 / s6);
    add(out.q[ci][ci], qCC, 1 / s6);
    add(out.q[pi][ci], qPC, 1 / s6);
    add(out.q[ci][pi], Dense.transpose(qPC), 1 / s6);
    add(out.q[pi][ri], qPE, 1 / s6);
    add(out.q[ri][pi], Dense.transpose(qPE), 1 / s6);
    add(out.q[ci][ri], qCE, 1 / s6);
    add(out.q[ri][ci], Dense.transpose(qCE), 1 / s6);
    add(out.q[ri][ri], x3, 1 / s6);
    out.k[pi][pi] += kPP / s4;
    out.k[pi][ci] += kPC / s4;
    out.k[ci][pi] += kPC / s4;
    out.k[ci][ci] += kCC / s4;
    out.k[pi][ri] += kPE / s4;
    out.k[ri][pi] += kPE / s4;
    out.k[ci][ri] += kCE / s4;
    out.k[ri][ci] += kCE / s4;
    out.k[ri][ri] += kEE / s4;
  }

  private static void add(double[][] target, double[][] a, double f) {
    for (int i = 0; i < target.length; i++) {
      for (int j = 0; j < target[i].length; j++) {
        target[i][j] += f * a[i][j];
      }
    }
  }
}
