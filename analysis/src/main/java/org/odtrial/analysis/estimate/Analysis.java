package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;

/**
 * Computes every row of a plan from one load's analysis data: relapse, hospital use, recovery,
 * network meetings, in that order, each as analysis-results v1 specifies.
 */
public final class Analysis {
  private final AnalysisPlan plan;

  private Analysis(AnalysisPlan plan) {
    this.plan = plan;
  }

  public static Analysis of(AnalysisPlan plan) {
    return new Analysis(plan);
  }

  /**
   * Runs the plan.
   *
   * @param data analysis data derived with the plan's horizon
   * @param load load number
   * @param loadSha256 the load's upload SHA-256
   * @param toolVersion odtrial version, recorded in the results
   */
  public Results run(AnalysisData data, int load, String loadSha256, String toolVersion) {
    if (data.horizonDays() != plan.horizonDays()) {
      throw new IllegalArgumentException(
          "data derived with horizon "
              + data.horizonDays()
              + " days, plan says "
              + plan.horizonDays());
    }
    List<String> warnings = new ArrayList<>();
    List<Estimate> rows = new ArrayList<>();
    rows.addAll(RelapseRows.of(data, plan, warnings));
    rows.addAll(ClusteredRelapseRows.of(data, plan));
    rows.addAll(IntercurrentEventRows.of(data, plan, warnings));
    rows.addAll(SubgroupRows.of(data, plan));
    rows.addAll(CountRows.of(data, warnings));
    for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
      for (int month : e.getValue()) {
        rows.addAll(RecoveryRows.of(data, e.getKey(), month));
      }
    }
    rows.addAll(MeetingRows.of(data));
    return new Results(
        toolVersion,
        load,
        loadSha256,
        false,
        plan.name(),
        plan.sha256(),
        plan.horizonDays(),
        rows,
        warnings,
        plan.estimands());
  }
}
