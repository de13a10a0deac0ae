package org.odtrial.analysis.imputation;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.odtrial.analysis.internal.StudentT;

/**
 * Rubin's rules for a scalar estimate from m completed-data analyses, with the small-sample degrees
 * of freedom of Barnard and Rubin (1999), exactly as {@code mice::pool.scalar(Q, U, n = dfcom + 1,
 * k = 1)} (mice 3.15): Qbar = mean Q, Ubar = mean U, B = var(Q) (denominator m - 1), T = Ubar + (1
 * + 1/m) B, r = (1 + 1/m) B / Ubar, lambda = (1 + 1/m) B / T (at least 1e-4, mice's floor), nu_old
 * = (m - 1) / lambda^2, nu_obs = (nu_com + 1)/(nu_com + 3) nu_com (1 - lambda), nu = nu_old nu_obs
 * / (nu_old + nu_obs), fmi = (r + 2/(nu + 3)) / (r + 1); interval Qbar -/+ qt(0.975, nu) sqrt(T), p
 * = 2 pt(-|Qbar|/sqrt(T), nu).
 *
 * @param estimate Qbar
 * @param se sqrt(T)
 * @param df nu, the Barnard-Rubin degrees of freedom
 * @param within Ubar
 * @param between B
 * @param riv r, the relative increase in variance due to missing data
 * @param lambda (1 + 1/m) B / T, the proportion of the variance due to missing data (unfloored)
 * @param fmi the fraction of missing information
 * @param dfComplete nu_com, the complete-data degrees of freedom used
 * @param imputations m
 */
public record RubinsRules(
    double estimate,
    double se,
    double df,
    double ciLow,
    double ciHigh,
    double pValue,
    double within,
    double between,
    double riv,
    double lambda,
    double fmi,
    double dfComplete,
    int imputations) {

  /** mice's floor on lambda in the Barnard-Rubin df. */
  public static final double LAMBDA_FLOOR = 1e-4;

  /**
   * @param estimates Q_1..Q_m
   * @param variances U_1..U_m (squared standard errors)
   * @param dfComplete the complete-data degrees of freedom nu_com (may be infinite)
   */
  public static RubinsRules pool(double[] estimates, double[] variances, double dfComplete) {
    Pooled p = Pooled.of(estimates, variances, dfComplete);
    StudentT t = StudentT.of(p.qbar, Math.sqrt(p.total), p.df);
    return new RubinsRules(
        p.qbar,
        t.se(),
        p.df,
        t.ciLow(),
        t.ciHigh(),
        t.pValue(),
        p.ubar,
        p.b,
        p.r,
        p.lambda,
        p.fmi,
        dfComplete,
        estimates.length);
  }

  /**
   * The pooled estimate and its p-value alone, exactly (bit for bit) {@code pool(...).estimate()}
   * and {@code .pValue()}, without the interval's t quantile (a root search): the tipping-point
   * grid needs only these.
   *
   * @return {Qbar, p}
   */
  public static double[] estimateAndPValue(
      double[] estimates, double[] variances, double dfComplete) {
    Pooled p = Pooled.of(estimates, variances, dfComplete);
    // StudentT.of's p-value: 2 pt(-|t|, df) on the same distribution
    TDistribution t = new TDistribution(null, p.df, 1e-14);
    double tv = p.qbar / Math.sqrt(p.total);
    return new double[] {p.qbar, 2 * t.cumulativeProbability(-Math.abs(tv))};
  }

  /** Qbar, Ubar, B, T, r, lambda, the Barnard-Rubin df and fmi. */
  private record Pooled(
      double qbar,
      double ubar,
      double b,
      double total,
      double r,
      double lambda,
      double df,
      double fmi) {
    static Pooled of(double[] estimates, double[] variances, double dfComplete) {
      int m = estimates.length;
      if (m < 2 || variances.length != m) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "Rubin's rules need at least 2 estimates with one variance each (got %d and %d)",
                m,
                variances.length));
      }
      double qbar = mean(estimates);
      double ubar = mean(variances);
      double b = 0;
      for (double q : estimates) {
        b += (q - qbar) * (q - qbar);
      }
      b /= m - 1;
      double inflate = 1 + 1.0 / m;
      double total = ubar + inflate * b;
      double r = inflate * b / ubar;
      double lambda = inflate * b / total;
      double l = Math.max(lambda, LAMBDA_FLOOR);
      double dfOld = (m - 1) / (l * l);
      double df;
      if (Double.isInfinite(dfComplete)) {
        df = dfOld;
      } else {
        double dfObs = (dfComplete + 1) / (dfComplete + 3) * dfComplete * (1 - l);
        df = dfOld * dfObs / (dfOld + dfObs);
      }
      double fmi = (r + 2 / (df + 3)) / (r + 1);
      return new Pooled(qbar, ubar, b, total, r, lambda, df, fmi);
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
