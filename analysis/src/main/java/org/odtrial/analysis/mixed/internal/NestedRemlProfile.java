package org.odtrial.analysis.mixed.internal;

import org.odtrial.analysis.linear.internal.Dense;

/**
 * The profiled REML criterion of y = X beta + b_cluster + c_participant + e, participants nested in
 * clusters, b ~ N(0, sigma^2 tau_c), c ~ N(0, sigma^2 tau_p), e ~ N(0, sigma^2), as a function of
 * the variance ratios tau = (tau_p, tau_c) = theta^2.
 *
 * <p>In cluster g, V~ = V / sigma^2 = A + tau_c 1 1' with A = blockdiag(I + tau_p J) over its
 * participants, so A^-1 = blockdiag(I - a_l J), a_l = tau_p / (1 + n_l tau_p), A^-1 1 = w_l on the
 * rows of participant l, w_l = 1 / (1 + n_l tau_p), and V~^-1 = A^-1 - b_g (A^-1 1)(A^-1 1)', b_g =
 * tau_c / (1 + tau_c S_g), S_g = sum_l n_l w_l; log det V~ = sum_l log(1 + n_l tau_p) + log(1 +
 * tau_c S_g). Every quadratic form u'V~^-1 v then needs only the participants' sums of u and v, and
 * since a_l and w_l depend on the participant only through n_l (the number of visits), only sums
 * over the participants of a cluster with the same n_l: of s_l s_l', s_l, s_l y_l, y_l and y_l^2
 * (s_l, y_l the column sums of X and the sum of y over participant l's rows). One pass over the
 * rows builds them; each evaluation then costs O(clusters x distinct visit counts x p^2), whatever
 * the number of participants.
 *
 * <p>The criterion is lme4's {@code REMLcrit}: log det V~ + log det(X'V~^-1X) + (n - p)(1 + log(2
 * pi r^2 / (n - p))), r^2 = y'V~^-1y - b'M^-1 b the penalised residual sum of squares. Its gradient
 * in tau is analytic: d/d tau_k = tr(V~^-1 G_k) - tr(M^-1 X'V~^-1 G_k V~^-1 X) - (n - p) e'V~^-1
 * G_k V~^-1 e / r^2, G_k = Z_k Z_k', e = y - X beta; with u_l = X'V~^-1 z_l = w_l s_l - b_g h_l t_g
 * (h_l = n_l w_l, t_g = sum_l w_l s_l) and z_l'V~^-1 e = w_l r_l - b_g h_l R_g (r_l = y_l -
 * s_l'beta, R_g = sum_l w_l r_l), the participant terms are sums of squares of these, expanded into
 * the group sums above.
 */
public final class NestedRemlProfile {
  private final int n;
  private final int p;
  private final double[][] xtx;
  private final double[] xty;
  private final double yty;

  /** Per cluster, its groups of participants with the same number of visits. */
  private final Group[][] groups;

  /** Sums over the participants of one cluster with n_l = size (ss: both triangles). */
  private record Group(
      int size, int count, double[][] ss, double[] s, double[] sy, double y, double yy) {}

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
    xtx = sums.xtx();
    xty = sums.xty();
    yty = sums.yty();
    int[][] members = sums.members(clusterOf, clusters);
    groups = new Group[clusters][];
    for (int g = 0; g < clusters; g++) {
      // TreeMap: groups in increasing visit count, so the sums are added in a fixed order
      java.util.TreeMap<Integer, Group> bySize = new java.util.TreeMap<>();
      for (int l : members[g]) {
        int nl = sums.size()[l];
        double[] sl = sums.colSums()[l];
        double yl = sums.ySums()[l];
        Group old = bySize.get(nl);
        double[][] ss = old == null ? new double[p][p] : old.ss();
        double[] s = old == null ? new double[p] : old.s();
        double[] sy = old == null ? new double[p] : old.sy();
        for (int j = 0; j < p; j++) {
          s[j] += sl[j];
          sy[j] += sl[j] * yl;
          for (int k = 0; k < p; k++) {
            ss[j][k] += sl[j] * sl[k];
          }
        }
        bySize.put(
            nl,
            new Group(
                nl,
                old == null ? 1 : old.count() + 1,
                ss,
                s,
                sy,
                (old == null ? 0 : old.y()) + yl,
                (old == null ? 0 : old.yy()) + yl * yl));
      }
      groups[g] = bySize.values().toArray(new Group[0]);
    }
  }

  public int n() {
    return n;
  }

  public int p() {
    return p;
  }

  /** The criterion alone. */
  public double criterion(double tauParticipant, double tauCluster) {
    return evaluate(tauParticipant, tauCluster, false).criterion();
  }

  /** Criterion, gradient in tau, beta, M^-1 and r^2. */
  public Point at(double tauParticipant, double tauCluster) {
    return evaluate(tauParticipant, tauCluster, true);
  }

  private Point evaluate(double tp, double tc, boolean withGradient) {
    double[][] m = Dense.copy(xtx);
    double[] b = xty.clone();
    double q = yty;
    double logDetV = 0;
    int clusters = groups.length;
    double[] clusterS = new double[clusters];
    double[][] clusterT = new double[clusters][];
    double[] clusterTy = new double[clusters];
    for (int g = 0; g < clusters; g++) {
      double s = 0;
      double[] t = new double[p];
      double ty = 0;
      for (Group gr : groups[g]) {
        double nl = gr.size();
        double u = 1 + nl * tp;
        double a = tp / u;
        double w = 1 / u;
        logDetV += gr.count() * Math.log(u);
        s += gr.count() * nl * w;
        ty += w * gr.y();
        for (int j = 0; j < p; j++) {
          t[j] += w * gr.s()[j];
          b[j] -= a * gr.sy()[j];
          double[] row = m[j];
          double[] ss = gr.ss()[j];
          for (int k = 0; k <= j; k++) {
            row[k] -= a * ss[k];
          }
        }
        q -= a * gr.yy();
      }
      double bg = tc / (1 + tc * s);
      logDetV += Math.log1p(tc * s);
      for (int j = 0; j < p; j++) {
        b[j] -= bg * t[j] * ty;
        double[] row = m[j];
        double btj = bg * t[j];
        for (int k = 0; k <= j; k++) {
          row[k] -= btj * t[k];
        }
      }
      q -= bg * ty * ty;
      clusterS[g] = s;
      clusterT[g] = t;
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
    double trP = 0;
    double quadP = 0;
    double resP = 0;
    double trC = 0;
    double quadC = 0;
    double resC = 0;
    for (int g = 0; g < clusters; g++) {
      double s = clusterS[g];
      double bg = tc / (1 + tc * s);
      double[] t = clusterT[g];
      double[] miT = Dense.multiply(mi, t);
      double tMiT = Dense.dot(t, miT);
      double rg = clusterTy[g] - Dense.dot(t, beta); // R_g = sum_l w_l r_l
      for (Group gr : groups[g]) {
        double nl = gr.size();
        double w = 1 / (1 + nl * tp);
        double h = nl * w;
        double c = gr.count();
        // sum over the group of u_l'M^-1 u_l, u_l = w s_l - b h t
        double trMiSs = Dense.traceOfProduct(mi, gr.ss());
        double sMiT = Dense.dot(gr.s(), miT);
        quadP += w * w * trMiSs - 2 * w * bg * h * sMiT + bg * bg * h * h * c * tMiT;
        // sum over the group of (w r_l - b h R_g)^2, r_l = y_l - s_l'beta
        double sumR = gr.y() - Dense.dot(gr.s(), beta);
        double sumR2 =
            gr.yy() - 2 * Dense.dot(gr.sy(), beta) + Dense.dot(beta, Dense.multiply(gr.ss(), beta));
        resP += w * w * sumR2 - 2 * w * bg * h * rg * sumR + bg * bg * h * h * rg * rg * c;
        trP += c * (h - bg * h * h);
      }
      double shrink = 1 - bg * s;
      trC += s * shrink;
      quadC += shrink * shrink * tMiT;
      resC += shrink * shrink * rg * rg;
    }
    double[] grad = {trP - quadP - df * resP / r2, trC - quadC - df * resC / r2};
    return new Point(tp, tc, crit, grad, beta, mi, r2);
  }
}
