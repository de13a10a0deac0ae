package org.odtrial.analysis.plan;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.plan.Estimand.Event;
import org.odtrial.analysis.plan.Estimand.MissingData;
import org.odtrial.analysis.plan.Estimand.Outcome;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.plan.Estimand.Summary;
import org.odtrial.analysis.plan.Estimand.Variable;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * The rows a plan computes and which estimand each can serve: its variable, how it handles each
 * intercurrent event and missing interviews, and what it reports. The reader checks every estimand
 * against it; it must follow what {@code Analysis} computes (a test runs both on the example
 * trial). Rows whose ids depend on the data (a subgroup's levels) are not listed: no estimand
 * refers to them.
 */
final class RowCatalogue {
  /** What a row reports, which decides the roles it may play in an estimand. */
  enum Kind {
    /** An estimate of a population-level summary with its interval: main or sensitivity. */
    ESTIMATE,
    /** A test of no arm effect without an estimate of the summary: sensitivity only. */
    TEST,
    /** The shift of missing OD scores that overturns the conclusion: sensitivity only. */
    TIPPING_POINT,
    /** Figures per arm, not a contrast of the arms. */
    PER_ARM,
    /** A check of a model assumption, not an analysis of the arm effect. */
    ASSUMPTION_CHECK,
    /** Another population or question: a subgroup interaction test. */
    SUBGROUP,
    /** Delivery of Open Dialogue, not an outcome. */
    DELIVERY
  }

  /**
   * One row's place among the estimands.
   *
   * @param kind what the row reports
   * @param what the row in words, for messages
   * @param variable its variable (null for delivery rows)
   * @param strategies its strategy for each intercurrent event
   * @param missingData how it handles missing interviews (score rows only)
   * @param summary the summary it estimates (estimates and per-arm rows with a contrast, else null)
   */
  record Facts(
      Kind kind,
      String what,
      Variable variable,
      Map<Event, Strategy> strategies,
      MissingData missingData,
      Summary summary) {}

  private final Map<RowId, Facts> rows;

  private RowCatalogue(Map<RowId, Facts> rows) {
    this.rows = Collections.unmodifiableMap(rows);
  }

  static RowCatalogue of(Map<String, List<Integer>> recovery, List<String> subgroups) {
    Map<RowId, Facts> m = new LinkedHashMap<>();
    Variable relapse = Variable.of(Outcome.RELAPSE);
    Map<Event, Strategy> censored = strategies(Strategy.HYPOTHETICAL, Strategy.TREATMENT_POLICY);
    Map<Event, Strategy> composite = strategies(Strategy.COMPOSITE, Strategy.TREATMENT_POLICY);
    Map<Event, Strategy> competing =
        strategies(Strategy.COMPETING_RISKS, Strategy.TREATMENT_POLICY);
    Map<Event, Strategy> whileAlive = strategies(Strategy.WHILE_ALIVE, Strategy.TREATMENT_POLICY);
    String ignores = " (ignores clustering)";
    put(m, RowId.RELAPSE_KM, Kind.PER_ARM, "Kaplan-Meier survival per arm", relapse, censored);
    m.put(
        RowId.RELAPSE_LOGRANK,
        new Facts(Kind.TEST, "the log-rank test" + ignores, relapse, censored, null, null));
    estimate(m, RowId.RELAPSE_COX, "the Cox hazard ratio", relapse, censored, Summary.HAZARD_RATIO);
    estimate(
        m,
        RowId.RELAPSE_COX_ADJUSTED,
        "the covariate-adjusted Cox hazard ratio",
        relapse,
        censored,
        Summary.HAZARD_RATIO);
    estimate(
        m,
        RowId.RELAPSE_RMST,
        "the RMST difference" + ignores,
        relapse,
        censored,
        Summary.RMST_DIFFERENCE);
    put(
        m,
        RowId.RELAPSE_KM_ROBUST,
        Kind.PER_ARM,
        "Kaplan-Meier survival per arm",
        relapse,
        censored);
    m.put(
        RowId.RELAPSE_LOGRANK_ROBUST,
        new Facts(Kind.TEST, "the robust log-rank (score) test", relapse, censored, null, null));
    estimate(
        m,
        RowId.RELAPSE_RMST_ROBUST,
        "the cluster-robust RMST difference",
        relapse,
        censored,
        Summary.RMST_DIFFERENCE);
    estimate(
        m,
        RowId.RELAPSE_COX_STRATIFIED,
        "the site-stratified Cox hazard ratio",
        relapse,
        censored,
        Summary.HAZARD_RATIO);
    m.put(
        RowId.RELAPSE_PERMUTATION,
        new Facts(Kind.TEST, "the randomisation test", relapse, censored, null, null));
    put(
        m,
        RowId.RELAPSE_PH_TEST,
        Kind.ASSUMPTION_CHECK,
        "the proportional-hazards check",
        relapse,
        censored);
    estimate(
        m,
        RowId.RELAPSE_OR_DEATH_COX,
        "the hazard ratio of relapse or death",
        relapse,
        composite,
        Summary.HAZARD_RATIO);
    put(m, RowId.RELAPSE_CIF, Kind.PER_ARM, "cumulative incidence per arm", relapse, competing);
    m.put(
        RowId.RELAPSE_GRAY,
        new Facts(Kind.TEST, "Gray's test" + ignores, relapse, competing, null, null));
    estimate(
        m,
        RowId.RELAPSE_FINEGRAY,
        "the Fine-Gray subdistribution hazard ratio",
        relapse,
        competing,
        Summary.SUBDISTRIBUTION_HAZARD_RATIO);
    for (String v : subgroups) {
      put(
          m,
          RowId.coxInteraction(v),
          Kind.SUBGROUP,
          "the interaction test of arm and " + v,
          relapse,
          censored);
    }
    for (Outcome o : List.of(Outcome.ADMISSIONS, Outcome.BED_DAYS)) {
      boolean adm = o == Outcome.ADMISSIONS;
      Variable count = Variable.of(o);
      estimate(
          m,
          adm ? RowId.ADMISSIONS_NB : RowId.BED_DAYS_NB,
          "the negative binomial rate ratio (CR1-type variance)",
          count,
          whileAlive,
          Summary.RATE_RATIO);
      estimate(
          m,
          adm ? RowId.ADMISSIONS_NB_CR2 : RowId.BED_DAYS_NB_CR2,
          "the negative binomial rate ratio with CR2 variance",
          count,
          whileAlive,
          Summary.RATE_RATIO);
    }
    recovery.forEach(
        (instrument, months) -> {
          for (int month : months) {
            Variable score = Variable.score(instrument, month);
            for (RecoveryAnalysis a : RecoveryAnalysis.values()) {
              m.put(RowId.recovery(instrument, month, a), recovery(a, score));
            }
          }
        });
    m.put(RowId.MEETINGS, new Facts(Kind.DELIVERY, "network meetings", null, Map.of(), null, null));
    m.put(
        RowId.MEETINGS_FIDELITY,
        new Facts(Kind.DELIVERY, "fidelity of network meetings", null, Map.of(), null, null));
    return new RowCatalogue(m);
  }

  private static Facts recovery(RecoveryAnalysis a, Variable score) {
    Map<Event, Strategy> policy = strategies(Strategy.HYPOTHETICAL, Strategy.TREATMENT_POLICY);
    Summary diff = Summary.MEAN_DIFFERENCE;
    MissingData cc = MissingData.COMPLETE_CASES;
    MissingData mar = MissingData.MISSING_AT_RANDOM;
    return switch (a) {
      case ANCOVA -> new Facts(Kind.ESTIMATE, "the ANCOVA (CR1)", score, policy, cc, diff);
      case LMM -> new Facts(Kind.ESTIMATE, "the random-intercept model", score, policy, cc, diff);
      case CR2 -> new Facts(Kind.ESTIMATE, "the ANCOVA with CR2", score, policy, cc, diff);
      case LMM_KR ->
          new Facts(Kind.ESTIMATE, "the mixed model with Kenward-Roger", score, policy, cc, diff);
      case MMRM ->
          new Facts(Kind.ESTIMATE, "the repeated-measures mixed model", score, policy, mar, diff);
      case MI -> new Facts(Kind.ESTIMATE, "multiple imputation", score, policy, mar, diff);
      case TIPPING ->
          new Facts(
              Kind.TIPPING_POINT,
              "the tipping-point analysis",
              score,
              policy,
              MissingData.MISSING_NOT_AT_RANDOM,
              null);
      case CACE ->
          new Facts(
              Kind.ESTIMATE,
              "the complier average causal effect",
              score,
              strategies(Strategy.HYPOTHETICAL, Strategy.PRINCIPAL_STRATUM),
              cc,
              diff);
    };
  }

  private static Map<Event, Strategy> strategies(Strategy death, Strategy treatment) {
    Map<Event, Strategy> s = new EnumMap<>(Event.class);
    s.put(Event.DEATH, death);
    s.put(Event.TREATMENT_RECEIVED, treatment);
    return Collections.unmodifiableMap(s);
  }

  private static void estimate(
      Map<RowId, Facts> m,
      RowId id,
      String what,
      Variable variable,
      Map<Event, Strategy> strategies,
      Summary summary) {
    m.put(id, new Facts(Kind.ESTIMATE, what, variable, strategies, null, summary));
  }

  private static void put(
      Map<RowId, Facts> m,
      RowId id,
      Kind kind,
      String what,
      Variable variable,
      Map<Event, Strategy> strategies) {
    m.put(id, new Facts(kind, what, variable, strategies, null, null));
  }

  /** What the plan computes under this id, if it does. */
  Optional<Facts> facts(RowId id) {
    return Optional.ofNullable(rows.get(id));
  }

  /** Every row id the plan computes whatever the data, in results order. */
  Map<RowId, Facts> rows() {
    return rows;
  }
}
