package org.odtrial.analysis.simulate;

import java.util.List;

/**
 * The operating characteristics of one results row over the reps. Ratios (hazard, rate and
 * subdistribution hazard ratios) are summarised on the log scale, where their standard errors are
 * reported: bias, empirical and model standard errors are then of the log ratio, and the mean
 * estimate is the geometric mean. A figure that cannot be computed (no truth, fewer than two
 * estimates, no interval or p-value) is null. MCSE: Monte Carlo standard error.
 *
 * @param key the row
 * @param estimand its estimand
 * @param logScale whether estimates are summarised on the log scale
 * @param truth what the generator says about the row
 * @param reps reps run
 * @param produced reps whose results hold the row
 * @param estimated reps with an estimate in the row
 * @param meanEstimate mean estimate (geometric mean for ratios)
 * @param bias mean estimate minus the truth (of the log for ratios)
 * @param biasMcse its MCSE: empirical SE / sqrt(estimated)
 * @param empiricalSe standard deviation of the estimates (of the log for ratios)
 * @param empiricalSeMcse its MCSE: empirical SE / sqrt(2 (estimated - 1))
 * @param modelSe mean of the standard errors the rows report
 * @param modelSeMcse its MCSE: standard deviation of the reported SEs / sqrt(their number)
 * @param modelSeReps reps with a standard error
 * @param coverage share of the 95% intervals holding the truth
 * @param coverageMcse sqrt(coverage (1 - coverage) / coverageReps)
 * @param coverageReps reps with an interval (when there is a truth)
 * @param rejection share of p-values at or below 0.05
 * @param rejectionMcse sqrt(rejection (1 - rejection) / rejectionReps)
 * @param rejectionReps reps with a p-value
 * @param notEstimable why the row had no estimate, with the reps of each reason; a rep whose
 *     results lack the row counts under {@link Reason#ABSENT}
 * @param notes notes on rows that were estimated, with their reps
 */
public record RowSummary(
    RowKey key,
    String estimand,
    boolean logScale,
    Truth truth,
    int reps,
    int produced,
    int estimated,
    Double meanEstimate,
    Double bias,
    Double biasMcse,
    Double empiricalSe,
    Double empiricalSeMcse,
    Double modelSe,
    Double modelSeMcse,
    int modelSeReps,
    Double coverage,
    Double coverageMcse,
    int coverageReps,
    Double rejection,
    Double rejectionMcse,
    int rejectionReps,
    List<Reason> notEstimable,
    List<Reason> notes) {

  public RowSummary {
    notEstimable = List.copyOf(notEstimable);
    notes = List.copyOf(notes);
  }

  /** Reps without an estimate, for whatever reason (absent rows included). */
  public int notEstimableReps() {
    return reps - estimated;
  }
}
