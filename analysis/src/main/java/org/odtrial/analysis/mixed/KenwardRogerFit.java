package org.odtrial.analysis.mixed;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Kenward-Roger inference at given variance components (see {@link KenwardRoger}): the GLS
 * estimate, Phi = (X'V^-1X)^-1, the adjusted covariance Phi_A = Phi + 2 Phi [sum_ij W_ij (Q_ij -
 * P_i Phi P_j)] Phi (Kenward and Roger 1997, eq. 5, with R_ij = 0 since V is linear in its
 * parameters), W = 2 I_E^-1 the inverse expected REML information of the variance parameters
 * (residual last), and the Kenward-Roger df of single contrasts. Immutable.
 */
public final class KenwardRogerFit {
  /** pbkrtest's threshold on min |eigenvalue| of I_E below which it uses a generalised inverse. */
  private static final double INFORMATION_TOLERANCE = 1e-10;

  private final List<String> terms;
  private final List<String> components;
  private final double[] beta;
  private final double[][] phi;
  private final double[][] phiAdjusted;
  private final double[][][] p;
  private final double[][] w;
  private final boolean generalisedInverse;

  private KenwardRogerFit(
      List<String> terms,
      List<String> components,
      double[] beta,
      double[][] phi,
      double[][] phiAdjusted,
      double[][][] p,
      double[][] w,
      boolean generalisedInverse) {
    this.terms = terms;
    this.components = components;
    this.beta = beta;
    this.phi = phi;
    this.phiAdjusted = phiAdjusted;
    this.p = p;
    this.w = w;
    this.generalisedInverse = generalisedInverse;
  }

  static KenwardRogerFit of(
      List<String> terms,
      List<String> components,
      double[][] xvx,
      double[] xvy,
      double[][][] p,
      double[][][][] q,
      double[][] k) {
    double[][] phi = Dense.inverseSpd(xvx);
    double[] beta = Dense.multiply(phi, xvy);
    int m = p.length;
    // expected information (times 2) of the variance parameters: tr(P G_i P G_j), P the REML
    // projection, = K_ij - 2 tr(Phi Q_ij) + tr(Phi P_i Phi P_j)
    double[][] ie = new double[m][m];
    double[][][] phiP = new double[m][][];
    for (int i = 0; i < m; i++) {
      phiP[i] = Dense.multiply(phi, p[i]);
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        ie[i][j] =
            k[i][j]
                - 2 * Dense.traceOfProduct(phi, q[i][j])
                + Dense.traceOfProduct(phiP[i], phiP[j]);
      }
    }
    Dense.symmetrise(ie);
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(ie));
    double minAbs = Double.POSITIVE_INFINITY;
    double maxAbs = 0;
    for (double ev : eig.getRealEigenvalues()) {
      minAbs = Math.min(minAbs, Math.abs(ev));
      maxAbs = Math.max(maxAbs, Math.abs(ev));
    }
    // W = 2 IE^-1; as pbkrtest, MASS::ginv (singular values <= sqrt(eps) x the largest dropped)
    // when min |eigenvalue| <= 1e-10
    boolean ginv = !(minAbs > INFORMATION_TOLERANCE);
    double[][] w = new double[m][m];
    double cut = ginv ? Math.sqrt(Math.ulp(1.0)) * maxAbs : 0;
    for (int e = 0; e < m; e++) {
      double ev = eig.getRealEigenvalue(e);
      if (ginv && Math.abs(ev) <= cut) {
        continue;
      }
      double[] u = eig.getEigenvector(e).toArray();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          w[i][j] += 2 * u[i] * u[j] / ev;
        }
      }
    }
    double[][] u = new double[phi.length][phi.length];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double[][] term =
            Dense.addScaled(q[i][j], -1, Dense.multiply(p[i], Dense.multiply(phi, p[j])));
        u = Dense.addScaled(u, w[i][j], term);
      }
    }
    double[][] phiA = Dense.addScaled(phi, 2, Dense.sandwich(phi, Dense.symmetrise(u)));
    return new KenwardRogerFit(
        terms, components, beta, phi, Dense.symmetrise(phiA), p, Dense.symmetrise(w), ginv);
  }

  /** The GLS estimate of the fixed effects at the given variance components. */
  public double[] beta() {
    return beta.clone();
  }

  /** Phi = (X'V^-1X)^-1, the model-based covariance ({@code vcov(fit)}). */
  public double[][] vcov() {
    return Dense.copy(phi);
  }

  /** Phi_A, the Kenward-Roger adjusted covariance ({@code pbkrtest::vcovAdj(fit)}). */
  public double[][] adjustedVcov() {
    return Dense.copy(phiAdjusted);
  }

  /**
   * W = 2 I_E^-1: the asymptotic covariance of the variance components (in the order added,
   * residual variance last).
   */
  public double[][] varianceCovariance() {
    return Dense.copy(w);
  }

  /** The variance components' names, residual last. */
  public List<String> components() {
    return components;
  }

  /** True when I_E was (near) singular and its generalised inverse was used, as pbkrtest does. */
  public boolean generalisedInverse() {
    return generalisedInverse;
  }

  /**
   * The coefficient of {@code term}: estimate, Kenward-Roger se sqrt(Phi_A[j,j]), Kenward-Roger df,
   * t interval and p-value, as {@code summary(fit, ddf = "Kenward-Roger")}.
   */
  public FixedEffect fixedEffect(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    double[] l = new double[terms.size()];
    l[j] = 1;
    return contrast(term, l);
  }

  /**
   * The contrast l'beta with se sqrt(l'Phi_A l) and Kenward-Roger df, as {@code
   * lmerTest::contest(fit, l, ddf = "Kenward-Roger", joint = FALSE)}.
   */
  public FixedEffect contrast(String label, double[] l) {
    if (l.length != terms.size()) {
      throw new IllegalArgumentException("contrast length differs from the number of terms");
    }
    double se = Math.sqrt(Dense.dot(l, Dense.multiply(phiAdjusted, l)));
    StudentT t = StudentT.of(Dense.dot(l, beta), se, df(l));
    return new FixedEffect(
        label, t.estimate(), se, t.df(), t.tValue(), t.ciLow(), t.ciHigh(), t.pValue());
  }

  /**
   * Kenward-Roger denominator df for the q = 1 row contrast l (Kenward and Roger 1997, section 4;
   * pbkrtest's {@code Lb_ddf} with V0 = Phi): Theta = l l'/(l'Phi l), A1 = sum_ij W_ij tr(Theta Phi
   * P_i Phi) tr(Theta Phi P_j Phi), A2 = sum_ij W_ij tr(Theta Phi P_i Phi Theta Phi P_j Phi), then
   * B, g, c1, c2, c3, rho and df = 4 + (q + 2)/(q rho - 1).
   */
  public double df(double[] l) {
    int q = 1;
    int m = p.length;
    double[] phiL = Dense.multiply(phi, l);
    double lpl = Dense.dot(l, phiL);
    double[][] theta = new double[l.length][l.length];
    for (int a = 0; a < l.length; a++) {
      for (int b = 0; b < l.length; b++) {
        theta[a][b] = l[a] * l[b] / lpl;
      }
    }
    double[][] thetaPhi = Dense.multiply(theta, phi);
    double[][][] ui = new double[m][][];
    double[] tr = new double[m];
    for (int i = 0; i < m; i++) {
      ui[i] = Dense.multiply(thetaPhi, Dense.multiply(p[i], phi));
      for (int a = 0; a < l.length; a++) {
        tr[i] += ui[i][a][a];
      }
    }
    double a1 = 0;
    double a2 = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        a1 += w[i][j] * tr[i] * tr[j];
        a2 += w[i][j] * Dense.traceOfProduct(ui[i], ui[j]);
      }
    }
    double b = (a1 + 6 * a2) / (2 * q);
    double g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2);
    double den = 3 * q + 2 * (1 - g);
    double c1 = g / den;
    double c2 = (q - g) / den;
    double c3 = (q + 2 - g) / den;
    double v0 = 1 + c1 * b;
    double v1 = 1 - c2 * b;
    double v2 = 1 - c3 * b;
    if (Math.abs(v0) < 1e-10) {
      v0 = 0;
    }
    double x = 1 - a2 / q;
    // pbkrtest's .divZero: 0/0 (both below 1e-14) is 1
    double ratio = Math.abs(x) < 1e-14 && Math.abs(v1) < 1e-14 ? 1 : x / v1;
    double rho = ratio * ratio * v0 / (q * v2);
    return 4 + (q + 2) / (q * rho - 1);
  }
}
