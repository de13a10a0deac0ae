package org.odtrial.analysis.survival;

import java.util.Locale;
import org.odtrial.analysis.survival.internal.ConfidenceBands;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * Kaplan-Meier estimator for right-censored data with Greenwood variance, agreeing with {@code
 * survfit(Surv(time, event) ~ 1, conf.type = ..., conf.int = ...)}. Immutable.
 *
 * <p>Times are compared exactly: survfit's {@code timefix} merging of times that differ only by
 * floating-point noise is not applied (integer day counts are unaffected).
 */
public final class KaplanMeier {

  private final double[] time;
  private final boolean[] event;
  private final ConfType confType;
  private final double confLevel;

  private KaplanMeier(double[] time, boolean[] event, ConfType confType, double confLevel) {
    this.time = time;
    this.event = event;
    this.confType = confType;
    this.confLevel = confLevel;
  }

  /** Kaplan-Meier for {@code time[i]} with {@code event[i]} (true = event, false = censored). */
  public static KaplanMeier of(double[] time, boolean[] event) {
    Inputs.checkSurvival(time, event);
    return new KaplanMeier(time.clone(), event.clone(), ConfType.LOG, 0.95);
  }

  /** Confidence interval transform (default {@link ConfType#LOG}, as survfit). */
  public KaplanMeier withConfType(ConfType type) {
    if (type == null) {
      throw new IllegalArgumentException("conf type must not be null");
    }
    return new KaplanMeier(time, event, type, confLevel);
  }

  /** Confidence level in (0, 1) (default 0.95). */
  public KaplanMeier withConfLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "conf level %s not in (0, 1)", level));
    }
    return new KaplanMeier(time, event, confType, level);
  }

  /** Computes the step function. */
  public KaplanMeierFit fit() {
    int n = time.length;
    int[] order = Inputs.orderAscending(time);
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || time[order[k]] != time[order[k - 1]]) {
        distinct++;
      }
    }
    double[] t = new double[distinct];
    int[] nRisk = new int[distinct];
    int[] nEvent = new int[distinct];
    int[] nCensor = new int[distinct];
    double[] surv = new double[distinct];
    double[] se = new double[distinct];
    double[] lower = new double[distinct];
    double[] upper = new double[distinct];
    double z = ConfidenceBands.z(confLevel);
    double s = 1;
    double greenwood = 0;
    int k = 0;
    for (int j = 0; j < distinct; j++) {
      double tj = time[order[k]];
      int risk = n - k;
      int d = 0;
      int c = 0;
      while (k < n && time[order[k]] == tj) {
        if (event[order[k]]) {
          d++;
        } else {
          c++;
        }
        k++;
      }
      if (d > 0) {
        s *= (risk - d) / (double) risk;
        // survfit: d / (n (n - d)) is infinite once everyone at risk dies.
        greenwood += risk == d ? Double.POSITIVE_INFINITY : d / ((double) risk * (risk - d));
      }
      t[j] = tj;
      nRisk[j] = risk;
      nEvent[j] = d;
      nCensor[j] = c;
      surv[j] = s;
      se[j] = Math.sqrt(greenwood);
      double[] lim = ConfidenceBands.limits(s, se[j], confType, z);
      lower[j] = lim[0];
      upper[j] = lim[1];
    }
    return new KaplanMeierFit(
        t, nRisk, nEvent, nCensor, surv, se, lower, upper, confType, confLevel, n);
  }
}
