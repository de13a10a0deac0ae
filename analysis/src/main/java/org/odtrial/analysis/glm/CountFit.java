package org.odtrial.analysis.glm;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.robust.Cr2;

/**
 * A fitted log-linear count model.
 *
 * @param family "poisson" or "negative binomial"
 * @param coefficients log-scale coefficients in the order of {@code terms}
 * @param se model-based standard errors, as {@code summary(fit)}
 * @param vcov model-based covariance, {@code vcov(fit)}
 * @param robustSe cluster-robust se, {@code sandwich::vcovCL(fit, type = "HC0", cadjust = TRUE)};
 *     null without clusters
 * @param theta NB2 shape theta (variance mu + mu^2/theta); null for Poisson
 * @param seTheta theta.ml's standard error of theta; null for Poisson
 * @param twoLogLik twice the maximised log-likelihood ({@code fit$twologlik} / {@code
 *     2*logLik(fit)})
 * @param deviance residual deviance at the final theta
 * @param iterations IRLS iterations of the final fit ({@code fit$iter})
 * @param thetaAlternations glm.nb's theta/IRLS alternations (0 for Poisson)
 * @param converged IRLS and, for NB, the alternation converged
 * @param clusters number of clusters, or null
 * @param cr2 the CR2 variance with Satterthwaite df, {@code clubSandwich::coef_test(fit, vcov =
 *     "CR2", cluster = cl, test = "Satterthwaite")}; null without clusters
 * @param nonEstimable terms without a finite estimate (e.g. an arm with no events)
 * @param notes plain-language notes on hard cases (fallback, no events, non-convergence)
 */
public record CountFit(
    String family,
    List<String> terms,
    double[] coefficients,
    double[] se,
    double[][] vcov,
    double[] robustSe,
    double[][] robustVcov,
    Double theta,
    Double seTheta,
    double twoLogLik,
    double deviance,
    int iterations,
    int thetaAlternations,
    boolean converged,
    int n,
    Integer clusters,
    Cr2 cr2,
    Set<String> nonEstimable,
    List<String> notes) {

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-14);

  public CountFit {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    se = se.clone();
    vcov = Dense.copy(vcov);
    robustSe = robustSe == null ? null : robustSe.clone();
    robustVcov = robustVcov == null ? null : Dense.copy(robustVcov);
    nonEstimable = Set.copyOf(nonEstimable);
    notes = List.copyOf(notes);
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double[] se() {
    return se.clone();
  }

  @Override
  public double[][] vcov() {
    return Dense.copy(vcov);
  }

  @Override
  public double[] robustSe() {
    return robustSe == null ? null : robustSe.clone();
  }

  @Override
  public double[][] robustVcov() {
    return robustVcov == null ? null : Dense.copy(robustVcov);
  }

  public double coefficient(String term) {
    return coefficients[indexOf(term)];
  }

  /**
   * Rate ratio of {@code term} with a 95% Wald interval from the robust se (model se without
   * clusters).
   */
  public RateRatio rateRatio(String term) {
    int j = indexOf(term);
    if (nonEstimable.contains(term)) {
      return new RateRatio(term, null, null, null, null, null, null, null, notes);
    }
    double b = coefficients[j];
    double s = robustSe != null ? robustSe[j] : se[j];
    double z = NORMAL.inverseCumulativeProbability(0.975);
    double p = 2 * NORMAL.cumulativeProbability(-Math.abs(b / s));
    return new RateRatio(
        term, Math.exp(b), b, s, se[j], Math.exp(b - z * s), Math.exp(b + z * s), p, notes);
  }

  private int indexOf(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    return j;
  }
}
