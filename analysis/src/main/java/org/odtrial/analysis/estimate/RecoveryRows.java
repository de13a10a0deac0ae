package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.LinearFit;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Rows {@code recovery.<I>.m<M>} (ANCOVA, CR1 cluster-robust se, as lm + vcovCL(type = "HC1")),
 * {@code .cr2} (the same ANCOVA with CR2 and Satterthwaite df, as clubSandwich::coef_test), {@code
 * .lmm} (random intercept per cluster by REML, as lmer, Satterthwaite df as lmerTest) and {@code
 * .lmm_kr} (the same model with Kenward-Roger se and df, as summary(fit, ddf = "Kenward-Roger")),
 * all on complete cases: a score at month M and at month 0.
 */
final class RecoveryRows {
  static final String ANCOVA_METHOD =
      "ANCOVA (score ~ arm + baseline score), complete cases; cluster-robust CR1 variance; t"
          + " interval on n - k df";
  static final String LMM_METHOD =
      "linear mixed model, random intercept per cluster, REML; Satterthwaite df for the arm effect";
  static final String CR2_METHOD =
      "ANCOVA (score ~ arm + baseline score), complete cases; CR2 (bias-reduced linearisation)"
          + " cluster-robust variance, t interval on Satterthwaite df";
  static final String LMM_KR_METHOD =
      "linear mixed model, random intercept per cluster, REML; Kenward-Roger adjusted se and df";

  private RecoveryRows() {}

  static List<Estimate> of(AnalysisData data, String instrument, int month) {
    Estimate ancova =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.ANCOVA), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(ANCOVA_METHOD);
    Estimate cr2 =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.CR2), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(CR2_METHOD);
    Estimate lmm =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.LMM), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(LMM_METHOD);
    Estimate lmmKr =
        Estimate.of(RowId.recovery(instrument, month, RecoveryAnalysis.LMM_KR), "mean_difference")
            .withContrast(Arms.CONTRAST)
            .withMethod(LMM_KR_METHOD);
    List<Estimate> all = List.of(ancova, cr2, lmm, lmmKr);
    Optional<double[]> atMonth = data.scores(instrument, month);
    Optional<double[]> atBaseline = data.scores(instrument, 0);
    if (atMonth.isEmpty() || atBaseline.isEmpty()) {
      String why =
          String.format(
              Locale.ROOT, "no %s scores at month %d", instrument, atMonth.isEmpty() ? month : 0);
      return all.stream().map(e -> e.withN(0).notEstimable(why)).toList();
    }
    List<Participant> ps = data.participants();
    int n = ps.size();
    double[] y = atMonth.get();
    double[] base = atBaseline.get();
    double[][] x = new double[n][];
    int complete = 0;
    boolean od = false;
    boolean tau = false;
    Set<String> withData = new HashSet<>();
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {1.0, Arms.indicator(ps.get(i)), base[i]};
      if (!Double.isNaN(y[i]) && !Double.isNaN(base[i])) {
        complete++;
        withData.add(ps.get(i).clusterId());
        od |= ps.get(i).isOd();
        tau |= !ps.get(i).isOd();
      }
    }
    if (!(od && tau)) {
      String why = Arms.completeCasesInOneArm(instrument, month, complete);
      final int n0 = complete;
      return all.stream().map(e -> e.withN(n0).notEstimable(why)).toList();
    }
    List<String> terms = List.of(Arms.INTERCEPT, Arms.ARM_TERM, "score_0");
    String[] clusters = Arms.clusters(ps);
    List<Estimate> rows = new ArrayList<>(ancova(ancova, cr2, y, x, terms, clusters));
    if (withData.size() < 3) {
      // one cluster per arm: the arm effect is a difference between the two clusters' means, so
      // the cluster variance is not identified (REML is flat in it; lmer stops anywhere, warning
      // of a singular Hessian) and neither are the se and df that depend on it
      String why =
          String.format(
              Locale.ROOT,
              "a random intercept per cluster needs at least 3 clusters with complete cases (a %s"
                  + " score at month %d and at baseline); with %d, one per arm, the cluster"
                  + " variance cannot be told apart from the arm effect",
              instrument,
              month,
              withData.size());
      final int n0 = complete;
      rows.add(lmm.withN(n0).notEstimable(why));
      rows.add(lmmKr.withN(n0).notEstimable(why));
      return rows;
    }
    rows.addAll(mixed(lmm, lmmKr, y, x, terms, clusters));
    return rows;
  }

  /** The ANCOVA row (CR1) and its CR2 row, from one fit. */
  private static List<Estimate> ancova(
      Estimate e, Estimate cr2, double[] y, double[][] x, List<String> terms, String[] clusters) {
    LinearFit fit;
    try {
      fit = LinearRegression.of(y, x, terms).withClusters(clusters).fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      String why = "the model could not be fitted: " + ex.getMessage();
      return List.of(e.notEstimable(why), cr2.notEstimable(why));
    }
    Coefficient c = fit.coefficient(Arms.ARM_TERM);
    Estimate row =
        e.withEstimate(c.estimate())
            .withSe(c.se())
            .withCi(c.ciLow(), c.ciHigh())
            .withPValue(c.pValue())
            .withN(c.n())
            .withClusters(c.clusters())
            .withExtra("model_se", c.modelSe())
            .withExtra("ddf", c.df());
    cr2 = cr2.withN(fit.n());
    if (fit.cr2() == null) {
      return List.of(row, cr2.notEstimable("CR2 needs at least 2 clusters"));
    }
    StudentT t = fit.cr2().coefficient(Arms.ARM_TERM);
    cr2 =
        cr2.withEstimate(t.estimate())
            .withSe(t.se())
            .withDf(t.df())
            .withCi(t.ciLow(), t.ciHigh())
            .withPValue(t.pValue())
            .withClusters(fit.cr2().clusters());
    return List.of(row, Cr2Notes.singular(cr2, fit.cr2()));
  }

  /** The mixed-model row (Satterthwaite) and its Kenward-Roger row, from one fit. */
  private static List<Estimate> mixed(
      Estimate e, Estimate kr, double[] y, double[][] x, List<String> terms, String[] clusters) {
    MixedFit fit;
    try {
      fit = RandomInterceptModel.of(y, x, terms, clusters).fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      String why = "the model could not be fitted: " + ex.getMessage();
      return List.of(e.notEstimable(why), kr.notEstimable(why));
    }
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
    FixedEffect k = fit.kenwardRoger().fixedEffect(Arms.ARM_TERM);
    Estimate kRow =
        kr.withEstimate(k.estimate())
            .withSe(k.se())
            .withDf(k.df())
            .withCi(k.ciLow(), k.ciHigh())
            .withPValue(k.pValue())
            .withN(fit.n())
            .withClusters(fit.clusters())
            .withExtra("model_se", fit.se()[fit.terms().indexOf(Arms.ARM_TERM)])
            .withExtra("singular", fit.singular());
    for (String note : fit.notes()) {
      // the fit's own boundary note says the model reduces to OLS: true of the estimate only
      if (!(fit.singular() && note.startsWith("boundary (singular) fit"))) {
        kRow = kRow.withNote(note);
      }
    }
    if (fit.singular()) {
      kRow =
          kRow.withNote(
              "boundary (singular) fit: the cluster variance is estimated as 0, so the estimate is"
                  + " the least-squares one; as pbkrtest, Kenward-Roger still treats the cluster"
                  + " variance as an estimated parameter, so the se and df allow for its"
                  + " uncertainty");
    }
    if (fit.kenwardRoger().generalisedInverse()) {
      kRow =
          kRow.withNote(
              "the expected information of the variance components is singular: its generalised"
                  + " inverse is used, as pbkrtest does");
    }
    return List.of(r, kRow);
  }
}
