package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.LogRank;
import org.odtrial.analysis.survival.PermutationLogRank;

/**
 * A test that is exact by construction keeps its level: under the null the restricted permutation
 * test (relapse.permutation) rejects at most 5% of the time, within Monte Carlo error, whether it
 * enumerates the allocations or draws them. In the same reps the log-rank test that ignores
 * clustering rejects far more often, so the simulation does see a test that fails its level.
 *
 * <p>Each rep is a trial of the simulation ({@link Simulation#data}); its two p-values are those of
 * the two rows, computed from the trial as the analysis computes them, without the rest of the plan
 * (the count models and competing-risks rows that were nearly all of a rep's cost). The first reps
 * of each study are also run through the whole plan ({@link Simulation#rep}) and must give exactly
 * these p-values, so the study is the simulation's.
 */
class PermutationTypeOneErrorTest {
  private static final double Z = 1.959963984540054;

  /** The reps of each study that are also analysed with the whole plan. */
  private static final int CHECKED_REPS = 3;

  /** The default plan without the recovery and subgroup rows: the relapse rows are unchanged. */
  private static final String RELAPSE_ONLY = "\"recovery\": {}, \"subgroups\": []";

  /** 8 clusters in one site, 4 OD: 70 allocations, all enumerated. */
  @Test
  void exactEnumerationKeepsItsLevel() {
    Study s =
        nullStudy(
            PlanReader.read("{" + RELAPSE_ONLY + "}", "relapse rows"),
            SimulationOptions.of(8, 160, 400, 20261203L));
    assertWithinLevel(s.permutation);
    // p = k / 70 and an allocation and its mirror image give the same statistic, so p <= 0.05
    // only for k = 2: a level of 2/70 = 0.029 at most
    assertThat(s.permutation.rejection()).isLessThanOrEqualTo(2 / 70.0 + Z * s.permutation.mcse());
    assertThat(s.logRank.rejection() - Z * s.logRank.mcse()).isGreaterThan(0.10);
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
    Study s = nullStudy(plan, SimulationOptions.of(20, 120, 200, 20261204L).withSites(1));
    assertThat(s.permutationNote)
        .contains("p = (1 + draws at least as extreme) / (1 + 2000 draws)");
    assertWithinLevel(s.permutation);
  }

  /** Share of reps with p at or below 0.05, and its Monte Carlo standard error. */
  record Rejection(int rejected, int reps) {
    double rejection() {
      return rejected / (double) reps;
    }

    double mcse() {
      double r = rejection();
      return Math.sqrt(r * (1 - r) / reps);
    }
  }

  record Study(Rejection permutation, Rejection logRank, String permutationNote) {}

  /** The reps of the simulation under the null (no arm effect): both tests' rejections. */
  private static Study nullStudy(AnalysisPlan plan, SimulationOptions options) {
    Simulation sim = Simulation.of(plan, options.withEffectScale(0));
    int permutation = 0;
    int logRank = 0;
    String note = null;
    for (int rep = 0; rep < options.reps(); rep++) {
      double[] p = pValues(sim.data(rep), plan.permutation());
      if (rep < CHECKED_REPS) {
        Results whole = sim.rep(rep);
        assertThat(p[0])
            .as("rep %d", rep)
            .isEqualTo(row(whole, RowId.RELAPSE_PERMUTATION).pValue());
        assertThat(p[1]).as("rep %d", rep).isEqualTo(row(whole, RowId.RELAPSE_LOGRANK).pValue());
        note = row(whole, RowId.RELAPSE_PERMUTATION).note();
      }
      permutation += p[0] <= SimulationResult.ALPHA ? 1 : 0;
      logRank += p[1] <= SimulationResult.ALPHA ? 1 : 0;
    }
    return new Study(
        new Rejection(permutation, options.reps()), new Rejection(logRank, options.reps()), note);
  }

  private static Estimate row(Results r, RowId id) {
    return r.estimates().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  /**
   * The p-values of relapse.permutation and relapse.logrank on one trial, with the inputs the
   * analysis gives them: time to relapse or censoring, clusters numbered in the clusters file's
   * order, sites in the order of their ids. Every rep must have both arms and relapses (a rep
   * without would make the row not estimable, and this study would not count it).
   */
  private static double[] pValues(AnalysisData data, AnalysisPlan.Permutation settings) {
    List<Participant> ps = data.participants();
    assertThat(ps).anyMatch(Participant::isOd).anyMatch(p -> !p.isOd());
    assertThat(ps).anyMatch(Participant::relapse);
    Map<String, Integer> clusterIndex = new HashMap<>();
    for (Cluster c : data.clusters()) {
      clusterIndex.putIfAbsent(c.clusterId(), clusterIndex.size());
    }
    assertThat(ps).allMatch(p -> clusterIndex.containsKey(p.clusterId()));
    Map<String, Integer> siteCode = new TreeMap<>();
    data.clusters().forEach(c -> siteCode.putIfAbsent(c.siteId(), 0));
    int s = 0;
    for (Map.Entry<String, Integer> e : siteCode.entrySet()) {
      e.setValue(s++);
    }
    int[] site = new int[clusterIndex.size()];
    boolean[] od = new boolean[clusterIndex.size()];
    for (Cluster c : data.clusters()) {
      site[clusterIndex.get(c.clusterId())] = siteCode.get(c.siteId());
      od[clusterIndex.get(c.clusterId())] = "OD".equals(c.arm());
    }
    double[] time = ps.stream().mapToDouble(Participant::relapseDays).toArray();
    boolean[] event = new boolean[ps.size()];
    for (int i = 0; i < event.length; i++) {
      event[i] = ps.get(i).relapse();
    }
    int[] cluster = ps.stream().mapToInt(p -> clusterIndex.get(p.clusterId())).toArray();
    double permutation =
        PermutationLogRank.of(time, event, cluster, site, od)
            .withDraws(settings.draws())
            .withSeed(settings.seed())
            .test()
            .pValue();
    int[] group = ps.stream().mapToInt(p -> p.isOd() ? 1 : 0).toArray();
    double logRank = LogRank.of(time, event, group).test().pValue();
    return new double[] {permutation, logRank};
  }

  /** At or below 0.05 within Monte Carlo error: 0.05 + 1.96 sqrt(0.05 x 0.95 / reps). */
  private static void assertWithinLevel(Rejection perm) {
    assertThat(perm.rejection())
        .isLessThanOrEqualTo(SimulationResult.ALPHA + Z * Math.sqrt(0.05 * 0.95 / perm.reps()));
  }
}
