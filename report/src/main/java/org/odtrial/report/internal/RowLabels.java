package org.odtrial.report.internal;

import java.util.Map;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * What each results row is, in plain words, for tables that name analyses rather than show them
 * under an outcome's heading (the estimands and the sensitivity analyses): "Hazard ratio,
 * unadjusted", never "relapse.cox". A recovery row's label leaves out the instrument and month,
 * which the estimand's variable says.
 */
final class RowLabels {
  private static final Map<RowId, String> FIXED =
      Map.ofEntries(
          Map.entry(RowId.RELAPSE_KM, "Relapse-free survival, Kaplan-Meier (ignores clustering)"),
          Map.entry(RowId.RELAPSE_KM_ROBUST, "Relapse-free survival, Kaplan-Meier"),
          Map.entry(RowId.RELAPSE_LOGRANK, "Log-rank test (ignores clustering)"),
          Map.entry(RowId.RELAPSE_LOGRANK_ROBUST, "Log-rank test allowing for clustering"),
          Map.entry(RowId.RELAPSE_COX, "Hazard ratio, unadjusted"),
          Map.entry(RowId.RELAPSE_COX_ADJUSTED, "Hazard ratio, adjusted for baseline covariates"),
          Map.entry(RowId.RELAPSE_COX_STRATIFIED, "Hazard ratio, stratified by site"),
          Map.entry(
              RowId.RELAPSE_RMST,
              "Difference in restricted mean relapse-free time (ignores clustering)"),
          Map.entry(RowId.RELAPSE_RMST_ROBUST, "Difference in restricted mean relapse-free time"),
          Map.entry(RowId.RELAPSE_PERMUTATION, "Randomisation test"),
          Map.entry(RowId.RELAPSE_PH_TEST, "Test of proportional hazards"),
          Map.entry(
              RowId.RELAPSE_OR_DEATH_COX, "Hazard ratio of relapse or death, whichever first"),
          Map.entry(RowId.RELAPSE_CIF, "Cumulative incidence of relapse, death competing"),
          Map.entry(RowId.RELAPSE_GRAY, "Gray's test, death as a competing risk"),
          Map.entry(
              RowId.RELAPSE_FINEGRAY, "Subdistribution hazard ratio, death as a competing risk"),
          Map.entry(RowId.ADMISSIONS_NB, "Rate ratio of admissions"),
          Map.entry(RowId.ADMISSIONS_NB_CR2, "Rate ratio of admissions, small-sample correction"),
          Map.entry(RowId.BED_DAYS_NB, "Rate ratio of bed days"),
          Map.entry(RowId.BED_DAYS_NB_CR2, "Rate ratio of bed days, small-sample correction"),
          Map.entry(RowId.MEETINGS, "Network meetings per participant"),
          Map.entry(RowId.MEETINGS_FIDELITY, "Fidelity of network meetings"));

  private RowLabels() {}

  /** The row's label. */
  static String of(RowId id) {
    String fixed = FIXED.get(id);
    if (fixed != null) {
      return fixed;
    }
    if (id.interactionVariable().isPresent()) {
      return "Test of interaction of arm and " + words(id.interactionVariable().get());
    }
    if (id.subgroupRow().isPresent()) {
      return "Hazard ratio in the subgroup "
          + words(id.subgroupRow().get().variable())
          + " "
          + words(id.subgroupRow().get().level());
    }
    return id.recoveryRow()
        .map(r -> recovery(r.analysis()))
        // a row this version does not know: say so rather than print its id as a label
        .orElse("Analysis unknown to this report");
  }

  private static String recovery(RecoveryAnalysis a) {
    return switch (a) {
      case ANCOVA -> "Mean difference, ANCOVA of complete cases";
      case CR2 -> "Mean difference, ANCOVA with small-sample correction";
      case LMM -> "Mean difference, mixed model of complete cases";
      case LMM_KR -> "Mean difference, mixed model with Kenward-Roger correction";
      case MMRM -> "Mean difference, mixed model for repeated measures (all visits)";
      case MI -> "Mean difference, multiple imputation of missing scores";
      case TIPPING -> "Tipping point: shift of imputed scores that changes the conclusion";
      case CACE -> "Complier average causal effect";
    };
  }

  private static String words(String code) {
    return code.replace('_', ' ');
  }
}
