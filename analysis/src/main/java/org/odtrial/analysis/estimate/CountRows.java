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
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Rows {@code admissions.nb} and {@code bed_days.nb}: NB2 regression on arm with offset
 * log(follow-up years), cluster-robust (HC0, G/(G-1)) variance, as {@code glm.nb} + {@code
 * sandwich::vcovCL(type = "HC0")}.
 */
final class CountRows {
  static final String METHOD =
      "negative binomial (NB2, ML theta), log link, offset log(followup_years); cluster-robust"
          + " sandwich variance (HC0, G/(G-1))";

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
    rows.add(row(RowId.ADMISSIONS_NB, ps, Participant::admissions));
    rows.add(row(RowId.BED_DAYS_NB, ps, Participant::bedDays));
    return rows;
  }

  private static Estimate row(RowId id, List<Participant> ps, ToIntFunction<Participant> outcome) {
    Estimate e =
        Estimate.of(id, "rate_ratio")
            .withContrast(Arms.CONTRAST)
            .withMethod(METHOD)
            .withN(ps.size())
            .withClusters(Arms.clusterCount(ps));
    if (!Arms.bothArmsPresent(ps)) {
      return e.notEstimable("both arms are needed for a rate ratio");
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
    e = id.equals(RowId.BED_DAYS_NB) ? e.withExtra("total_bed_days", events) : e.withEvents(events);
    CountFit fit;
    try {
      fit =
          NegativeBinomialRegression.of(
                  CountData.of(y, x, List.of(Arms.INTERCEPT, Arms.ARM_TERM))
                      .withOffset(offset)
                      .withClusters(Arms.clusters(ps)))
              .fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      return e.notEstimable("the model could not be fitted: " + ex.getMessage());
    }
    if ("poisson".equalsIgnoreCase(fit.family())) {
      e =
          e.withMethod(
              "Poisson (no overdispersion: negative binomial theta unbounded), log link, offset"
                  + " log(followup_years); cluster-robust sandwich variance (HC0, G/(G-1))");
    }
    RateRatio rr = fit.rateRatio(Arms.ARM_TERM);
    for (String note : fit.notes()) {
      e = e.withNote(note);
    }
    if (rr.estimate() == null) {
      return e.notEstimable(
          String.join(
              "; ", rr.notes().isEmpty() ? List.of("rate ratio not estimable") : rr.notes()));
    }
    e =
        e.withEstimate(rr.estimate())
            .withSe(rr.se())
            .withCi(rr.ciLow(), rr.ciHigh())
            .withPValue(rr.pValue())
            .withExtra("model_se", rr.modelSe());
    if (fit.theta() != null) {
      e = e.withExtra("theta", fit.theta()).withExtra("theta_se", fit.seTheta());
    }
    return e.withExtra("converged", fit.converged());
  }
}
