package org.odtrial.analysis.mixed;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * A REML random-intercept fit.
 *
 * @param fixedEffects {@code fixef(fit)}
 * @param se {@code sqrt(diag(vcov(fit)))}
 * @param theta sigma_cluster / sigma ({@code getME(fit, "theta")})
 * @param sigma residual sd ({@code sigma(fit)})
 * @param varCluster cluster (random-intercept) variance
 * @param varResidual residual variance
 * @param icc varCluster / (varCluster + varResidual)
 * @param remlCriterion {@code REMLcrit(fit)}
 * @param singular theta below 1e-4, as {@code lme4::isSingular}
 * @param varparCovariance asymptotic covariance of (theta, sigma): 2 x inverse Hessian of the REML
 *     deviance
 * @param vcovJacobian derivatives of vcov(beta) with respect to theta and sigma
 * @param kenwardRoger Kenward-Roger at the REML variance components ({@code summary(fit, ddf =
 *     "Kenward-Roger")})
 */
public record MixedFit(
    List<String> terms,
    double[] fixedEffects,
    double[] se,
    double[][] vcov,
    double theta,
    double sigma,
    double varCluster,
    double varResidual,
    double icc,
    double remlCriterion,
    boolean singular,
    int n,
    int clusters,
    double[][] varparCovariance,
    double[][][] vcovJacobian,
    KenwardRogerFit kenwardRoger,
    List<String> notes) {

  public MixedFit {
    terms = List.copyOf(terms);
    fixedEffects = fixedEffects.clone();
    se = se.clone();
    vcov = Dense.copy(vcov);
    varparCovariance = Dense.copy(varparCovariance);
    vcovJacobian = new double[][][] {Dense.copy(vcovJacobian[0]), Dense.copy(vcovJacobian[1])};
    notes = List.copyOf(notes);
  }

  @Override
  public double[] fixedEffects() {
    return fixedEffects.clone();
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
  public double[][] varparCovariance() {
    return Dense.copy(varparCovariance);
  }

  @Override
  public double[][][] vcovJacobian() {
    return new double[][][] {Dense.copy(vcovJacobian[0]), Dense.copy(vcovJacobian[1])};
  }

  /**
   * Fixed effect of {@code term} with Satterthwaite df as lmerTest computes them, df = 2 var^2 /
   * (g' A g), g the gradient of var(beta_term) in (theta, sigma) and A {@link #varparCovariance()};
   * t-based 95% interval and two-sided p-value.
   */
  public FixedEffect fixedEffect(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    double var = vcov[j][j];
    double[] g = {vcovJacobian[0][j][j], vcovJacobian[1][j][j]};
    double denom = 0;
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        denom += g[a] * varparCovariance[a][b] * g[b];
      }
    }
    double df = 2 * var * var / denom;
    StudentT t = StudentT.of(fixedEffects[j], Math.sqrt(var), df);
    return new FixedEffect(
        term, t.estimate(), t.se(), df, t.tValue(), t.ciLow(), t.ciHigh(), t.pValue());
  }
}
