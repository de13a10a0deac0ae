package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.imputation.RubinsRules;
import org.odtrial.analysis.imputation.TwoLevelNormalImputation;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.analysis.robust.LeastSquaresDesign;

/**
 * Rows {@code recovery.<I>.m<M>.mi} and {@code .tipping}: every randomised participant's missing
 * baseline and month-M scores are multiply imputed under missing at random ({@link
 * TwoLevelNormalImputation}, one chain per instrument over its baseline and the plan's months), the
 * {@code .cr2} analysis (ANCOVA, CR2 with Satterthwaite df) is run in each completed data set, and
 * the results are pooled by Rubin's rules with Barnard-Rubin df ({@link RubinsRules}), the
 * complete-data df being the mean of the imputations' Satterthwaite df. The tipping-point row
 * shifts the imputed month-M scores of OD participants by each delta of the plan's grid, in the
 * same imputations, and reports the shift closest to 0 at which the pooled p-value falls on the
 * other side of 0.05 than without a shift.
 */
final class ImputationRows {
  static final String MI_METHOD =
      "multiple imputation under missing at random (two-level normal model: arm, cluster and the"
          + " participant's scores at baseline and the plan's months); in each imputation the"
          + " ANCOVA with CR2 and Satterthwaite df; Rubin's rules, Barnard-Rubin df";
  static final String TIPPING_METHOD =
      "delta-adjusted multiple imputation (missing not at random): the imputed month-M scores of"
          + " OD participants shifted by each delta of the plan's grid; the shift closest to 0 at"
          + " which the pooled p-value crosses 0.05";

  /** The significance level whose crossing the tipping point marks. */
  static final double ALPHA = 0.05;

  private static final List<String> TERMS = List.of(Arms.INTERCEPT, Arms.ARM_TERM, "score_0");
  private static final double[] ARM = {0, 1, 0};

  private ImputationRows() {}

  /**
   * The rows of one instrument: for each month of the plan, its {@code .mi} row then its {@code
   * .tipping} row.
   *
   * @param sink receives every completed data set (for {@code --export-imputations}), or null
   */
  static Map<Integer, List<Estimate>> of(
      AnalysisData data,
      String instrument,
      List<Integer> months,
      AnalysisPlan.MultipleImputation settings,
      Consumer<ImputedDataSet> sink) {
    return of(
        data,
        instrument,
        months,
        settings,
        sink,
        TwoLevelNormalImputation.BURN_IN,
        TwoLevelNormalImputation.THIN);
  }

  /**
   * As {@link #of(AnalysisData, String, List, AnalysisPlan.MultipleImputation, Consumer)} with
   * another chain: burn-in and iterations between imputations (tests that must reproduce the
   * imputations of an earlier chain).
   */
  static Map<Integer, List<Estimate>> of(
      AnalysisData data,
      String instrument,
      List<Integer> months,
      AnalysisPlan.MultipleImputation settings,
      Consumer<ImputedDataSet> sink,
      int burnIn,
      int thin) {
    List<Participant> ps = data.participants();
    int n = ps.size();
    Map<Integer, Estimate> mi = new LinkedHashMap<>();
    Map<Integer, Estimate> tip = new LinkedHashMap<>();
    List<Double> deltas = settings.tippingDeltas();
    for (int m : months) {
      mi.put(
          m,
          Estimate.of(RowId.recovery(instrument, m, RecoveryAnalysis.MI), "mean_difference")
              .withContrast(Arms.CONTRAST)
              .withMethod(MI_METHOD)
              .withN(n)
              .withExtra("imputations", (long) settings.imputations())
              .withExtra("seed", settings.seed()));
      tip.put(
          m,
          Estimate.of(RowId.recovery(instrument, m, RecoveryAnalysis.TIPPING), "tipping_point")
              .withMethod(TIPPING_METHOD)
              .withN(n)
              .withExtra("imputations", (long) settings.imputations())
              .withExtra("seed", settings.seed())
              .withExtra("deltas", deltas));
    }
    Optional<double[]> baseline = data.scores(instrument, 0);
    List<Integer> present = new ArrayList<>();
    for (int m : months) {
      if (data.scores(instrument, m).isPresent()) {
        present.add(m);
      }
    }
    String general = null;
    if (baseline.isEmpty()) {
      general = String.format(Locale.ROOT, "no %s scores at month 0", instrument);
    } else if (!Arms.bothArmsPresent(ps)) {
      general = "both arms are needed";
    }
    Map<Integer, List<Estimate>> out = new LinkedHashMap<>();
    for (int m : months) {
      String why =
          general != null
              ? general
              : present.contains(m)
                  ? null
                  : String.format(Locale.ROOT, "no %s scores at month %d", instrument, m);
      if (why != null) {
        out.put(m, List.of(mi.get(m).notEstimable(why), tip.get(m).notEstimable(why)));
      }
    }
    if (present.isEmpty() || general != null) {
      return ordered(months, out);
    }
    // the imputation model's columns: baseline and every plan month with scores
    int t = 1 + present.size();
    double[][] y = new double[n][t];
    double[] base = baseline.get();
    for (int i = 0; i < n; i++) {
      y[i][0] = base[i];
    }
    for (int k = 0; k < present.size(); k++) {
      double[] s = data.scores(instrument, present.get(k)).orElseThrow();
      for (int i = 0; i < n; i++) {
        y[i][k + 1] = s[i];
      }
    }
    String[] clusters = Arms.clusters(ps);
    boolean[] od = new boolean[n];
    double[] arm = new double[n];
    for (int i = 0; i < n; i++) {
      od[i] = ps.get(i).isOd();
      arm[i] = od[i] ? 1 : 0;
    }
    List<Month> state = new ArrayList<>();
    for (int k = 0; k < present.size(); k++) {
      state.add(new Month(present.get(k), k + 1, y, od, settings.imputations()));
    }
    int imputations = settings.imputations();
    try {
      TwoLevelNormalImputation model = TwoLevelNormalImputation.of(y, clusters, od);
      boolean anyToImpute = state.stream().anyMatch(Month::needsImputation);
      Designs designs = new Designs(arm, clusters);
      if (anyToImpute) {
        model.impute(
            imputations,
            settings.seed(),
            instrument,
            burnIn,
            thin,
            (k, completed) -> {
              double[] s0 = column(completed, 0);
              Design design = designs.at(s0);
              for (Month s : state) {
                double[] sm = column(completed, s.column);
                if (s.needsImputation() || k == 0) {
                  s.analyse(k, sm, design);
                }
                if (sink != null) {
                  sink.accept(s.dataSet(instrument, k, ps, s0, sm));
                }
              }
            });
      } else {
        double[] s0 = column(y, 0);
        Design design = designs.at(s0);
        for (Month s : state) {
          double[] sm = column(y, s.column);
          s.analyse(0, sm, design);
          if (sink != null) {
            for (int k = 0; k < imputations; k++) {
              sink.accept(s.dataSet(instrument, k, ps, s0, sm));
            }
          }
        }
      }
    } catch (ArithmeticException | IllegalArgumentException ex) {
      String why = "the imputation could not be done: " + ex.getMessage();
      for (Month s : state) {
        out.put(
            s.month,
            List.of(mi.get(s.month).notEstimable(why), tip.get(s.month).notEstimable(why)));
      }
      return ordered(months, out);
    }
    for (Month s : state) {
      out.put(s.month, s.rows(mi.get(s.month), tip.get(s.month), deltas));
    }
    return ordered(months, out);
  }

  private static Map<Integer, List<Estimate>> ordered(
      List<Integer> months, Map<Integer, List<Estimate>> rows) {
    Map<Integer, List<Estimate>> out = new LinkedHashMap<>();
    for (int m : months) {
      out.put(m, rows.get(m));
    }
    return out;
  }

  private static double[] column(double[][] a, int k) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i][k];
    }
    return out;
  }

  /** One month's analyses across the imputations. */
  private static final class Month {
    final int month;
    final int column;
    final boolean[] missing0;
    final boolean[] missingMonth;
    final boolean[] shifted; // OD participants whose month-M score is imputed
    final int imputed0;
    final int imputedMonth;
    final int imputedOd;
    final double[] q;
    final double[] u;
    final double[] df;
    final double[] gamma;
    final double[][] a;
    final double[][] b;
    double[] shift;
    int clusterCount;

    Month(int month, int column, double[][] y, boolean[] od, int m) {
      this.month = month;
      this.column = column;
      int n = y.length;
      missing0 = new boolean[n];
      missingMonth = new boolean[n];
      shifted = new boolean[n];
      int c0 = 0;
      int cm = 0;
      int cod = 0;
      for (int i = 0; i < n; i++) {
        missing0[i] = Double.isNaN(y[i][0]);
        missingMonth[i] = Double.isNaN(y[i][column]);
        shifted[i] = missingMonth[i] && od[i];
        c0 += missing0[i] ? 1 : 0;
        cm += missingMonth[i] ? 1 : 0;
        cod += shifted[i] ? 1 : 0;
      }
      imputed0 = c0;
      imputedMonth = cm;
      imputedOd = cod;
      q = new double[m];
      u = new double[m];
      df = new double[m];
      gamma = new double[m];
      a = new double[m][];
      b = new double[m][];
    }

    boolean needsImputation() {
      return imputed0 + imputedMonth > 0;
    }

    /** Completed data set k (0-based) of this month, for the export. */
    ImputedDataSet dataSet(
        String instrument, int k, List<Participant> ps, double[] score0, double[] scoreMonth) {
      return new ImputedDataSet(
          instrument, month, k + 1, q.length, ps, score0, scoreMonth, missing0, missingMonth);
    }

    /** The .cr2 analysis of completed data set k, and the shift direction of the tipping rows. */
    void analyse(int k, double[] scoreMonth, Design design) {
      LeastSquaresDesign.Fit fit = design.fit(scoreMonth);
      // estimate, CR2 variance and Satterthwaite df only: Rubin's rules need no per-imputation
      // interval or p-value
      q[k] = fit.coefficients()[1];
      a[k] = fit.cr2().contributions(ARM);
      // c'Vc as Cr2.contrast computes it, so that with nothing imputed the row is the .cr2 row
      u[k] = fit.cr2().vcov()[1][1];
      df[k] = design.armDf(fit);
      clusterCount = fit.cr2().clusters();
      if (imputedOd > 0) {
        // y + delta s has residuals e + delta r (r: residuals of s on the same design), so the
        // estimate moves by delta gamma and the CR2 contributions by delta t_j(r)
        if (shift == null) {
          shift = new double[shifted.length];
          for (int i = 0; i < shifted.length; i++) {
            shift[i] = shifted[i] ? 1 : 0;
          }
        }
        LeastSquaresDesign.Fit s = design.fit(shift);
        gamma[k] = s.coefficients()[1];
        b[k] = s.cr2().contributions(ARM);
      }
    }

    List<Estimate> rows(Estimate mi, Estimate tip, List<Double> deltas) {
      mi =
          mi.withClusters(clusterCount)
              .withExtra("imputed", (long) imputedMonth)
              .withExtra("imputed_baseline", (long) imputed0);
      tip =
          tip.withClusters(clusterCount)
              .withExtra("imputed", (long) imputedMonth)
              .withExtra("imputed_od", (long) imputedOd);
      if (!needsImputation()) {
        // nothing imputed: every completed data set is the data, and the pooled analysis is the
        // complete-case one (Barnard-Rubin's formula is for a missing fraction above 0)
        StudentT c = StudentT.of(q[0], Math.sqrt(u[0]), df[0]);
        mi =
            mi.withEstimate(c.estimate())
                .withSe(c.se())
                .withDf(c.df())
                .withCi(c.ciLow(), c.ciHigh())
                .withPValue(c.pValue())
                .withExtra("df_complete", df[0])
                .withNote(
                    "no baseline or month-"
                        + month
                        + " score is missing: nothing was imputed, and this is the complete-case"
                        + " CR2 analysis");
        return List.of(
            mi,
            tip.notEstimable(
                "no month-" + month + " score was imputed, so no shift changes the result"));
      }
      double dfCom = 0;
      for (double d : df) {
        dfCom += d / df.length;
      }
      RubinsRules pooled = RubinsRules.pool(q, u, dfCom);
      mi =
          mi.withEstimate(pooled.estimate())
              .withSe(pooled.se())
              .withDf(pooled.df())
              .withCi(pooled.ciLow(), pooled.ciHigh())
              .withPValue(pooled.pValue())
              .withExtra("df_complete", dfCom)
              .withExtra("riv", pooled.riv())
              .withExtra("lambda", pooled.lambda())
              .withExtra("fmi", pooled.fmi());
      if (imputedOd == 0) {
        return List.of(
            mi,
            tip.notEstimable(
                "no OD participant's month-"
                    + month
                    + " score was imputed, so no shift changes the result"));
      }
      List<Double> estimates = new ArrayList<>();
      List<Double> pValues = new ArrayList<>();
      boolean significant = pooled.pValue() < ALPHA;
      Double tipping = null;
      for (double delta : deltas) {
        double[] qd = new double[q.length];
        double[] ud = new double[q.length];
        for (int k = 0; k < q.length; k++) {
          qd[k] = q[k] + delta * gamma[k];
          double v = 0;
          for (int j = 0; j < a[k].length; j++) {
            double t = a[k][j] + delta * b[k][j];
            v += t * t;
          }
          ud[k] = v;
        }
        double[] p = RubinsRules.estimateAndPValue(qd, ud, dfCom);
        estimates.add(p[0]);
        pValues.add(p[1]);
        boolean flips = (p[1] < ALPHA) != significant;
        // closest to 0; of two equally close, the first (the negative one)
        if (flips && (tipping == null || Math.abs(delta) < Math.abs(tipping))) {
          tipping = delta;
        }
      }
      tip =
          tip.withExtra("estimates", estimates)
              .withExtra("p_values", pValues)
              .withExtra("p_value_mar", pooled.pValue());
      if (tipping == null) {
        return List.of(
            mi,
            tip.notEstimable(
                String.format(
                    Locale.ROOT,
                    "no shift in the plan's grid (%s to %s) moves the pooled p-value to the other"
                        + " side of 0.05 (p = %.4g under missing at random)",
                    shortNumber(deltas.get(0)),
                    shortNumber(deltas.get(deltas.size() - 1)),
                    pooled.pValue())));
      }
      return List.of(mi, tip.withEstimate(tipping));
    }
  }

  /**
   * The ANCOVA designs (intercept, arm, baseline score) of the completed data sets: one per
   * imputation, shared by every month's score and shift indicator fitted in it; the cluster labels
   * are read once.
   */
  private static final class Designs {
    private final double[] arm;
    private final String[] clusters;
    private LeastSquaresDesign first;

    Designs(double[] arm, String[] clusters) {
      this.arm = arm;
      this.clusters = clusters;
    }

    Design at(double[] score0) {
      return new Design(this, score0);
    }

    LeastSquaresDesign make(double[] score0) {
      int n = score0.length;
      double[][] x = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = new double[] {1, arm[i], score0[i]};
      }
      if (first == null) {
        first = LeastSquaresDesign.of(x, clusters, TERMS);
        return first;
      }
      return first.with(x);
    }
  }

  /**
   * One completed data set's design, made when a month first needs it (so that a design error is
   * met exactly where a fit would meet it), and the arm's Satterthwaite df, which depends on the
   * design alone.
   */
  private static final class Design {
    private final Designs designs;
    private final double[] score0;
    private LeastSquaresDesign fits;
    private Double armDf;

    Design(Designs designs, double[] score0) {
      this.designs = designs;
      this.score0 = score0;
    }

    LeastSquaresDesign.Fit fit(double[] y) {
      if (fits == null) {
        fits = designs.make(score0);
      }
      return fits.fit(y);
    }

    double armDf(LeastSquaresDesign.Fit fit) {
      if (armDf == null) {
        armDf = fit.cr2().satterthwaiteDf(ARM);
      }
      return armDf;
    }
  }

  private static String shortNumber(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
