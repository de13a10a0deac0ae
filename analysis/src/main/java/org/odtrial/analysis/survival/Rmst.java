package org.odtrial.analysis.survival;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.odtrial.analysis.survival.internal.ConfidenceBands;

/**
 * Restricted mean survival time up to {@code tau} from a Kaplan-Meier fit, with the standard error
 * that {@code print(survfit(...), rmean = tau)} reports (survival's {@code survmean}).
 */
public final class Rmst {

  private Rmst() {}

  /**
   * RMST of one curve.
   *
   * @param rmean area under the Kaplan-Meier curve from min(0, first time) to tau
   * @param se survmean's se(rmean): sqrt(sum_k A_k^2 d_k / (n_k (n_k - d_k))) over event times t_k
   *     <= tau, where A_k is the area under the curve from t_k to tau
   * @param beyondFollowUp true when tau exceeds the last observed time: R then extends the last
   *     survival value flat up to tau, and so does this (see {@code notes})
   */
  public record Result(
      double tau, double rmean, double se, boolean beyondFollowUp, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Difference of two RMSTs (first minus second) with se = sqrt of the summed variances and a
   * normal confidence interval.
   */
  public record Difference(
      double tau,
      double estimate,
      double se,
      double ciLow,
      double ciHigh,
      double confLevel,
      List<String> notes) {
    public Difference {
      notes = List.copyOf(notes);
    }

    /** Two-sided normal p-value of estimate / se: 2 Phi(-|estimate / se|). */
    public double pValue() {
      return 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(estimate / se));
    }
  }

  /** RMST of {@code fit} up to {@code tau}; {@code tau} must not be below the curve's start. */
  public static Result of(KaplanMeierFit fit, double tau) {
    double[] time = fit.time();
    double start = time.length == 0 ? 0 : Math.min(0, time[0]);
    if (!Double.isFinite(tau) || tau < start) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "tau %s is not a finite time at or after the curve's start %s",
              tau,
              start));
    }
    int keep = 0;
    while (keep < time.length && time[keep] <= tau) {
      keep++;
    }
    // survmean: rectangles between consecutive kept times, then a last one up to tau.
    double[] rect = new double[keep + 1];
    double prevTime = start;
    double prevSurv = 1;
    for (int k = 0; k < keep; k++) {
      rect[k] = (time[k] - prevTime) * prevSurv;
      prevTime = time[k];
      prevSurv = fit.surv()[k];
    }
    rect[keep] = (tau - prevTime) * prevSurv;
    double mean = start;
    for (double r : rect) {
      mean += r;
    }
    double var = 0;
    double tail = 0;
    for (int k = keep - 1; k >= 0; k--) {
      tail += rect[k + 1];
      int risk = fit.nRisk()[k];
      int d = fit.nEvent()[k];
      double h = risk - d == 0 ? 0 : d / ((double) risk * (risk - d));
      var += tail * tail * h;
    }
    List<String> notes = new ArrayList<>();
    boolean beyond = time.length == 0 || tau > fit.lastTime();
    if (beyond) {
      notes.add(
          String.format(
              Locale.ROOT,
              "tau %s is beyond the last follow-up time %s: the last survival value is carried "
                  + "forward to tau, as R's survmean does",
              fmt(tau),
              fmt(fit.lastTime())));
    }
    return new Result(tau, mean, Math.sqrt(var), beyond, notes);
  }

  /**
   * RMST of a clustered fit ({@link KaplanMeier#withClusters(int[])}) up to {@code tau}, with the
   * cluster-robust standard error: the influence of cluster g on the area is the sum over the
   * curve's steps [t_j, t_{j+1}) that start below tau of influence[g][j] * (min(t_{j+1}, tau) -
   * t_j), the last step running to tau; se = sqrt(sum_g influence_g^2). The area is that of {@link
   * #of}.
   *
   * @throws IllegalArgumentException if the fit has no cluster influence
   */
  public static Result clustered(KaplanMeierFit fit, double tau) {
    if (!fit.robust()) {
      throw new IllegalArgumentException(
          "a cluster-robust RMST needs a Kaplan-Meier fit with clusters");
    }
    Result area = of(fit, tau);
    double[] time = fit.time();
    double[][] influence = fit.influence();
    double var = 0;
    for (double[] row : influence) {
      double onArea = 0;
      for (int j = 0; j < time.length && time[j] < tau; j++) {
        double next = j + 1 < time.length ? Math.min(time[j + 1], tau) : tau;
        onArea += row[j] * (next - time[j]);
      }
      var += onArea * onArea;
    }
    return new Result(tau, area.rmean(), Math.sqrt(var), area.beyondFollowUp(), area.notes());
  }

  /** {@code a - b} with se = sqrt(se_a^2 + se_b^2) and a normal CI at {@code confLevel}. */
  public static Difference difference(Result a, Result b, double confLevel) {
    if (a.tau() != b.tau()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "RMSTs restricted at different times %s and %s", a.tau(), b.tau()));
    }
    if (!(confLevel > 0 && confLevel < 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "conf level %s not in (0, 1)", confLevel));
    }
    double est = a.rmean() - b.rmean();
    double se = Math.sqrt(a.se() * a.se() + b.se() * b.se());
    double z = ConfidenceBands.z(confLevel);
    List<String> notes = new ArrayList<>(a.notes());
    notes.addAll(b.notes());
    return new Difference(a.tau(), est, se, est - z * se, est + z * se, confLevel, notes);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
