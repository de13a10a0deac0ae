package org.odtrial.analysis.internal;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Wald t test on real degrees of freedom, as R computes it: t = estimate / se, two-sided p = 2
 * pt(-|t|, df), 95% interval estimate -/+ qt(0.975, df) se. Shared by the linear, mixed and
 * small-sample (CR2, Kenward-Roger) models.
 */
public record StudentT(
    double estimate,
    double se,
    double df,
    double tValue,
    double ciLow,
    double ciHigh,
    double pValue) {

  public static StudentT of(double estimate, double se, double df) {
    TDistribution t = new TDistribution(null, df, 1e-14);
    double q = t.inverseCumulativeProbability(0.975);
    double tv = estimate / se;
    return new StudentT(
        estimate,
        se,
        df,
        tv,
        estimate - q * se,
        estimate + q * se,
        2 * t.cumulativeProbability(-Math.abs(tv)));
  }
}
