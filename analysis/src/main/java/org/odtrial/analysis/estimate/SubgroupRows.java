package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.CellSeparation;
import org.odtrial.analysis.survival.CoxFit;
import org.odtrial.analysis.survival.CoxModel;
import org.odtrial.analysis.survival.Ties;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Subgroups of the plan's variables V: the arm-by-V interaction test ({@code
 * relapse.cox.interaction.V}, the robust joint Wald test of the interaction coefficients of {@code
 * coxph(Surv(relapse_days, relapse) ~ arm * V, ties = "efron", cluster = cluster_id)} on the
 * participants with V recorded, levels without participants dropped) and the hazard ratio within
 * each level ({@code relapse.cox.subgroup.V.LEVEL}).
 */
final class SubgroupRows {
  /** Smallest reciprocal condition number of the interaction terms' robust variance solved. */
  static final double MIN_RCOND = 1e-12;

  private SubgroupRows() {}

  static List<Estimate> of(AnalysisData data, AnalysisPlan plan) {
    List<Estimate> rows = new ArrayList<>();
    for (String v : plan.subgroups()) {
      List<Participant> ps =
          data.participants().stream().filter(p -> Design.value(p, v) != null).toList();
      List<String> levels = levels(ps, v);
      rows.add(interaction(v, ps, levels));
      // Each level's participants in input order, in one pass over them all.
      Map<String, List<Participant>> byLevel = new HashMap<>();
      for (Participant p : ps) {
        byLevel.computeIfAbsent((String) Design.value(p, v), k -> new ArrayList<>()).add(p);
      }
      for (String level : levels) {
        rows.add(
            HazardRatioRow.of(
                    RowId.coxSubgroup(v, level),
                    byLevel.get(level),
                    List.of(),
                    HazardRatioRow.RELAPSE)
                .withMethod(
                    HazardRatioRow.COX_METHOD + "; participants with " + v + " = " + level));
      }
    }
    return rows;
  }

  /** The levels present, in the data contract's code order (the first is the reference). */
  static List<String> levels(List<Participant> ps, String v) {
    Set<String> present = new LinkedHashSet<>();
    ps.forEach(p -> present.add((String) Design.value(p, v)));
    return TrialFile.PARTICIPANTS.column(v).orElseThrow().codes().stream()
        .filter(present::contains)
        .toList();
  }

  private static Estimate interaction(String v, List<Participant> ps, List<String> levels) {
    Estimate e =
        Estimate.of(RowId.coxInteraction(v), "chisq")
            .withN(ps.size())
            .withEvents(ps.stream().filter(Participant::relapse).count())
            .withClusters(Arms.clusterCount(ps))
            .withExtra("levels", levels)
            .withMethod(
                "robust Wald test of the arm-by-"
                    + v
                    + " interaction terms of a Cox PH model (Efron ties, cluster-robust variance)");
    if (levels.isEmpty()) {
      return e.withExtra("terms", List.of())
          .notEstimable("no participant has " + v + " recorded: there is no interaction");
    }
    if (levels.size() < 2) {
      return e.withExtra("terms", List.of())
          .notEstimable(
              "only one level of " + v + " among the participants: there is no interaction");
    }
    if (!Arms.bothArmsPresent(ps)) {
      return e.withExtra("terms", List.of()).notEstimable("both arms are needed");
    }
    if (ps.stream().noneMatch(Participant::relapse)) {
      return e.withExtra("terms", List.of())
          .notEstimable("no relapses: there is no interaction to test");
    }
    InteractionDesign d = InteractionDesign.of(v, ps, levels);
    int nl = levels.size();
    List<String> names = d.names();
    double[][] cellDesign = d.cellDesign();
    int[] cell = d.cell();
    double[] time = HazardRatioRow.times(ps);
    boolean[] event = HazardRatioRow.events(ps, Participant::relapse);
    CoxFit fit =
        CoxModel.of(time, event, d.x())
            .withTies(Ties.EFRON)
            .withNames(names)
            .withClusters(HazardRatioRow.clusterCodes(ps))
            .fit();
    // The interaction terms R keeps (non-NA), and the coefficients that exist at all.
    List<Integer> kept = new ArrayList<>();
    List<Integer> tested = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (!fit.aliased()[j]) {
        kept.add(j);
        if (j >= nl) {
          tested.add(j);
        }
      }
    }
    List<String> terms = tested.stream().map(names::get).toList();
    e = e.withExtra("terms", terms);
    for (String note : fit.notes()) {
      e = e.withNote("coxph: " + note);
    }
    if (tested.isEmpty()) {
      return e.notEstimable(
          "no level of " + v + " besides the reference has participants in both arms");
    }
    // Which coefficients the data make finite, on the non-aliased columns.
    double[][] keptDesign = new double[cellDesign.length][kept.size()];
    for (int c = 0; c < cellDesign.length; c++) {
      for (int j = 0; j < kept.size(); j++) {
        keptDesign[c][j] = cellDesign[c][kept.get(j)];
      }
    }
    CellSeparation sep = CellSeparation.of(time, event, cell, 2 * nl);
    boolean[] finite = sep.finiteCoefficients(keptDesign);
    List<String> infinite = new ArrayList<>();
    for (int j = 0; j < kept.size(); j++) {
      if (kept.get(j) >= nl && !finite[j]) {
        infinite.add(names.get(kept.get(j)));
      }
    }
    if (!infinite.isEmpty()) {
      return e.notEstimable(
          String.join(", ", infinite)
              + (infinite.size() == 1 ? " is" : " are")
              + " infinite (monotone likelihood"
              + emptyCells(sep, v, levels)
              + "): the Wald statistic where the iterations stop is not meaningful");
    }
    int k = tested.size();
    double[] b = new double[k];
    double[][] vk = new double[k][k];
    for (int a = 0; a < k; a++) {
      b[a] = fit.coef()[tested.get(a)];
      for (int c = 0; c < k; c++) {
        vk[a][c] = fit.robustVar()[tested.get(a)][tested.get(c)];
      }
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(vk));
    double[] sv = svd.getSingularValues();
    if (!(sv[sv.length - 1] > MIN_RCOND * sv[0])) {
      return e.notEstimable(
          String.format(
              Locale.ROOT,
              "the robust variance of the %d interaction terms is singular (reciprocal condition"
                  + " number %.3g; too few clusters for the number of terms)",
              k,
              sv[sv.length - 1] / sv[0]));
    }
    double[] sol = svd.getSolver().solve(new ArrayRealVector(b)).toArray();
    double chisq = 0;
    for (int a = 0; a < k; a++) {
      chisq += b[a] * sol[a];
    }
    // odtrial simulate measured the level of this test (docs/simulation.md): far above 5% with few
    // clusters or sparse levels, so the row says so rather than leave the p-value unqualified
    return e.withEstimate(chisq)
        .withDf((double) k)
        .withPValue(Gamma.regularizedGammaQ(k / 2.0, chisq / 2.0))
        .withNote(
            String.format(
                Locale.ROOT,
                "a large-sample chi-square test of %d terms with %d clusters: with few clusters or"
                    + " sparse levels it rejects far more often than 5%% when there is no"
                    + " interaction (simulated: docs/simulation.md); read subgroup differences as"
                    + " exploratory",
                k,
                e.clusters()));
  }

  /**
   * The design of {@code arm * V} as R's model.matrix builds it: columns armOD, the V levels but
   * the first (the reference), then armOD:V for the same levels; each participant's row is that of
   * their cell, a (level, arm) pair numbered 2 x level index + (0 for OD, 1 for TAU).
   *
   * @param names column names as R spells them ({@code armOD:sexmale})
   * @param cellDesign the design row of each cell
   * @param cell each participant's cell
   * @param x each participant's design row
   */
  record InteractionDesign(List<String> names, double[][] cellDesign, int[] cell, double[][] x) {
    static InteractionDesign of(String v, List<Participant> ps, List<String> levels) {
      int nl = levels.size();
      List<String> names = new ArrayList<>(List.of(Arms.ARM_TERM));
      for (String l : levels.subList(1, nl)) {
        names.add(v + l);
      }
      for (String l : levels.subList(1, nl)) {
        names.add(Arms.ARM_TERM + ":" + v + l);
      }
      double[][] cellDesign = new double[2 * nl][];
      for (int li = 0; li < nl; li++) {
        for (int arm = 0; arm < 2; arm++) {
          double od = arm == 0 ? 1 : 0;
          double[] row = new double[2 * nl - 1];
          row[0] = od;
          if (li > 0) {
            row[li] = 1;
            row[nl - 1 + li] = od;
          }
          cellDesign[2 * li + arm] = row;
        }
      }
      int[] cell = new int[ps.size()];
      double[][] x = new double[ps.size()][];
      for (int i = 0; i < x.length; i++) {
        Participant p = ps.get(i);
        cell[i] = 2 * levels.indexOf((String) Design.value(p, v)) + (p.isOd() ? 0 : 1);
        x[i] = cellDesign[cell[i]];
      }
      return new InteractionDesign(List.copyOf(names), cellDesign, cell, x);
    }
  }

  /** ": no relapses among V = L in the OD arm, ..." for the (level, arm) cells without relapses. */
  private static String emptyCells(CellSeparation sep, String v, List<String> levels) {
    List<String> empty = new ArrayList<>();
    int[] rows = sep.rows();
    int[] events = sep.events();
    for (int c = 0; c < rows.length; c++) {
      if (rows[c] > 0 && events[c] == 0) {
        empty.add(
            v
                + " = "
                + levels.get(c / 2)
                + " in the "
                + (c % 2 == 0 ? Arms.OD : Arms.TAU)
                + " arm");
      }
    }
    return empty.isEmpty()
        ? ": the relapses of some arm and level all happen while others are no longer followed"
        : ": no relapses among " + String.join(", ", empty);
  }
}
