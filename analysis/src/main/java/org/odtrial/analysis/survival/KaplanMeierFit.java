package org.odtrial.analysis.survival;

import java.util.Arrays;
import java.util.Optional;

/**
 * A Kaplan-Meier step function with the columns of R's {@code survfit} object: one row per distinct
 * observed time (event or censoring), in increasing order.
 *
 * @param time distinct observed times, increasing
 * @param nRisk number at risk just before each time
 * @param nEvent events at each time
 * @param nCensor censorings at each time
 * @param surv Kaplan-Meier survival just after each time
 * @param stdErr standard error of log S: Greenwood's (survfit's {@code std.err} without clusters;
 *     infinite once S reaches 0), or with clusters the cluster-robust standard error of S divided
 *     by S (survfit's {@code std.err} is then on the survival scale: {@code stdErr * surv}; 0 where
 *     it is 0)
 * @param lower lower pointwise confidence limit (NaN where R gives NA)
 * @param upper upper pointwise confidence limit (NaN where R gives NA)
 * @param confType the confidence interval transform
 * @param confLevel the confidence level, e.g. 0.95
 * @param n number of observations
 * @param clusters number of clusters of the robust variance; 0 for Greenwood's
 * @param influence with clusters, R's {@code influence.surv}: the influence of each cluster (rows,
 *     in increasing order of the cluster codes) on S at each time (columns); null without clusters
 */
public record KaplanMeierFit(
    double[] time,
    int[] nRisk,
    int[] nEvent,
    int[] nCensor,
    double[] surv,
    double[] stdErr,
    double[] lower,
    double[] upper,
    ConfType confType,
    double confLevel,
    int n,
    int clusters,
    double[][] influence) {

  /** Survival at one time as {@code summary(survfit(...), times = t)} reports it. */
  public record SurvivalAt(
      double time, int nRisk, double surv, double stdErr, double lower, double upper) {}

  /** Whether the standard errors are the cluster-robust ones (the fit has an influence matrix). */
  public boolean robust() {
    return influence != null;
  }

  /** Last observed time (event or censoring); 0 observations gives NaN. */
  public double lastTime() {
    return time.length == 0 ? Double.NaN : time[time.length - 1];
  }

  /** Total number of events. */
  public int events() {
    return Arrays.stream(nEvent).sum();
  }

  /**
   * Survival at {@code t} as {@code summary(fit, times = t)} with its default {@code extend =
   * FALSE}: the step function's value at the last time {@code <= t} (1 before the first time), the
   * number at risk at {@code t} (those with time {@code >= t}), and {@code std.err} on the survival
   * scale (S times se(log S)). Times after the last observed time are outside follow-up, where R
   * drops them: this returns empty for such {@code t} (and for non-finite {@code t}).
   */
  public Optional<SurvivalAt> at(double t) {
    if (!Double.isFinite(t) || time.length == 0 || t > lastTime()) {
      return Optional.empty();
    }
    int idx = lastIndexAtOrBefore(t);
    int riskIdx = idx >= 0 && time[idx] == t ? idx : idx + 1;
    int risk = riskIdx < time.length ? nRisk[riskIdx] : 0;
    if (idx < 0) {
      // summary.survfit adds a time-0 row (survfit0): survival 1 with zero variance.
      return Optional.of(new SurvivalAt(t, risk, 1.0, 0.0, 1.0, 1.0));
    }
    return Optional.of(
        new SurvivalAt(t, risk, surv[idx], surv[idx] * stdErr[idx], lower[idx], upper[idx]));
  }

  /** Number at risk at {@code t}: observations with time {@code >= t}. */
  public int nRiskAt(double t) {
    int idx = lastIndexAtOrBefore(t);
    int riskIdx = idx >= 0 && time[idx] == t ? idx : idx + 1;
    return riskIdx < time.length ? nRisk[riskIdx] : 0;
  }

  private int lastIndexAtOrBefore(double t) {
    int lo = 0;
    int hi = time.length - 1;
    int ans = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (time[mid] <= t) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }
}
