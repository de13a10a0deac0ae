package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.report.Blinding;

/**
 * The footnote of a results row in plain words: the method (one sentence per kind of row, written
 * once here), the numbers it used, and the row's own note. Row labels stay plain ("Hazard ratio,
 * unadjusted"); how it was computed is said here.
 */
public final class Methods {
  private static final String CHISQ = "chisq";
  private static final String ROBUST_SE = "standard errors robust to clustering";
  private static final String COX = "Cox proportional hazards model (Efron ties), " + ROBUST_SE;

  private static final Map<RowId, String> FIXED =
      Map.ofEntries(
          Map.entry(
              RowId.RELAPSE_KM,
              "Kaplan-Meier estimate; 95% CI from Greenwood's variance, which ignores clustering"),
          Map.entry(
              RowId.RELAPSE_KM_ROBUST,
              "Kaplan-Meier estimate; 95% CI from a variance robust to clustering (infinitesimal"
                  + " jackknife over clusters)"),
          Map.entry(RowId.RELAPSE_LOGRANK, "Log-rank test; ignores clustering"),
          Map.entry(
              RowId.RELAPSE_LOGRANK_ROBUST,
              "Log-rank test allowing for clustering: robust score test of a Cox model on arm with"
                  + " variance robust to clustering"),
          Map.entry(RowId.RELAPSE_COX, COX),
          Map.entry(RowId.RELAPSE_COX_STRATIFIED, COX + ", stratified by site"),
          Map.entry(
              RowId.RELAPSE_RMST,
              "Restricted mean relapse-free time: area under the Kaplan-Meier curve up to the"
                  + " horizon; standard errors ignore clustering; normal 95% CI for the"
                  + " difference"),
          Map.entry(
              RowId.RELAPSE_RMST_ROBUST,
              "Restricted mean relapse-free time: area under the Kaplan-Meier curve up to the"
                  + " horizon; standard errors from each cluster's influence on the area (robust to"
                  + " clustering); normal 95% CI for the difference"),
          Map.entry(
              RowId.RELAPSE_PH_TEST,
              "Test of proportional hazards for the arm effect (Grambsch-Therneau, scaled"
                  + " Schoenfeld residuals) in the unadjusted Cox model"),
          Map.entry(
              RowId.RELAPSE_OR_DEATH_COX,
              "Composite strategy: time to relapse or death, whichever came first; " + COX),
          Map.entry(
              RowId.RELAPSE_CIF,
              "Competing-risks strategy: cumulative incidence of relapse with death before relapse"
                  + " as a competing event (Aalen-Johansen); standard error from its variance"),
          Map.entry(
              RowId.RELAPSE_GRAY,
              "Gray's test comparing the cumulative incidence of relapse between arms, death as a"
                  + " competing event"),
          Map.entry(
              RowId.RELAPSE_FINEGRAY,
              "Competing-risks strategy: Fine-Gray subdistribution hazard ratio, death as a"
                  + " competing event, "
                  + ROBUST_SE),
          Map.entry(
              RowId.ADMISSIONS_NB,
              "Negative binomial regression with log link and log follow-up time as offset; "
                  + ROBUST_SE
                  + " (sandwich)"),
          Map.entry(
              RowId.BED_DAYS_NB,
              "Negative binomial regression with log link and log follow-up time as offset; "
                  + ROBUST_SE
                  + " (sandwich)"),
          Map.entry(
              RowId.ADMISSIONS_NB_CR2,
              "The negative binomial model with the CR2 small-sample correction of the robust"
                  + " standard error and Satterthwaite degrees of freedom"),
          Map.entry(
              RowId.BED_DAYS_NB_CR2,
              "The negative binomial model with the CR2 small-sample correction of the robust"
                  + " standard error and Satterthwaite degrees of freedom"));

  private Methods() {}

  /** The full footnote of a row: method, counts and the row's note, arm names masked if blinded. */
  public static String footnote(Estimate e, AnalysisPlan plan, Blinding blinding) {
    return footnote(e, plan, blinding, true);
  }

  /**
   * The footnote of a row; {@code withCounts} false for per-arm rows shown side by side, whose
   * footnote is shared.
   */
  public static String footnote(
      Estimate e, AnalysisPlan plan, Blinding blinding, boolean withCounts) {
    List<String> parts = new ArrayList<>();
    parts.add(method(e, plan));
    String counts = withCounts ? counts(e) : "";
    if (!counts.isEmpty()) {
      parts.add(counts);
    }
    String s = String.join("; ", parts) + ".";
    if (e.note() != null) {
      s += (e.estimate() == null ? " Not estimable: " : " Note: ") + e.note() + ".";
    }
    return blinding.scrub(s.replace("..", "."));
  }

  /** What the row is, in plain words. */
  static String method(Estimate e, AnalysisPlan plan) {
    RowId id = e.id();
    if (id.equals(RowId.RELAPSE_COX_ADJUSTED)) {
      return COX
          + (plan.covariates().isEmpty()
              ? ""
              : ", adjusted for " + String.join(", ", plan.covariates()).replace('_', ' '));
    }
    if (id.equals(RowId.RELAPSE_PERMUTATION)) {
      return permutation(e);
    }
    if ((id.equals(RowId.ADMISSIONS_NB) || id.equals(RowId.BED_DAYS_NB))
        && ("poisson".equalsIgnoreCase(string(e, "family"))
            || (e.method() != null && e.method().startsWith("Poisson")))) {
      return "Poisson regression (no overdispersion: the negative binomial dispersion is"
          + " unbounded) with log link and log follow-up time as offset; "
          + ROBUST_SE;
    }
    String fixed = FIXED.get(id);
    if (fixed != null) {
      return fixed + extras(e);
    }
    if (id.interactionVariable().isPresent()) {
      return "Test of interaction: robust Wald test of the arm-by-"
          + id.interactionVariable().get().replace('_', ' ')
          + " terms in a Cox model";
    }
    if (id.subgroupRow().isPresent()) {
      return COX + ", within the subgroup";
    }
    return id.recoveryRow().map(r -> recovery(r.analysis(), e)).orElse(e.method());
  }

  private static String recovery(RecoveryAnalysis a, Estimate e) {
    return switch (a) {
      case ANCOVA ->
          "Linear regression of the score on arm and baseline score (ANCOVA), complete"
              + " cases; "
              + ROBUST_SE
              + " (CR1); t-based 95% CI";
      case CR2 ->
          "The ANCOVA with the CR2 small-sample correction of the robust standard error and"
              + " Satterthwaite degrees of freedom";
      case LMM ->
          "Linear mixed model with a random intercept per cluster (REML), adjusted for"
              + " baseline score, complete cases; Satterthwaite degrees of freedom"
              + icc(e);
      case LMM_KR ->
          "The linear mixed model with Kenward-Roger degrees of freedom and standard" + " error";
      case MMRM ->
          "Mixed model for repeated measures: arm by month, baseline score, random"
              + " intercepts for cluster and participant (REML), Kenward-Roger degrees of freedom;"
              + " uses every recorded visit (valid if data are missing at random)"
              + months(e);
      case MI ->
          "Multiple imputation of missing scores (missing at random), the CR2 analysis in"
              + " each imputed data set, pooled by Rubin's rules";
      case TIPPING ->
          "Tipping-point analysis (missing not at random): the multiply imputed scores of the"
              + " intervention arm shifted by each of the plan's shifts, in score points; shown is"
              + " the shift closest to 0 at which the pooled p-value crosses 0.05";
      case CACE ->
          "Complier average causal effect: instrumental-variable regression with the randomised arm"
              + " as instrument (complier: at least 2 network meetings with at least 2"
              + " practitioners); "
              + ROBUST_SE
              + compliers(e);
    };
  }

  private static String permutation(Estimate e) {
    Object n = e.extras().get("allocations");
    boolean exact = Boolean.TRUE.equals(e.extras().get("exact"));
    String how =
        n instanceof Number k
            ? (exact
                ? (k.longValue() == 1
                    ? "exact: the observed allocation is the only one allowed"
                    : "exact, over all " + Fmt.count(k.longValue()) + " allowed allocations")
                : "Monte Carlo, " + Fmt.count(k.longValue()) + " random allocations")
            : "over the allowed allocations";
    return "Randomisation test: the log-rank statistic under re-allocation of the arms to"
        + " clusters keeping each site's number of clusters per arm ("
        + how
        + "); p = share of allocations with a statistic at least the observed one";
  }

  private static String extras(Estimate e) {
    StringBuilder b = new StringBuilder();
    if (e.extras().get("theta") instanceof Number t) {
      b.append("; dispersion theta = ").append(Fmt.num(t.doubleValue(), 3));
    }
    return b.toString();
  }

  private static String icc(Estimate e) {
    return e.extras().get("icc") instanceof Number n ? "; ICC " + Fmt.num(n.doubleValue(), 3) : "";
  }

  private static String months(Estimate e) {
    return e.extras().get("months") instanceof List<?> l && !l.isEmpty()
        ? " (months " + String.join(", ", l.stream().map(String::valueOf).toList()) + ")"
        : "";
  }

  private static String compliers(Estimate e) {
    return e.extras().get("compliers") instanceof Number n
        ? "; " + Fmt.count(n.longValue()) + " compliers"
        : "";
  }

  private static String string(Estimate e, String key) {
    return e.extras().get(key) instanceof String s ? s : null;
  }

  /** "n = 280, 154 events, 12 clusters" from the row's counts; "" without any. */
  static String counts(Estimate e) {
    List<String> c = new ArrayList<>();
    if (e.n() != null) {
      c.add("n = " + Fmt.count(e.n()));
    }
    if (e.events() != null) {
      c.add(Fmt.count(e.events()) + " events");
    }
    if (e.clusters() != null) {
      c.add(Fmt.count(e.clusters()) + " clusters");
    }
    if (e.df() != null && !CHISQ.equals(e.estimand())) {
      c.add(Fmt.df(e.df()) + " degrees of freedom");
    }
    if (e.extras().get("competing_events") instanceof Number n) {
      c.add(Fmt.count(n.longValue()) + " competing deaths");
    }
    if (e.extras().get("deaths") instanceof Number n) {
      c.add(Fmt.count(n.longValue()) + " deaths");
    }
    return String.join(", ", c);
  }
}
