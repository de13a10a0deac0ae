package org.odtrial.report.internal;

import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.survival.KaplanMeierFit;

/**
 * A step function of one arm as the figures draw it: the value after each distinct observed time,
 * the number at risk just before it and the censorings at it. Kaplan-Meier survival today; a
 * cumulative-incidence curve of the analysis module, on the same times.
 *
 * @param arm arm code
 * @param time distinct observed times in days, increasing
 * @param value the curve just after each time (a proportion)
 * @param nRisk number at risk just before each time
 * @param nCensor censorings at each time
 * @param start the curve's value before the first time (1 for survival, 0 for incidence)
 */
record StepCurve(
    String arm, double[] time, double[] value, int[] nRisk, int[] nCensor, double start) {

  static StepCurve survival(String arm, KaplanMeierFit f) {
    return new StepCurve(arm, f.time(), f.surv(), f.nRisk(), f.nCensor(), 1);
  }

  /**
   * A cumulative-incidence curve on the times of the arm's Kaplan-Meier curve (every observed time,
   * with its numbers at risk), and the censorings of the competing-risks analysis at them.
   */
  static StepCurve incidence(
      String arm, CumulativeIncidenceFit f, KaplanMeierFit km, int[] censored) {
    double[] t = km.time();
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      int at = i;
      v[i] = f.at(t[i]).map(CumulativeIncidenceFit.Point::estimate).orElse(at > 0 ? v[at - 1] : 0);
    }
    return new StepCurve(arm, t, v, km.nRisk(), censored, 0);
  }

  /** Number at risk at {@code t}: those still observed at t (time >= t), as survfit counts it. */
  int atRisk(double t) {
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= t) {
        return nRisk[i];
      }
    }
    return 0;
  }
}
