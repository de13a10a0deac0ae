package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.IvFit;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.linear.TwoStageLeastSquares;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Rows {@code recovery.<I>.m<M>.cace}: the complier average causal effect of receiving Open
 * Dialogue ({@link Compliance}), randomised arm as the instrument, as {@code AER::ivreg(score_M ~
 * complier + score_0 | arm + score_0)} on complete cases with {@code sandwich::vcovCL(fit, cluster
 * = ~cluster_id, type = "HC1")}, normal interval and p-value.
 */
final class CaceRows {
  static final String METHOD =
      "complier average causal effect: two-stage least squares with the randomised arm as"
          + " instrument for receiving OD (2+ meetings with 2+ practitioners), adjusted for the"
          + " baseline score, complete cases; cluster-robust CR1 (HC1) variance, normal interval";

  /** Below this first-stage F the instrument is weak (Staiger and Stock 1997). */
  static final double WEAK_INSTRUMENT_F = 10;

  private static final String COMPLIER = "complier";

  private CaceRows() {}

  static Estimate of(AnalysisData data, boolean[] compliers, String instrument, int month) {
    Estimate e =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.CACE), "cace")
            .withContrast(Arms.CONTRAST)
            .withMethod(METHOD);
    Optional<double[]> atMonth = data.scores(instrument, month);
    Optional<double[]> atBaseline = data.scores(instrument, 0);
    if (atMonth.isEmpty() || atBaseline.isEmpty()) {
      return e.withN(0)
          .notEstimable(
              String.format(
                  Locale.ROOT,
                  "no %s scores at month %d",
                  instrument,
                  atMonth.isEmpty() ? month : 0));
    }
    double[] y = atMonth.get();
    double[] base = atBaseline.get();
    List<Participant> ps = data.participants();
    List<Integer> rows = new ArrayList<>();
    int odCompliers = 0;
    int tauCompliers = 0;
    int od = 0;
    for (int i = 0; i < ps.size(); i++) {
      if (!Double.isNaN(y[i]) && !Double.isNaN(base[i])) {
        rows.add(i);
        boolean isOd = ps.get(i).isOd();
        od += isOd ? 1 : 0;
        if (compliers[i]) {
          odCompliers += isOd ? 1 : 0;
          tauCompliers += isOd ? 0 : 1;
        }
      }
    }
    int n = rows.size();
    int c = odCompliers + tauCompliers;
    e =
        e.withN(n)
            .withExtra("compliers", (long) c)
            .withExtra("compliers_od", (long) odCompliers)
            .withExtra("compliers_tau", (long) tauCompliers);
    if (od == 0 || od == n) {
      return e.notEstimable(Arms.completeCasesInOneArm(instrument, month, n));
    }
    if (c == 0 || c == n) {
      return e.notEstimable(
          String.format(
              Locale.ROOT,
              "%s of the %d complete cases received OD (2+ meetings with 2+ practitioners): the"
                  + " effect among compliers is not identified",
              c == 0 ? "none" : "all",
              n));
    }
    double[] yc = new double[n];
    double[] d = new double[n];
    double[][] x = new double[n][];
    double[][] z = new double[n][];
    String[] clusters = new String[n];
    for (int r = 0; r < n; r++) {
      int i = rows.get(r);
      Participant p = ps.get(i);
      yc[r] = y[i];
      d[r] = compliers[i] ? 1 : 0;
      x[r] = new double[] {1, d[r], base[i]};
      z[r] = new double[] {1, Arms.indicator(p), base[i]};
      clusters[r] = p.clusterId();
    }
    List<String> zTerms = List.of(Arms.INTERCEPT, Arms.ARM_TERM, "score_0");
    Double firstStageF = null;
    try {
      Coefficient fs =
          LinearRegression.of(d, z, zTerms).withClusters(clusters).fit().coefficient(Arms.ARM_TERM);
      firstStageF = (fs.estimate() / fs.se()) * (fs.estimate() / fs.se());
      e = e.withExtra("first_stage_f", firstStageF);
    } catch (ArithmeticException | IllegalArgumentException ex) {
      // the instrument's own fit fails only where the 2SLS fit below fails too, and says why
    }
    IvFit fit;
    try {
      fit =
          TwoStageLeastSquares.of(yc, x, z, List.of(Arms.INTERCEPT, COMPLIER, "score_0"))
              .withClusters(clusters)
              .fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      return e.notEstimable("the model could not be fitted: " + ex.getMessage());
    }
    IvFit.Wald w = fit.coefficient(COMPLIER);
    e =
        e.withEstimate(w.estimate())
            .withSe(w.se())
            .withCi(w.ciLow(), w.ciHigh())
            .withPValue(w.pValue())
            .withClusters(fit.clusters());
    if (odCompliers == 0) {
      e =
          e.withNote(
              "no OD participant received OD (2+ meetings with 2+ practitioners) while some TAU"
                  + " participants did: the estimate compares those who receive it only in TAU");
    }
    if (firstStageF != null && firstStageF < WEAK_INSTRUMENT_F) {
      e =
          e.withNote(
              String.format(
                  Locale.ROOT,
                  "weak instrument: the first-stage F of arm on receiving OD is %.1f (below 10),"
                      + " so the estimate is unstable and its normal interval unreliable",
                  firstStageF));
    }
    return e;
  }
}
