package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.internal.AliasedColumns;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.KenwardRogerFit;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.NestedMixedFit;
import org.odtrial.analysis.mixed.NestedRandomInterceptModel;
import org.odtrial.analysis.mixed.RandomInterceptModel;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Rows {@code recovery.<I>.m<M>.mmrm}: one repeated-measures mixed model per instrument over the
 * plan's months, as {@code lmerTest::lmer(score ~ arm * factor(timepoint) + score_0 + (1 |
 * cluster_id) + (1 | participant_id), REML = TRUE)} on every post-baseline score of participants
 * with a baseline score, and the arm effect at each month by {@code lmerTest::contest(fit, L, ddf =
 * "Kenward-Roger", joint = FALSE)}. With one month the model has no timepoint terms and no
 * participant intercept. Valid under missing at random: a participant missing one month still
 * contributes the others.
 */
final class MmrmRows {
  static final String METHOD =
      "repeated-measures mixed model over the plan's months (arm x month + baseline score, random"
          + " intercepts for cluster and participant), REML; arm effect at the month with"
          + " Kenward-Roger se and df";
  static final String METHOD_ONE_MONTH =
      "mixed model at the plan's only month (arm + baseline score, random intercept per cluster),"
          + " REML; Kenward-Roger se and df";

  private MmrmRows() {}

  /** The rows of one instrument, one per month of the plan, in the plan's order. */
  static List<Estimate> of(AnalysisData data, String instrument, List<Integer> months) {
    Map<Integer, Estimate> rows = new LinkedHashMap<>();
    for (int m : months) {
      rows.put(
          m,
          Estimate.of(RowId.recovery(instrument, m, RecoveryAnalysis.MMRM), "mean_difference")
              .withContrast(Arms.CONTRAST)
              .withMethod(months.size() > 1 ? METHOD : METHOD_ONE_MONTH));
    }
    Optional<double[]> baseline = data.scores(instrument, 0);
    if (baseline.isEmpty()) {
      String why = String.format(Locale.ROOT, "no %s scores at month 0", instrument);
      return rows.values().stream().map(e -> e.withN(0).notEstimable(why)).toList();
    }
    LongData scores = LongData.of(data, instrument, baseline.get(), months);
    List<Integer> present = scores.months();
    List<Estimate> out = new ArrayList<>();
    Map<Integer, Estimate> fitted = fit(scores, rows);
    for (int m : months) {
      Estimate e = fitted.get(m);
      if (!present.contains(m)) {
        e =
            rows.get(m)
                .withN(scores.people())
                .withExtra("observations", (long) scores.y().length)
                .withExtra("months", present)
                .notEstimable(
                    String.format(
                        Locale.ROOT,
                        "no %s scores at month %d among participants with a baseline score",
                        instrument,
                        m));
      }
      out.add(e);
    }
    return out;
  }

  /**
   * The long data: one row per post-baseline score at a plan month of a participant with a baseline
   * score, by participant then month.
   */
  private record LongData(
      double[] y,
      String[] participantIds,
      String[] clusters,
      double[] arm,
      double[] base,
      int[] month,
      int people,
      List<Integer> months) {

    static LongData of(AnalysisData data, String instrument, double[] base, List<Integer> months) {
      List<Participant> ps = data.participants();
      List<double[]> scores = new ArrayList<>();
      for (int m : months) {
        scores.add(data.scores(instrument, m).orElse(null));
      }
      List<Integer> rowsOf = new ArrayList<>();
      List<Integer> monthOf = new ArrayList<>();
      boolean[] seen = new boolean[months.size()];
      int people = 0;
      for (int i = 0; i < ps.size(); i++) {
        if (Double.isNaN(base[i])) {
          continue;
        }
        boolean any = false;
        for (int k = 0; k < months.size(); k++) {
          double[] s = scores.get(k);
          if (s != null && !Double.isNaN(s[i])) {
            rowsOf.add(i);
            monthOf.add(k);
            seen[k] = true;
            any = true;
          }
        }
        people += any ? 1 : 0;
      }
      int n = rowsOf.size();
      double[] y = new double[n];
      String[] pid = new String[n];
      String[] cid = new String[n];
      double[] arm = new double[n];
      double[] b = new double[n];
      int[] month = new int[n];
      for (int r = 0; r < n; r++) {
        int i = rowsOf.get(r);
        Participant p = ps.get(i);
        y[r] = scores.get(monthOf.get(r))[i];
        pid[r] = p.participantId();
        cid[r] = p.clusterId();
        arm[r] = Arms.indicator(p);
        b[r] = base[i];
        month[r] = months.get(monthOf.get(r));
      }
      List<Integer> present = new ArrayList<>();
      for (int k = 0; k < months.size(); k++) {
        if (seen[k]) {
          present.add(months.get(k));
        }
      }
      return new LongData(y, pid, cid, arm, b, month, people, List.copyOf(present));
    }
  }

  private static Map<Integer, Estimate> fit(LongData d, Map<Integer, Estimate> rows) {
    List<Integer> months = d.months();
    Map<Integer, Estimate> out = new LinkedHashMap<>();
    if (months.isEmpty()) {
      return out;
    }
    // R's model.matrix column order for arm * factor(timepoint) + score_0
    List<String> terms = new ArrayList<>(List.of(Arms.INTERCEPT, Arms.ARM_TERM));
    for (int m : months.subList(1, months.size())) {
      terms.add("factor(timepoint)" + m);
    }
    terms.add("score_0");
    for (int m : months.subList(1, months.size())) {
      terms.add(Arms.ARM_TERM + ":factor(timepoint)" + m);
    }
    int n = d.y().length;
    int k = months.size();
    double[][] x = new double[n][];
    for (int r = 0; r < n; r++) {
      double[] row = new double[terms.size()];
      row[0] = 1;
      row[1] = d.arm()[r];
      int at = months.indexOf(d.month()[r]);
      if (at > 0) {
        row[1 + at] = 1;
        row[k + 1 + at] = d.arm()[r];
      }
      row[k + 1] = d.base()[r];
      x[r] = row;
    }
    int[] kept = AliasedColumns.kept(x);
    List<String> keptTerms = new ArrayList<>();
    for (int c : kept) {
      keptTerms.add(terms.get(c));
    }
    double[][] xk = new double[n][kept.length];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < kept.length; c++) {
        xk[r][c] = x[r][kept[c]];
      }
    }
    String dropped =
        kept.length < terms.size()
            ? String.format(
                Locale.ROOT,
                "the fixed-effect design is rank deficient; %s dropped, as lmer does",
                String.join(", ", terms.stream().filter(t -> !keptTerms.contains(t)).toList()))
            : null;
    Summary fit;
    try {
      fit =
          k == 1
              ? Summary.of(RandomInterceptModel.of(d.y(), xk, keptTerms, d.clusters()).fit())
              : Summary.of(
                  NestedRandomInterceptModel.of(
                          d.y(), xk, keptTerms, d.clusters(), d.participantIds())
                      .fit());
    } catch (ArithmeticException | IllegalArgumentException ex) {
      String why = "the model could not be fitted: " + ex.getMessage();
      for (int m : months) {
        out.put(m, common(rows.get(m), d).notEstimable(why));
      }
      return out;
    }
    KenwardRogerFit kr = fit.kenwardRoger();
    for (int at = 0; at < k; at++) {
      int m = months.get(at);
      Estimate e = common(rows.get(m), d).withClusters(fit.clusters());
      for (Map.Entry<String, Object> v : fit.extras().entrySet()) {
        e = e.withExtra(v.getKey(), v.getValue());
      }
      List<String> need = new ArrayList<>(List.of(Arms.ARM_TERM));
      if (at > 0) {
        need.add(Arms.ARM_TERM + ":factor(timepoint)" + m);
      }
      if (!keptTerms.containsAll(need)) {
        out.put(
            m,
            e.notEstimable(
                String.format(
                    Locale.ROOT,
                    "the arm effect at month %d is not estimable: %s (only one arm has scores"
                        + " there)",
                    m,
                    dropped)));
        continue;
      }
      double[] l = new double[keptTerms.size()];
      for (String t : need) {
        l[keptTerms.indexOf(t)] = 1;
      }
      FixedEffect f = kr.contrast(String.join(" + ", need), l);
      e =
          e.withEstimate(f.estimate())
              .withSe(f.se())
              .withDf(f.df())
              .withCi(f.ciLow(), f.ciHigh())
              .withPValue(f.pValue());
      for (String note : fit.notes()) {
        e = e.withNote(note);
      }
      if (fit.singular()) {
        e =
            e.withNote(
                "as pbkrtest, Kenward-Roger still treats a variance estimated as 0 as an estimated"
                    + " parameter, so the se and df allow for its uncertainty");
      }
      if (kr.generalisedInverse()) {
        e =
            e.withNote(
                "the expected information of the variance components is singular: its"
                    + " generalised inverse is used, as pbkrtest does");
      }
      if (dropped != null) {
        e = e.withNote(dropped);
      }
      out.put(m, e);
    }
    return out;
  }

  /** What the rows take from either fit. */
  private record Summary(
      KenwardRogerFit kenwardRoger,
      int clusters,
      boolean singular,
      Map<String, Object> extras,
      List<String> notes) {

    static Summary of(MixedFit f) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("singular", f.singular());
      x.put("var_cluster", f.varCluster());
      x.put("var_residual", f.varResidual());
      List<String> notes = new ArrayList<>();
      for (String note : f.notes()) {
        // the fit's boundary note says the model reduces to OLS: true of the estimate only
        if (!note.startsWith("boundary (singular) fit")) {
          notes.add(note);
        }
      }
      if (f.singular()) {
        notes.add("boundary (singular) fit: the cluster variance is estimated as 0");
      }
      return new Summary(f.kenwardRoger(), f.clusters(), f.singular(), x, notes);
    }

    static Summary of(NestedMixedFit f) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("singular", f.singular());
      x.put("var_cluster", f.varCluster());
      x.put("var_participant", f.varParticipant());
      x.put("var_residual", f.varResidual());
      return new Summary(f.kenwardRoger(), f.clusters(), f.singular(), x, f.notes());
    }
  }

  private static Estimate common(Estimate e, LongData d) {
    return e.withN(d.people())
        .withExtra("observations", (long) d.y().length)
        .withExtra("months", d.months());
  }
}
