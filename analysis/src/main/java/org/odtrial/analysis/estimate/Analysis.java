package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;

/**
 * Computes every row of a plan from one load's analysis data: relapse, hospital use, recovery,
 * network meetings, in that order, each as analysis-results v1 specifies.
 */
public final class Analysis {
  private final AnalysisPlan plan;
  private final Consumer<ImputedDataSet> imputations;

  private Analysis(AnalysisPlan plan, Consumer<ImputedDataSet> imputations) {
    this.plan = plan;
    this.imputations = imputations;
  }

  public static Analysis of(AnalysisPlan plan) {
    return new Analysis(plan, null);
  }

  /**
   * The same analysis, handing every completed data set of the multiple-imputation rows to {@code
   * sink} as it is analysed (for {@code --export-imputations}).
   */
  public Analysis withImputations(Consumer<ImputedDataSet> sink) {
    return new Analysis(plan, sink);
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
    boolean[] compliers = Compliance.compliers(data);
    for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
      List<Integer> months = e.getValue();
      List<Estimate> mmrm = MmrmRows.of(data, e.getKey(), months);
      Map<Integer, List<Estimate>> mi =
          ImputationRows.of(data, e.getKey(), months, plan.multipleImputation(), imputations);
      for (int k = 0; k < months.size(); k++) {
        rows.addAll(RecoveryRows.of(data, e.getKey(), months.get(k)));
        rows.add(mmrm.get(k));
        rows.addAll(mi.get(months.get(k)));
        rows.add(CaceRows.of(data, compliers, e.getKey(), months.get(k)));
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
