package org.odtrial.analysis.simulate.internal;

import org.odtrial.analysis.simulate.Reason;
import org.odtrial.analysis.simulate.RowKey;
import org.odtrial.analysis.simulate.RowSummary;
import org.odtrial.analysis.simulate.SimulationResult;
import org.odtrial.analysis.simulate.TrueValues;
import org.odtrial.analysis.simulate.Truth;

/** The running summary of one results row, fed one rep at a time in rep order. */
final class RowTally {
  private final RowKey key;
  private final String estimand;
  private final boolean logScale;
  private final Truth truth;
  private final Double truthOnScale;
  private final Welford estimates = new Welford();
  private final Welford ses = new Welford();
  private final ReasonCount notEstimable = new ReasonCount();
  private final ReasonCount notes = new ReasonCount();
  private int produced;
  private int withCi;
  private int covered;
  private int withP;
  private int rejected;

  RowTally(RepRow first, double effectScale) {
    this.key = first.key();
    this.estimand = first.estimand();
    this.logScale = TrueValues.RATIOS.contains(estimand);
    this.truth = TrueValues.of(key, estimand, first.comparesArms(), effectScale);
    this.truthOnScale =
        truth.value() == null ? null : logScale ? Math.log(truth.value()) : truth.value();
  }

  void add(RepRow r, int rep) {
    produced++;
    Double est = r.estimate();
    if (est == null) {
      notEstimable.add(ReasonCount.mask(r.note()), rep);
      return;
    }
    if (logScale && !(est > 0)) {
      notEstimable.add("estimate " + est + " of a ratio is not positive", rep);
      return;
    }
    if (r.note() != null) {
      notes.addParts(r.note(), rep);
    }
    estimates.add(logScale ? Math.log(est) : est);
    if (r.se() != null) {
      ses.add(r.se());
    }
    if (truth.value() != null && r.ciLow() != null && r.ciHigh() != null) {
      withCi++;
      if (r.ciLow() <= truth.value() && truth.value() <= r.ciHigh()) {
        covered++;
      }
    }
    if (r.pValue() != null) {
      withP++;
      if (r.pValue() <= SimulationResult.ALPHA) {
        rejected++;
      }
    }
  }

  /** A rep whose results lack this row. */
  void absent(int rep) {
    notEstimable.add(Reason.ABSENT, rep);
  }

  RowSummary summary(int reps) {
    int n = estimates.n();
    Double mean = estimates.mean();
    Double sd = estimates.sd();
    Double bias = mean == null || truthOnScale == null ? null : mean - truthOnScale;
    Double seOfSd = ses.sd();
    return new RowSummary(
        key,
        estimand,
        logScale,
        truth,
        reps,
        produced,
        n,
        mean == null ? null : logScale ? Math.exp(mean) : mean,
        bias,
        bias == null || sd == null ? null : sd / Math.sqrt(n),
        sd,
        sd == null ? null : sd / Math.sqrt(2.0 * (n - 1)),
        ses.mean(),
        seOfSd == null ? null : seOfSd / Math.sqrt(ses.n()),
        ses.n(),
        share(covered, withCi),
        mcse(covered, withCi),
        withCi,
        share(rejected, withP),
        mcse(rejected, withP),
        withP,
        notEstimable.reasons(),
        notes.reasons());
  }

  private static Double share(int k, int n) {
    return n == 0 ? null : (double) k / n;
  }

  private static Double mcse(int k, int n) {
    if (n == 0) {
      return null;
    }
    double p = (double) k / n;
    return Math.sqrt(p * (1 - p) / n);
  }
}
