package org.odtrial.analysis.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.analysis.plan.Estimand.Event;
import org.odtrial.analysis.plan.Estimand.MissingData;
import org.odtrial.analysis.plan.Estimand.Outcome;
import org.odtrial.analysis.plan.Estimand.Population;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.plan.Estimand.Summary;
import org.odtrial.analysis.plan.Estimand.Variable;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * The estimands of a plan that does not write its own (the default plan, a version-1 plan file, a
 * version-2 file without {@code estimands}): ODDESSI's questions, built from the plan's instruments
 * and months.
 */
final class DefaultEstimands {
  private DefaultEstimands() {}

  static List<Estimand> of(Map<String, List<Integer>> recovery) {
    List<Estimand> out = new ArrayList<>();
    Variable relapse = Variable.of(Outcome.RELAPSE);
    out.add(
        estimand(
            "relapse",
            "Time to first relapse, death a competing risk",
            true,
            null,
            relapse,
            Strategy.COMPETING_RISKS,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.SUBDISTRIBUTION_HAZARD_RATIO,
            RowId.RELAPSE_FINEGRAY,
            List.of(RowId.RELAPSE_GRAY)));
    out.add(
        estimand(
            "relapse_or_death",
            "Time to first relapse or death",
            false,
            "relapse",
            relapse,
            Strategy.COMPOSITE,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.HAZARD_RATIO,
            RowId.RELAPSE_OR_DEATH_COX,
            List.of()));
    out.add(
        estimand(
            "relapse_censored_at_death",
            "Time to first relapse, death censored",
            false,
            "relapse",
            relapse,
            Strategy.HYPOTHETICAL,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.HAZARD_RATIO,
            RowId.RELAPSE_COX,
            List.of(
                RowId.RELAPSE_COX_STRATIFIED,
                RowId.RELAPSE_COX_ADJUSTED,
                RowId.RELAPSE_LOGRANK_ROBUST,
                RowId.RELAPSE_PERMUTATION)));
    out.add(
        estimand(
            "relapse_free_time",
            "Mean relapse-free time up to the horizon, death censored",
            false,
            "relapse",
            relapse,
            Strategy.HYPOTHETICAL,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.RMST_DIFFERENCE,
            RowId.RELAPSE_RMST_ROBUST,
            List.of()));
    out.add(
        estimand(
            "admissions",
            "Admissions to acute care",
            false,
            null,
            Variable.of(Outcome.ADMISSIONS),
            Strategy.WHILE_ALIVE,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.RATE_RATIO,
            RowId.ADMISSIONS_NB_CR2,
            List.of(RowId.ADMISSIONS_NB)));
    out.add(
        estimand(
            "bed_days",
            "Days in acute care",
            false,
            null,
            Variable.of(Outcome.BED_DAYS),
            Strategy.WHILE_ALIVE,
            Strategy.TREATMENT_POLICY,
            null,
            Summary.RATE_RATIO,
            RowId.BED_DAYS_NB_CR2,
            List.of(RowId.BED_DAYS_NB)));
    recovery.forEach(
        (instrument, months) -> {
          for (int month : months) {
            String id = String.format(Locale.ROOT, "%s_m%d", instrument, month);
            Variable score = Variable.score(instrument, month);
            out.add(
                estimand(
                    id,
                    String.format(Locale.ROOT, "%s at month %d", theme(instrument), month),
                    false,
                    null,
                    score,
                    Strategy.HYPOTHETICAL,
                    Strategy.TREATMENT_POLICY,
                    MissingData.MISSING_AT_RANDOM,
                    Summary.MEAN_DIFFERENCE,
                    RowId.recovery(instrument, month, RecoveryAnalysis.MMRM),
                    List.of(
                        RowId.recovery(instrument, month, RecoveryAnalysis.MI),
                        RowId.recovery(instrument, month, RecoveryAnalysis.TIPPING),
                        RowId.recovery(instrument, month, RecoveryAnalysis.CR2),
                        RowId.recovery(instrument, month, RecoveryAnalysis.LMM_KR))));
            out.add(
                estimand(
                    id + "_cace",
                    String.format(
                        Locale.ROOT,
                        "%s at month %d, among those who would receive Open Dialogue",
                        theme(instrument),
                        month),
                    false,
                    id,
                    score,
                    Strategy.HYPOTHETICAL,
                    Strategy.PRINCIPAL_STRATUM,
                    MissingData.COMPLETE_CASES,
                    Summary.MEAN_DIFFERENCE,
                    RowId.recovery(instrument, month, RecoveryAnalysis.CACE),
                    List.of()));
          }
        });
    return out;
  }

  /** What an instrument measures, for labels: "Recovery (QPR)". */
  private static String theme(String instrument) {
    String what =
        switch (instrument) {
          case "QPR" -> "Recovery";
          case "BPRS" -> "Symptoms";
          case "SDMQ9" -> "Shared decision-making";
          case "SPS" -> "Social support";
          case "CSQ8" -> "Satisfaction with care";
          case "EQ5D_VAS" -> "Self-rated health";
          default -> "Score";
        };
    return what + " (" + instrument + ")";
  }

  private static Estimand estimand(
      String id,
      String label,
      boolean primary,
      String supplementaryTo,
      Variable variable,
      Strategy death,
      Strategy treatment,
      MissingData missing,
      Summary summary,
      RowId main,
      List<RowId> sensitivity) {
    Map<Event, Strategy> events = new EnumMap<>(Event.class);
    events.put(Event.DEATH, death);
    events.put(Event.TREATMENT_RECEIVED, treatment);
    return new Estimand(
        id,
        label,
        primary,
        supplementaryTo,
        Population.ALL_RANDOMISED,
        variable,
        events,
        missing,
        summary,
        main,
        sensitivity);
  }
}
