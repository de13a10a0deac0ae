package org.odtrial.analysis.competing;

import java.util.Arrays;
import org.odtrial.analysis.competing.internal.Status;

/**
 * Cumulative incidence of one cause in the presence of competing causes (the Aalen-Johansen
 * estimator for competing risks), with the variance {@code cmprsk::cuminc} reports (Gray's Fortran
 * routine {@code cinc}, cmprsk 2.2-11). Immutable.
 *
 * <p>With distinct times t_1 < t_2 < ..., n_k at risk just before t_k, d1_k events of the cause and
 * d2_k of other causes at t_k, and S(t) the Kaplan-Meier estimate of being free of any event: F(t)
 * = sum_{t_k <= t} S(t_{k-1}) d1_k / n_k. The variance is updated at every event time and reported
 * at the cause's event times, as cuminc does (see docs/methods-survival.md).
 */
public final class CumulativeIncidence {
  private final double[] time;
  private final int[] status;
  private final int cause;

  private CumulativeIncidence(double[] time, int[] status, int cause) {
    this.time = time;
    this.status = status;
    this.cause = cause;
  }

  /**
   * Estimator for times and status codes: 0 censored, any positive code an event of that cause
   * (cmprsk's {@code fstatus} with {@code cencode = 0}). The cause of interest is 1 unless {@link
   * #forCause} says otherwise.
   */
  public static CumulativeIncidence of(double[] time, int[] status) {
    Status.check(time, status, 1);
    return new CumulativeIncidence(time.clone(), status.clone(), 1);
  }

  /** The cause whose cumulative incidence is estimated; every other positive code competes. */
  public CumulativeIncidence forCause(int c) {
    Status.check(time, status, c);
    return new CumulativeIncidence(time, status, c);
  }

  /** Estimates the curve. An empty sample gives an empty curve with last time NaN. */
  public CumulativeIncidenceFit fit() {
    int n = time.length;
    int[] order = Status.byTime(time);
    double[] jumpTime = new double[n];
    double[] jumpEstimate = new double[n];
    double[] jumpVariance = new double[n];
    int jumps = 0;
    int events = 0;
    int competing = 0;
    double freeOfAny = 1; // S(t-) of the Kaplan-Meier of any event
    double incidence = 0;
    double v1 = 0;
    double v2 = 0;
    double v3 = 0;
    double atRisk = n;
    int k = 0;
    while (k < n) {
      double t = time[order[k]];
      int end = k;
      int d1 = 0;
      int d2 = 0;
      while (end < n && time[order[end]] == t) {
        int s = status[order[end]];
        if (s == cause) {
          d1++;
        } else if (s != 0) {
          d2++;
        }
        end++;
      }
      int d = d1 + d2;
      if (d > 0) {
        double freeAfter = freeOfAny * (atRisk - d) / atRisk;
        if (d1 > 0) {
          incidence += freeOfAny * d1 / atRisk;
        }
        if (d2 > 0 && freeAfter > 0) {
          double term = varianceTerm(freeOfAny, d2, atRisk);
          double t3 = 1 / freeAfter;
          double t4 = incidence / freeAfter;
          v1 += t4 * t4 * term;
          v2 += t3 * t4 * term;
          v3 += t3 * t3 * term;
        }
        if (d1 > 0) {
          double term = varianceTerm(freeOfAny, d1, atRisk);
          double t3 = freeAfter > 0 ? 1 / freeAfter : 0;
          double t4 = 1 + t3 * incidence;
          v1 += t4 * t4 * term;
          v2 += t3 * t4 * term;
          v3 += t3 * t3 * term;
          jumpTime[jumps] = t;
          jumpEstimate[jumps] = incidence;
          jumpVariance[jumps] = v1 + incidence * incidence * v3 - 2 * incidence * v2;
          jumps++;
        }
        freeOfAny = freeAfter;
        events += d1;
        competing += d2;
      }
      atRisk = n - end;
      k = end;
    }
    return new CumulativeIncidenceFit(
        cause,
        Arrays.copyOf(jumpTime, jumps),
        Arrays.copyOf(jumpEstimate, jumps),
        Arrays.copyOf(jumpVariance, jumps),
        n == 0 ? Double.NaN : time[order[n - 1]],
        n,
        events,
        competing);
  }

  /** S(t-)^2 (1 - (d - 1)/(n - 1)) d / n^2, the tie-corrected variance increment of cinc. */
  private static double varianceTerm(double freeOfAny, int d, double atRisk) {
    double tie = d > 1 ? 1 - (d - 1.0) / (atRisk - 1.0) : 1;
    return freeOfAny * freeOfAny * tie * d / (atRisk * atRisk);
  }
}
