package org.odtrial.analysis.linear;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.robust.Cr2;

/**
 * A fitted OLS model.
 *
 * @param se model-based se, {@code sqrt(diag(vcov(fit)))}
 * @param robustSe CR1 se, {@code sqrt(diag(vcovCL(fit, cluster = ~cluster_id, type = "HC1")))};
 *     null without clusters
 * @param sigma residual standard error
 * @param dfResidual n - k
 * @param cr2 the CR2 variance with Satterthwaite df ({@code clubSandwich::vcovCR(fit, cluster, type
 *     = "CR2")}); null without clusters
 */
public record LinearFit(
    List<String> terms,
    double[] coefficients,
    double[] se,
    double[][] vcov,
    double[] robustSe,
    double[][] robustVcov,
    double sigma,
    int dfResidual,
    int n,
    Integer clusters,
    Cr2 cr2,
    List<String> notes) {

  public LinearFit {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    se = se.clone();
    vcov = Dense.copy(vcov);
    robustSe = robustSe == null ? null : robustSe.clone();
    robustVcov = robustVcov == null ? null : Dense.copy(robustVcov);
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

  /**
   * The coefficient of {@code term} with the robust se (model se without clusters), 95% interval
   * and two-sided p from the t distribution with n - k df: what {@code lmtest::coeftest}/{@code
   * coefci(fit, vcov. = vcovCL(...))} report for an lm.
   */
  public Coefficient coefficient(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    double s = robustSe != null ? robustSe[j] : se[j];
    StudentT t = StudentT.of(coefficients[j], s, dfResidual);
    return new Coefficient(
        term, t.estimate(), s, se[j], dfResidual, t.ciLow(), t.ciHigh(), t.pValue(), n, clusters);
  }
}
