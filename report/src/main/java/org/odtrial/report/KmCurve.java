package org.odtrial.report;

import java.util.Arrays;

/**
 * A Kaplan-Meier curve of one arm as a step function: {@code survival[i]} is S(t) from {@code
 * time[i]} on (S = 1 before the first time), with pointwise 95% limits; numbers at risk at the tick
 * times drawn beneath the plot.
 *
 * @param arm {@code OD} or {@code TAU}
 * @param time increasing times in days
 * @param survival S(t) after each time
 * @param lower lower 95% limit after each time (NaN where undefined)
 * @param upper upper 95% limit after each time (NaN where undefined)
 * @param atRiskTimes tick times in days
 * @param atRisk numbers at risk at those times
 */
public record KmCurve(
    String arm,
    double[] time,
    double[] survival,
    double[] lower,
    double[] upper,
    int[] atRiskTimes,
    int[] atRisk) {

  public KmCurve {
    if (time.length != survival.length
        || time.length != lower.length
        || time.length != upper.length) {
      throw new ReportException(
          "Kaplan-Meier curve of " + arm + ": time, survival and limits differ in length");
    }
    if (atRiskTimes.length != atRisk.length) {
      throw new ReportException(
          "Kaplan-Meier curve of " + arm + ": at-risk times and counts differ in length");
    }
    time = time.clone();
    survival = survival.clone();
    lower = lower.clone();
    upper = upper.clone();
    atRiskTimes = atRiskTimes.clone();
    atRisk = atRisk.clone();
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public double[] survival() {
    return survival.clone();
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  @Override
  public int[] atRiskTimes() {
    return atRiskTimes.clone();
  }

  @Override
  public int[] atRisk() {
    return atRisk.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KmCurve k
        && arm.equals(k.arm)
        && Arrays.equals(time, k.time)
        && Arrays.equals(survival, k.survival)
        && Arrays.equals(lower, k.lower)
        && Arrays.equals(upper, k.upper)
        && Arrays.equals(atRiskTimes, k.atRiskTimes)
        && Arrays.equals(atRisk, k.atRisk);
  }

  @Override
  public int hashCode() {
    return arm.hashCode() * 31 + Arrays.hashCode(survival);
  }

  @Override
  public String toString() {
    return "KmCurve[" + arm + ", " + time.length + " steps]";
  }
}
