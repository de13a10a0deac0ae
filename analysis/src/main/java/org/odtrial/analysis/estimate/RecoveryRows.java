package org.odtrial.analysis.estimate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Rows {@code recovery.<I>.m<M>} (ANCOVA, CR1 cluster-robust se, as lm + vcovCL(type = "HC1")) and
 * {@code recovery.<I>.m<M>.lmm} (random intercept per cluster by REML, as lmer, Satterthwaite df as
 * lmerTest), both on complete cases: a score at month M and at month 0.
 */
final class RecoveryRows {
  static final String ANCOVA_METHOD =
      "ANCOVA (score ~ arm + baseline score), complete cases; cluster-robust CR1 variance; t"
          + " interval on n - k df";
  static final String LMM_METHOD =
      "linear mixed model, random intercept per cluster, REML; Satterthwaite df for the arm effect";

  private RecoveryRows() {}

  static List<Estimate> of(AnalysisData data, String instrument, int month) {
    Estimate ancova =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.ANCOVA), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(ANCOVA_METHOD);
    Estimate lmm =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.LMM), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(LMM_METHOD);
    Optional<double[]> atMonth = data.scores(instrument, month);
    Optional<double[]> atBaseline = data.scores(instrument, 0);
    if (atMonth.isEmpty() || atBaseline.isEmpty()) {
      String why =
          String.format(
              Locale.ROOT, "no %s scores at month %d", instrument, atMonth.isEmpty() ? month : 0);
      return List.of(ancova.withN(0).notEstimable(why), lmm.withN(0).notEstimable(why));
    }
    List<Participant> ps = data.participants();
    int n = ps.size();
    double[] y = atMonth.get();
    double[] base = atBaseline.get();
    double[][] x = new double[n][];
    int complete = 0;
    boolean od = false;
    boolean tau = false;
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {1.0, Arms.indicator(ps.get(i)), base[i]};
      if (!Double.isNaN(y[i]) && !Double.isNaN(base[i])) {
        complete++;
        od |= ps.get(i).isOd();
        tau |= !ps.get(i).isOd();
      }
    }
    if (!(od && tau)) {
      String why =
          String.format(
              Locale.ROOT,
              "complete cases (a %s score at month %d and at baseline) are needed in both arms;"
                  + " there are %d",
              instrument,
              month,
              complete);
      return List.of(
          ancova.withN(complete).notEstimable(why), lmm.withN(complete).notEstimable(why));
    }
    List<String> terms = List.of(Arms.INTERCEPT, Arms.ARM_TERM, "score_0");
    String[] clusters = Arms.clusters(ps);
    return List.of(ancova(ancova, y, x, terms, clusters), mixed(lmm, y, x, terms, clusters));
  }

  private static Estimate ancova(
      Estimate e, double[] y, double[][] x, List<String> terms, String[] clusters) {
    try {
      Coefficient c =
          LinearRegression.of(y, x, terms).withClusters(clusters).fit().coefficient(Arms.ARM_TERM);
      return e.withEstimate(c.estimate())
          .withSe(c.se())
          .withCi(c.ciLow(), c.ciHigh())
          .withPValue(c.pValue())
          .withN(c.n())
          .withClusters(c.clusters())
          .withExtra("model_se", c.modelSe())
          .withExtra("ddf", c.df());
    } catch (ArithmeticException | IllegalArgumentException ex) {
      return e.notEstimable("the model could not be fitted: " + ex.getMessage());
    }
  }

  private static Estimate mixed(
      Estimate e, double[] y, double[][] x, List<String> terms, String[] clusters) {
    try {
      MixedFit fit = RandomInterceptModel.of(y, x, terms, clusters).fit();
      FixedEffect f = fit.fixedEffect(Arms.ARM_TERM);
      Estimate r =
          e.withEstimate(f.estimate())
              .withSe(f.se())
              .withCi(f.ciLow(), f.ciHigh())
              .withPValue(f.pValue())
              .withN(fit.n())
              .withClusters(fit.clusters())
              .withExtra("var_cluster", fit.varCluster())
              .withExtra("var_residual", fit.varResidual())
              .withExtra("icc", fit.icc())
              .withExtra("singular", fit.singular())
              .withExtra("ddf", f.df());
      if (fit.singular()) {
        r =
            r.withNote(
                "boundary fit: the cluster variance is estimated as zero (singular fit), so the ICC"
                    + " is 0");
      }
      for (String note : fit.notes()) {
        r = r.withNote(note);
      }
      return r;
    } catch (ArithmeticException | IllegalArgumentException ex) {
      return e.notEstimable("the model could not be fitted: " + ex.getMessage());
    }
  }
}
