package org.odtrial.analysis.simulate;

import java.util.List;

/**
 * A simulation study of a plan: what was simulated, how many reps ran, and every row's operating
 * characteristics, in the order of the plan's results.
 *
 * @param options what was simulated
 * @param planName the plan's name
 * @param planSha256 the SHA-256 of the plan's canonical form
 * @param horizonDays the plan's horizon
 * @param repsDone reps summarised: all of them, or after an interruption the first repsDone (the
 *     result is then exactly that of {@code reps = repsDone})
 * @param interrupted whether the run was stopped before all reps were done
 * @param rows one summary per results row, in results order
 * @param warnings the analysis-level warnings of the reps, numbers masked, with their reps
 */
public record SimulationResult(
    SimulationOptions options,
    String planName,
    String planSha256,
    int horizonDays,
    int repsDone,
    boolean interrupted,
    List<RowSummary> rows,
    List<Reason> warnings) {

  /** Nominal coverage of the rows' intervals. */
  public static final double NOMINAL_COVERAGE = 0.95;

  /** Significance level of the rejection rates. */
  public static final double ALPHA = 0.05;

  public SimulationResult {
    rows = List.copyOf(rows);
    warnings = List.copyOf(warnings);
  }
}
