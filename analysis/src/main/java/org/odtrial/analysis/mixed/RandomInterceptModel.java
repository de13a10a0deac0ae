package org.odtrial.analysis.mixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.odtrial.analysis.internal.CompleteCases;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.mixed.internal.RemlProfile;
import org.odtrial.analysis.mixed.internal.ThetaSearch;

/**
 * Linear mixed model with a random intercept per cluster, fitted by REML as {@code lme4::lmer(y ~ x
 * + (1 | cluster), REML = TRUE)}, on complete cases. The REML criterion is profiled over theta =
 * sigma_cluster / sigma and minimised to full precision (see {@link ThetaSearch}); the
 * Satterthwaite ingredients are those of lmerTest (Hessian of the REML deviance in (theta, sigma),
 * Jacobian of vcov(beta) in (theta, sigma)), computed analytically; Kenward-Roger is {@link
 * KenwardRoger} at the REML variance components.
 */
public final class RandomInterceptModel {
  /** lme4::isSingular's default tolerance on theta. */
  public static final double SINGULAR_TOLERANCE = 1e-4;

  /** lmerTest's eigenvalue tolerance when inverting the Hessian. */
  private static final double HESSIAN_TOLERANCE = 1e-8;

  private final double[] y;
  private final double[][] x;
  private final List<String> terms;
  private final String[] clusters;

  private RandomInterceptModel(double[] y, double[][] x, List<String> terms, String[] clusters) {
    this.y = y;
    this.x = x;
    this.terms = terms;
    this.clusters = clusters;
  }

  /** NaN in y or x marks a missing value; such rows are dropped. */
  public static RandomInterceptModel of(
      double[] y, double[][] x, List<String> terms, String[] clusters) {
    if (y.length != x.length || y.length != clusters.length) {
      throw new IllegalArgumentException("y, x and clusters must have the same number of rows");
    }
    CompleteCases.requireRowWidths(x, terms.size());
    return new RandomInterceptModel(y.clone(), Dense.copy(x), List.copyOf(terms), clusters.clone());
  }

  /**
   * @throws IllegalArgumentException with fewer than 2 clusters, as many clusters as observations,
   *     or no more complete cases than fixed effects
   * @throws ArithmeticException when the fixed-effects design is rank deficient
   */
  public MixedFit fit() {
    List<String> notes = new ArrayList<>();
    int p = terms.size();
    CompleteCases cases = CompleteCases.of(y, x, clusters, true, p, "fixed effects");
    notes.addAll(cases.notes());
    double[] yc = cases.y();
    double[][] xc = cases.x();
    String[] cc = cases.clusters();
    int n = yc.length;
    Clusters cl = Clusters.of(cc);
    // lme4 refuses both: the cluster variance is not identifiable
    if (cl.count() < 2 || cl.count() >= n) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "a random intercept needs at least 2 clusters and fewer clusters than observations"
                  + " (%d clusters, %d observations)",
              cl.count(),
              n));
    }
    RemlProfile profile = new RemlProfile(yc, xc, cl.index(), cl.count());
    double theta = ThetaSearch.minimise(profile);
    RemlProfile.Point pt = profile.at(theta);
    double sigma2 = pt.r2() / (n - p);
    double sigma = Math.sqrt(sigma2);
    double[][] vcov = Dense.scale(pt.mInverse(), sigma2);
    double varCluster = sigma2 * theta * theta;
    boolean singular = theta < SINGULAR_TOLERANCE;
    if (singular) {
      notes.add(
          String.format(
              Locale.ROOT,
              "boundary (singular) fit: cluster variance %s; the model reduces to ordinary least"
                  + " squares",
              theta == 0 ? "is 0" : "is close to 0"));
    }
    double[][] varparCov = varparCovariance(pt, sigma, n, p, notes);
    double[][][] jac = vcovJacobian(pt, sigma);
    return new MixedFit(
        terms,
        pt.beta(),
        Dense.sqrtDiagonal(vcov),
        vcov,
        theta,
        sigma,
        varCluster,
        sigma2,
        varCluster / (varCluster + sigma2),
        pt.criterion(n, p),
        singular,
        n,
        cl.count(),
        varparCov,
        jac,
        KenwardRoger.of(yc, xc, terms)
            .withRandomIntercept("cluster", cc)
            .at(new double[] {varCluster}, sigma2),
        notes);
  }

  /**
   * 2 H^-1, H the Hessian of the REML deviance D(theta, sigma) = log det L^2 + log det M +
   * r^2/sigma^2 + (n-p) log(2 pi sigma^2); eigenvalues within 1e-8 of zero are dropped, as lmerTest
   * does.
   */
  private static double[][] varparCovariance(
      RemlProfile.Point pt, double sigma, int n, int p, List<String> notes) {
    double s2 = sigma * sigma;
    double htt = pt.logDetL2() + pt.logDetM2() + pt.r2d2() / s2;
    double hts = -2 * pt.r2d1() / (s2 * sigma);
    double hss = 6 * pt.r2() / (s2 * s2) - 2.0 * (n - p) / s2;
    RealMatrix h = new Array2DRowRealMatrix(new double[][] {{htt, hts}, {hts, hss}});
    EigenDecomposition eig = new EigenDecomposition(h);
    double[][] inv = new double[2][2];
    for (int k = 0; k < 2; k++) {
      double ev = eig.getRealEigenvalue(k);
      if (ev < -HESSIAN_TOLERANCE) {
        notes.add(String.format(Locale.ROOT, "REML Hessian has a negative eigenvalue (%.1e)", ev));
      }
      if (ev > HESSIAN_TOLERANCE) {
        double[] v = eig.getEigenvector(k).toArray();
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            inv[i][j] += 2 * v[i] * v[j] / ev;
          }
        }
      } else if (ev >= -HESSIAN_TOLERANCE) {
        notes.add(
            String.format(Locale.ROOT, "REML Hessian has an eigenvalue close to zero (%.1e)", ev));
      }
    }
    return inv;
  }

  /** d vcov(beta) / d theta = -sigma^2 M^-1 M' M^-1 and d vcov(beta) / d sigma = 2 sigma M^-1. */
  private static double[][][] vcovJacobian(RemlProfile.Point pt, double sigma) {
    double[][] mi = pt.mInverse();
    double[][] dTheta =
        Dense.scale(Dense.multiply(Dense.multiply(mi, pt.m1()), mi), -sigma * sigma);
    double[][] dSigma = Dense.scale(mi, 2 * sigma);
    return new double[][][] {dTheta, dSigma};
  }
}
