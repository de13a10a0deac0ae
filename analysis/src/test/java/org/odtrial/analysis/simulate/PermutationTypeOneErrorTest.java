package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.RowId;

/**
 * A test that is exact by construction keeps its level: under the null the restricted permutation
 * test (relapse.permutation) rejects at most 5% of the time, within Monte Carlo error, whether it
 * enumerates the allocations or draws them. In the same reps the log-rank test that ignores
 * clustering rejects far more often, so the simulation does see a test that fails its level.
 */
class PermutationTypeOneErrorTest {
  private static final double Z = 1.959963984540054;

  /**
   * The default plan without the recovery and subgroup rows: the relapse rows asserted here are
   * computed exactly as under the default plan (the same trials, the same p-values), while each rep
   * skips the mixed models and the 20 imputations it does not need (15 times faster a rep).
   */
  private static final String RELAPSE_ONLY = "\"recovery\": {}, \"subgroups\": []";

  /** 8 clusters in one site, 4 OD: 70 allocations, all enumerated. */
  @Test
  void exactEnumerationKeepsItsLevel() {
    SimulationResult r =
        nullStudy(
            PlanReader.read("{" + RELAPSE_ONLY + "}", "relapse rows"),
            SimulationOptions.of(8, 160, 400, 20261203L));
    RowSummary perm = SimulationTest.row(r, RowId.RELAPSE_PERMUTATION);
    assertWithinLevel(perm);
    // p = k / 70 and an allocation and its mirror image give the same statistic, so p <= 0.05
    // only for k = 2: a level of 2/70 = 0.029 at most
    assertThat(perm.rejection()).isLessThanOrEqualTo(2 / 70.0 + Z * perm.rejectionMcse());
    RowSummary greenwood = SimulationTest.row(r, RowId.RELAPSE_LOGRANK);
    assertThat(greenwood.rejection() - Z * greenwood.rejectionMcse()).isGreaterThan(0.10);
  }

  /**
   * 20 clusters in one site: 184,756 allocations, more than are enumerated, so 2,000 are drawn (a
   * plan's own number of draws; fewer than the default 10,000 to keep the test short).
   */
  @Test
  void monteCarloDrawsKeepTheirLevel() {
    AnalysisPlan plan =
        PlanReader.read(
            "{" + RELAPSE_ONLY + ", \"permutation\": {\"draws\": 2000, \"seed\": 7}}",
            "relapse rows, 2,000 draws");
    SimulationResult r =
        nullStudy(plan, SimulationOptions.of(20, 120, 200, 20261204L).withSites(1));
    RowSummary perm = SimulationTest.row(r, RowId.RELAPSE_PERMUTATION);
    assertThat(perm.notes())
        .anySatisfy(n -> assertThat(n.text()).contains("(# + draws at least as extreme) / (# + #"));
    assertWithinLevel(perm);
  }

  private static SimulationResult nullStudy(AnalysisPlan plan, SimulationOptions options) {
    SimulationResult r = Simulation.of(plan, options.withEffectScale(0)).run(2);
    assertThat(r.repsDone()).isEqualTo(options.reps());
    return r;
  }

  /** At or below 0.05 within Monte Carlo error: 0.05 + 1.96 sqrt(0.05 x 0.95 / reps). */
  private static void assertWithinLevel(RowSummary perm) {
    assertThat(perm.truth().nullHolds()).isTrue();
    assertThat(perm.rejectionReps()).isEqualTo(perm.reps());
    assertThat(perm.rejection())
        .isLessThanOrEqualTo(0.05 + Z * Math.sqrt(0.05 * 0.95 / perm.rejectionReps()));
  }
}
