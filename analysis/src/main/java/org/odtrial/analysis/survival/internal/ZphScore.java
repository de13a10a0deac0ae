package org.odtrial.analysis.survival.internal;

import java.util.Arrays;

/**
 * The score and information of the Grambsch-Therneau test, a port of the sums of survival's {@code
 * zph1}: for the model with covariates x and x g(t) at (beta, 0), the score of the g(t) terms and
 * the full 2p x 2p information, with Breslow or Efron ties. On the centred and scaled covariates of
 * {@link CoxData} (the test statistic does not depend on that scaling).
 */
public final class ZphScore {

  /**
   * @param u score, 2p: the first p (the Cox score at beta, about 0) then the g(t) terms
   * @param imat information, 2p x 2p row-major: [[A, B], [B, C]] with A = sum V_t, B = sum g V_t, C
   *     = sum g^2 V_t over event times, V_t the (Efron or Breslow) covariance of x at t
   */
  public record Sums(double[] u, double[] imat) {}

  private ZphScore() {}

  /**
   * @param d the sorted data
   * @param beta coefficients on the scaled covariates of {@code d}
   * @param g the centred time transform of each observation, in the input (unsorted) order
   * @param efron Efron ties (else Breslow)
   */
  public static Sums of(CoxData d, double[] beta, double[] g, boolean efron) {
    int p = d.p;
    int q = 2 * p;
    double[] x = d.x;
    double[] u = new double[q];
    double[] imat = new double[q * q];
    double[] a = new double[p];
    double[] a2 = new double[p];
    double[] cmat = new double[p * p];
    double[] cmat2 = new double[p * p];
    int strata = d.strataGroupStart.length - 1;
    for (int s = 0; s < strata; s++) {
      double denom = 0;
      Arrays.fill(a, 0);
      Arrays.fill(cmat, 0);
      for (int grp = d.strataGroupStart[s]; grp < d.strataGroupStart[s + 1]; grp++) {
        int ndead = 0;
        double denom2 = 0;
        Arrays.fill(a2, 0);
        Arrays.fill(cmat2, 0);
        double gt = g[d.order[d.groupStart[grp]]];
        for (int k = d.groupStart[grp]; k < d.groupStart[grp + 1]; k++) {
          int off = k * p;
          double zbeta = 0;
          for (int i = 0; i < p; i++) {
            zbeta += beta[i] * x[off + i];
          }
          double risk = Math.exp(zbeta);
          double[] sumX = a;
          double[] sumXX = cmat;
          if (d.status[k]) {
            ndead++;
            denom2 += risk;
            for (int i = 0; i < p; i++) {
              u[i] += x[off + i];
              u[i + p] += gt * x[off + i];
            }
            sumX = a2;
            sumXX = cmat2;
          } else {
            denom += risk;
          }
          for (int i = 0; i < p; i++) {
            double rx = risk * x[off + i];
            sumX[i] += rx;
            for (int j = 0; j <= i; j++) {
              sumXX[i * p + j] += rx * x[off + j];
            }
          }
        }
        if (ndead == 0) {
          continue;
        }
        int parts = efron ? ndead : 1;
        double weight = efron ? 1 : ndead;
        for (int kk = 0; kk < parts; kk++) {
          denom += denom2 / parts;
          for (int i = 0; i < p; i++) {
            a[i] += a2[i] / parts;
            double mean = a[i] / denom;
            u[i] -= weight * mean;
            u[i + p] -= gt * weight * mean;
            for (int j = 0; j <= i; j++) {
              cmat[i * p + j] += cmat2[i * p + j] / parts;
              double v = weight * (cmat[i * p + j] - mean * a[j]) / denom;
              add(imat, q, i, j, v);
              add(imat, q, i + p, j, gt * v);
              if (i != j) {
                add(imat, q, j + p, i, gt * v);
              }
              add(imat, q, i + p, j + p, gt * gt * v);
            }
          }
        }
      }
    }
    return new Sums(u, imat);
  }

  /** Adds v at (i, j) and, off the diagonal, at (j, i). */
  private static void add(double[] m, int q, int i, int j, double v) {
    m[i * q + j] += v;
    if (i != j) {
      m[j * q + i] += v;
    }
  }
}
