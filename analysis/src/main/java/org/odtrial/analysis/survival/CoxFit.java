package org.odtrial.analysis.survival;

import java.util.List;

/**
 * A fitted Cox proportional hazards model, with the quantities {@code coxph} reports.
 *
 * <p>Aliased coefficients (singular information, e.g. a constant covariate) are NaN where R shows
 * NA, and their rows and columns of {@code var} and {@code robustVar} are NaN (R stores 0).
 *
 * @param names covariate names in column order
 * @param coef log hazard ratios
 * @param var model-based variance (inverse information at the estimate), p x p; R's {@code
 *     naive.var} when clusters are given, else {@code var}
 * @param robustVar Lin-Wei cluster-robust sandwich variance (R's {@code var} with {@code cluster
 *     =}), or null without clusters
 * @param se standard errors used for inference: robust when clusters are given, else model-based
 * @param z Wald statistics coef / se
 * @param pValue two-sided normal p-values of z
 * @param hazardRatio exp(coef)
 * @param hrLower lower limit exp(coef - z_{conf} se)
 * @param hrUpper upper limit exp(coef + z_{conf} se)
 * @param confLevel level of the hazard ratio intervals
 * @param loglikInitial log partial likelihood at beta = 0
 * @param loglikFinal log partial likelihood at the estimate
 * @param scoreTest score (log-rank) test statistic at beta = 0, on {@code scoreDf} degrees of
 *     freedom
 * @param scoreDf rank of the information matrix at beta = 0
 * @param iterations Newton-Raphson iterations used (coxph's {@code iter})
 * @param converged whether the relative change in log likelihood fell below eps
 * @param aliased per coefficient: dropped because the information matrix is singular
 * @param possiblyInfinite per coefficient: R's "Loglik converged before variable k; coefficient may
 *     be infinite" condition (monotone likelihood)
 * @param ties tie handling
 * @param n observations
 * @param events number of events
 * @param clusters number of distinct clusters, 0 without clusters
 * @param notes human-readable warnings, in the spirit of R's warnings
 */
public record CoxFit(
    List<String> names,
    double[] coef,
    double[][] var,
    double[][] robustVar,
    double[] se,
    double[] z,
    double[] pValue,
    double[] hazardRatio,
    double[] hrLower,
    double[] hrUpper,
    double confLevel,
    double loglikInitial,
    double loglikFinal,
    double scoreTest,
    int scoreDf,
    int iterations,
    boolean converged,
    boolean[] aliased,
    boolean[] possiblyInfinite,
    Ties ties,
    int n,
    int events,
    int clusters,
    List<String> notes) {

  public CoxFit {
    names = List.copyOf(names);
    notes = List.copyOf(notes);
  }

  /** Likelihood ratio statistic 2 (loglikFinal - loglikInitial). */
  public double likelihoodRatio() {
    return 2 * (loglikFinal - loglikInitial);
  }

  /** Index of a covariate by name. */
  public int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no covariate named " + name);
    }
    return i;
  }
}
