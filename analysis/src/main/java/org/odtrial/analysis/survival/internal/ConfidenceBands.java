package org.odtrial.analysis.survival.internal;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.odtrial.analysis.survival.ConfType;

/**
 * Pointwise survival confidence limits, a port of survival's {@code survfit_confint} (logse =
 * TRUE).
 */
public final class ConfidenceBands {

  private ConfidenceBands() {}

  /** Two-sided normal quantile for a confidence level, {@code qnorm(1 - (1 - level) / 2)}. */
  public static double z(double confLevel) {
    return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confLevel) / 2);
  }

  /**
   * Lower and upper limits for survival {@code p} with standard error {@code se} of log(p). NaN
   * stands for R's NA (log with p = 0; log-log with p in {0, 1}).
   */
  public static double[] limits(double p, double se, ConfType type, double z) {
    switch (type) {
      case PLAIN:
        {
          double se2 = se * p * z;
          return new double[] {Math.max(p - se2, 0), Math.min(p + se2, 1)};
        }
      case LOG:
        {
          if (p == 0) {
            return new double[] {Double.NaN, Double.NaN};
          }
          double se2 = z * se;
          return new double[] {
            Math.exp(Math.log(p) - se2), Math.min(Math.exp(Math.log(p) + se2), 1)
          };
        }
      case LOG_LOG:
        {
          if (p == 0 || p == 1) {
            return new double[] {Double.NaN, Double.NaN};
          }
          double se2 = z * se / Math.log(p);
          double ll = Math.log(-Math.log(p));
          return new double[] {Math.exp(-Math.exp(ll - se2)), Math.exp(-Math.exp(ll + se2))};
        }
      default:
        throw new IllegalArgumentException("unknown conf type " + type);
    }
  }
}
