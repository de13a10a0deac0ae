package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.glm.CountData;
import org.odtrial.analysis.glm.CountFit;
import org.odtrial.analysis.glm.NegativeBinomialRegression;
import org.odtrial.analysis.glm.RateRatio;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Rows {@code admissions.nb} and {@code bed_days.nb}: the maximum-likelihood NB2 regression on arm
 * with offset log(follow-up years), cluster-robust (HC0, G/(G-1)) variance, as {@code glm.nb} +
 * {@code sandwich::vcovCL(type = "HC0")}; and {@code admissions.nb.cr2}, {@code bed_days.nb.cr2}:
 * the same fit with CR2 and Satterthwaite df, as {@code clubSandwich::coef_test}.
 */
final class CountRows {
  static final String MODEL =
      "negative binomial (NB2, ML theta), log link, offset log(followup_years)";
  static final String POISSON_MODEL =
      "Poisson (no overdispersion: the profile likelihood of the negative binomial theta rises"
          + " towards infinity), log link, offset log(followup_years)";
  static final String HC0 = "; cluster-robust sandwich variance (HC0, G/(G-1))";
  static final String CR2 =
      "; CR2 (bias-reduced linearisation) cluster-robust variance, t interval on Satterthwaite df";

  private CountRows() {}

  static List<Estimate> of(AnalysisData data, List<String> warnings) {
    List<Participant> ps = new ArrayList<>();
    for (Participant p : data.participants()) {
      if (p.followupYears() > 0) {
        ps.add(p);
      }
    }
    int dropped = data.participants().size() - ps.size();
    if (dropped > 0) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%d participant(s) with no follow-up time (end on the baseline date) are left out of"
                  + " the count models",
              dropped));
    }
    List<Estimate> rows = new ArrayList<>();
    rows.addAll(rows(RowId.ADMISSIONS_NB, RowId.ADMISSIONS_NB_CR2, ps, Participant::admissions));
    rows.addAll(rows(RowId.BED_DAYS_NB, RowId.BED_DAYS_NB_CR2, ps, Participant::bedDays));
    return rows;
  }

  /** The row with the HC0 sandwich and its CR2 row, from one fit. */
  private static List<Estimate> rows(
      RowId id, RowId cr2Id, List<Participant> ps, ToIntFunction<Participant> outcome) {
    Estimate e =
        Estimate.of(id, "rate_ratio")
            .withContrast(Arms.CONTRAST)
            .withMethod(MODEL + HC0)
            .withN(ps.size())
            .withClusters(Arms.clusterCount(ps));
    Estimate c =
        Estimate.of(cr2Id, "rate_ratio")
            .withContrast(Arms.CONTRAST)
            .withMethod(MODEL + CR2)
            .withN(ps.size())
            .withClusters(Arms.clusterCount(ps));
    if (!Arms.bothArmsPresent(ps)) {
      String why = "both arms are needed for a rate ratio";
      return List.of(e.notEstimable(why), c.notEstimable(why));
    }
    int n = ps.size();
    double[] y = new double[n];
    double[] offset = new double[n];
    double[][] x = new double[n][];
    long events = 0;
    for (int i = 0; i < n; i++) {
      Participant p = ps.get(i);
      y[i] = outcome.applyAsInt(p);
      events += outcome.applyAsInt(p);
      offset[i] = Math.log(p.followupYears());
      x[i] = new double[] {1.0, Arms.indicator(p)};
    }
    // An admission is an event; a bed day is not, so bed days report their total as an extra.
    boolean bedDays = id.equals(RowId.BED_DAYS_NB);
    e = bedDays ? e.withExtra("total_bed_days", events) : e.withEvents(events);
    c = bedDays ? c.withExtra("total_bed_days", events) : c.withEvents(events);
    CountFit fit;
    try {
      fit =
          NegativeBinomialRegression.of(
                  CountData.of(y, x, List.of(Arms.INTERCEPT, Arms.ARM_TERM))
                      .withOffset(offset)
                      .withClusters(Arms.clusters(ps)))
              .fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      String why = "the model could not be fitted: " + ex.getMessage();
      return List.of(e.notEstimable(why), c.notEstimable(why));
    }
    if ("poisson".equalsIgnoreCase(fit.family())) {
      e = e.withMethod(POISSON_MODEL + HC0);
      c = c.withMethod(POISSON_MODEL + CR2);
    }
    e = e.withExtra("family", fit.family());
    c = c.withExtra("family", fit.family());
    for (String note : fit.notes()) {
      e = e.withNote(note);
      c = c.withNote(note);
    }
    RateRatio rr = fit.rateRatio(Arms.ARM_TERM);
    if (rr.estimate() == null) {
      String why =
          String.join(
              "; ", rr.notes().isEmpty() ? List.of("rate ratio not estimable") : rr.notes());
      return List.of(e.notEstimable(why), c.notEstimable(why));
    }
    e =
        e.withEstimate(rr.estimate())
            .withSe(rr.se())
            .withCi(rr.ciLow(), rr.ciHigh())
            .withPValue(rr.pValue())
            .withExtra("model_se", rr.modelSe());
    if (fit.theta() != null) {
      e = e.withExtra("theta", fit.theta()).withExtra("theta_se", fit.seTheta());
      c = c.withExtra("theta", fit.theta());
    }
    e = e.withExtra("converged", fit.converged());
    if (fit.cr2() == null) {
      return List.of(
          e,
          c.notEstimable(
              fit.clusters() != null && fit.clusters() < 2
                  ? "CR2 needs at least 2 clusters"
                  : "the CR2 variance could not be computed"));
    }
    StudentT t = fit.cr2().coefficient(Arms.ARM_TERM);
    c =
        c.withEstimate(Math.exp(t.estimate()))
            .withSe(t.se())
            .withDf(t.df())
            .withCi(Math.exp(t.ciLow()), Math.exp(t.ciHigh()))
            .withPValue(t.pValue());
    return List.of(e, Cr2Notes.singular(c, fit.cr2()));
  }
}
