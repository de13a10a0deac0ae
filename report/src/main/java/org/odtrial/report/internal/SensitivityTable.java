package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odtrial.analysis.plan.Estimand;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Sensitivity analyses beside the main analysis of their estimand: one section per estimand of the
 * plan that has sensitivity analyses or supplementary estimands, each row one of them, with the
 * main analysis's result repeated in the last two columns. A supplementary estimand's row is its
 * own main analysis (another strategy or summary for the same question). An analysis the plan names
 * and the results lack says "not estimated", with the reason. Last, the cumulative incidence of
 * relapse with death competing beside 1 - Kaplan-Meier with death censored, per arm.
 */
final class SensitivityTable {
  private static final int COLUMNS = 4;

  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private SensitivityTable(Context cx) {
    this.cx = cx;
  }

  /** The table, or empty when neither the plan nor the results have a sensitivity analysis. */
  static Optional<Table> build(Context cx, int number) {
    return new SensitivityTable(cx).table(number);
  }

  private Optional<Table> table(int number) {
    List<String> alone = estimands();
    incidence();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    notes.add(
        "Each row is a sensitivity analysis or a supplementary estimand; the last two columns"
            + " repeat the main analysis of the estimand in the section heading. Effects are "
            + cx.contrast()
            + ".");
    if (!alone.isEmpty()) {
      notes.add(
          "Estimands without sensitivity analyses or supplementary estimands in the plan: "
              + String.join("; ", alone)
              + ".");
    }
    return Optional.of(
        Table.of(
            "sensitivity",
            number,
            "Sensitivity analyses beside the main analyses",
            "Sensitivity analysis",
            List.of(
                new Column("Estimate (95% CI)", "sensitivity"),
                new Column("p value", "sensitivity"),
                new Column("Main analysis: estimate (95% CI)", "main"),
                new Column("Main analysis: p value", "main")),
            rows,
            notes));
  }

  /**
   * A section per estimand with sensitivity analyses or supplements, in plan order; returns the
   * labels of the estimands shown nowhere in the table.
   */
  private List<String> estimands() {
    List<String> alone = new ArrayList<>();
    List<Estimand> all = cx.plan.estimands();
    for (Estimand e : all) {
      List<Estimand> supplements =
          all.stream().filter(s -> e.id().equals(s.supplementaryTo())).toList();
      String label = cx.blinding.neutral(e.label());
      if (e.sensitivityAnalyses().isEmpty() && supplements.isEmpty()) {
        // a supplementary estimand is a row of its parent's section
        if (!e.supplementary()) {
          alone.add(label);
        }
        continue;
      }
      Optional<Estimate> main = cx.rows.contrast(e.mainAnalysis());
      List<Row> section = new ArrayList<>();
      for (RowId id : e.sensitivityAnalyses()) {
        section.add(beside(RowLabels.of(id), id, e.mainAnalysis(), main));
      }
      for (Estimand s : supplements) {
        section.add(
            beside(
                "Supplementary estimand: " + cx.blinding.neutral(s.label()),
                s.mainAnalysis(),
                e.mainAnalysis(),
                main));
      }
      String mainLabel = RowLabels.of(e.mainAnalysis());
      section(
          label
              + (e.primary() ? " (primary)" : "")
              + "; main analysis: "
              + mainLabel.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
              + mainLabel.substring(1),
          main.map(cx::footnote).orElse(EstimandsTable.notEstimated()),
          section);
    }
    return alone;
  }

  /** One analysis's result beside the main analysis's. */
  private Row beside(String label, RowId id, RowId mainId, Optional<Estimate> main) {
    Optional<Estimate> e = cx.rows.contrast(id);
    List<Cell> cells = new ArrayList<>(result(e));
    List<Cell> m = result(main);
    cells.add(m.get(0).with(CsvFormat.ROW_ID, mainId));
    cells.add(m.get(1));
    List<String> labelNotes = e.map(x -> List.of(cx.footnote(x))).orElse(List.of());
    return new Row(label, 1, false, labelNotes, id, cells);
  }

  /**
   * A result as two cells, estimate and p-value: a ratio or difference with its CI, a chi-square
   * test, a randomisation test; "not estimated" for a row the results lack.
   */
  private List<Cell> result(Optional<Estimate> row) {
    if (row.isEmpty()) {
      return List.of(
          Cell.of(EstimandsTable.NOT_ESTIMATED).withNote(EstimandsTable.notEstimated()),
          Cell.EMPTY);
    }
    Estimate e = row.get();
    Cell shown;
    Cell p;
    if ("chisq".equals(e.estimand())) {
      shown = Cells.chisq(e);
      p = Cells.p(e.pValue());
    } else if (e.id()
        .recoveryRow()
        .filter(r -> r.analysis() == RecoveryAnalysis.TIPPING)
        .isPresent()) {
      shown = Cells.tippingPoint(cx.rows.effect(e).estimate());
      p = Cell.EMPTY;
    } else if (e.id().equals(RowId.RELAPSE_PERMUTATION)) {
      shown = Cells.randomisation(e);
      p = Cells.p(e.pValue());
    } else {
      Lookup.Effect eff = cx.rows.effect(e);
      shown = Cells.effect(eff, "rmst_difference".equals(e.estimand()) ? 1 : 2);
      p = Cells.p(eff.p());
    }
    return List.of(
        e.estimate() == null ? shown.with("note", cx.blinding.scrub(e.note())) : shown, p);
  }

  /** Cumulative incidence of relapse (death competing) beside 1 - Kaplan-Meier (death censored). */
  private void incidence() {
    RowId km = cx.rows.preferred(RowId.RELAPSE_KM_ROBUST, RowId.RELAPSE_KM);
    List<Row> section = new ArrayList<>();
    String mainNote = null;
    for (int t : cx.rows.times(RowId.RELAPSE_CIF)) {
      for (String arm : cx.arms) {
        Optional<Estimate> cif = cx.rows.arm(RowId.RELAPSE_CIF, arm, t);
        if (cif.isEmpty()) {
          continue;
        }
        Optional<Estimate> s = cx.rows.arm(km, arm, t);
        mainNote = s.map(cx::methodFootnote).orElse(mainNote);
        section.add(
            new Row(
                cx.blinding.label(arm) + " at " + Fmt.time(t) + ", death as a competing risk",
                1,
                false,
                List.of(cx.methodFootnote(cif.get())),
                cif.get().id(),
                List.of(
                    Cells.armEstimate(cif.get(), 100, 1),
                    Cell.EMPTY,
                    s.map(x -> incidenceFromSurvival(x).with(CsvFormat.ROW_ID, x.id()))
                        .orElse(Cell.of(Fmt.NA)),
                    Cell.EMPTY)));
      }
    }
    section(
        "Probability of relapse, % (main analysis: 1 - Kaplan-Meier, death censored)",
        mainNote, section);
  }

  /** 1 - S(t) with limits 1 - upper, 1 - lower, in percent. */
  private static Cell incidenceFromSurvival(Estimate s) {
    if (s.estimate() == null) {
      return Cell.of(Cells.NOT_ESTIMABLE);
    }
    Double lo = s.ciHigh() == null ? null : 100 * (1 - s.ciHigh());
    Double hi = s.ciLow() == null ? null : 100 * (1 - s.ciLow());
    double est = 100 * (1 - s.estimate());
    Double se = s.se() == null ? null : 100 * s.se();
    Cell c = Cell.of(Fmt.withCi(est, lo, hi, se, 1), "estimate", est);
    return lo != null && hi != null ? c.with("ci_low", lo).with("ci_high", hi) : c.with("se", se);
  }

  /** A section: its heading (with the main analysis's footnote) and rows, when it has rows. */
  private void section(String heading, String mainNote, List<Row> section) {
    if (!section.isEmpty()) {
      rows.add(Row.heading(heading, COLUMNS).withNote(mainNote));
      rows.addAll(section);
    }
  }
}
