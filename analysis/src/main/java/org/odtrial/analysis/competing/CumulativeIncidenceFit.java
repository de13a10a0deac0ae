package org.odtrial.analysis.competing;

import java.util.Optional;

/**
 * A cumulative incidence curve: a right-continuous step function that starts at 0 and jumps at the
 * event times of its cause, flat from the last jump to the last observed time (event of any cause
 * or censoring), with the variance {@code cmprsk::cuminc} reports at each jump.
 *
 * @param cause the cause whose incidence this is
 * @param time the distinct event times of the cause, increasing (where the curve jumps)
 * @param estimate the cumulative incidence just after each jump
 * @param variance its variance just after each jump
 * @param lastTime the last observed time; the curve is not defined beyond it (NaN when empty)
 * @param n observations
 * @param events events of the cause
 * @param competingEvents events of every other cause
 */
public record CumulativeIncidenceFit(
    int cause,
    double[] time,
    double[] estimate,
    double[] variance,
    double lastTime,
    int n,
    int events,
    int competingEvents) {

  /** The curve at one time: estimate, variance and standard error. */
  public record Point(double time, double estimate, double variance) {
    public double se() {
      return Math.sqrt(variance);
    }
  }

  public CumulativeIncidenceFit {
    time = time.clone();
    estimate = estimate.clone();
    variance = variance.clone();
  }

  @Override
  public double[] time() {
    return time.clone();
  }

  @Override
  public double[] estimate() {
    return estimate.clone();
  }

  @Override
  public double[] variance() {
    return variance.clone();
  }

  /**
   * The curve at {@code t} as {@code cmprsk::timepoints(fit, t)}: the value after the last jump at
   * or before t (0 with variance 0 before the first jump); empty beyond the last observed time
   * (cuminc's NA) and for non-finite t.
   */
  public Optional<Point> at(double t) {
    if (!Double.isFinite(t) || n == 0 || t > lastTime) {
      return Optional.empty();
    }
    int lo = 0;
    int hi = time.length - 1;
    int idx = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (time[mid] <= t) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.of(idx < 0 ? new Point(t, 0, 0) : new Point(t, estimate[idx], variance[idx]));
  }
}
