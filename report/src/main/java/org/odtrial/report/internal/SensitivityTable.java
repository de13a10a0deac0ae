package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Table 7, sensitivity analyses beside the main analysis they test: each row is one sensitivity
 * analysis, with the main analysis's result repeated in the last two columns. Sections appear when
 * the results have at least one of their sensitivity rows. The intercurrent-event strategies
 * (composite, competing risks) compare with the main analysis's hypothetical strategy (death
 * censored); the recovery analyses with the ANCOVA.
 */
final class SensitivityTable {
  private static final int COLUMNS = 4;

  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private SensitivityTable(Context cx) {
    this.cx = cx;
  }

  /** The table, or empty when the results have no sensitivity analysis. */
  static Optional<Table> build(Context cx, int number) {
    return new SensitivityTable(cx).table(number);
  }

  private Optional<Table> table(int number) {
    hazardRatios();
    tests();
    incidence();
    recovery();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    notes.add(
        "Each row is a sensitivity analysis; the last two columns repeat the main analysis it is"
            + " compared with. Effects are "
            + cx.contrast()
            + ".");
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

  private void hazardRatios() {
    Optional<Estimate> main = cx.rows.one(RowId.RELAPSE_COX);
    List<Row> section = new ArrayList<>();
    contrast(section, "Adjusted for baseline covariates", RowId.RELAPSE_COX_ADJUSTED, main, 2);
    contrast(section, "Stratified by site", RowId.RELAPSE_COX_STRATIFIED, main, 2);
    contrast(
        section,
        "Relapse or death, whichever first (composite strategy)",
        RowId.RELAPSE_OR_DEATH_COX,
        main,
        2);
    contrast(
        section,
        "Death as a competing risk: subdistribution hazard ratio",
        RowId.RELAPSE_FINEGRAY,
        main,
        2);
    section(
        "Time to relapse, hazard ratio (main analysis: Cox model, death censored)",
        main.map(cx::footnote).orElse(null),
        section);
  }

  private void tests() {
    RowId mainId = cx.rows.preferred(RowId.RELAPSE_LOGRANK_ROBUST, RowId.RELAPSE_LOGRANK);
    Optional<Estimate> main = cx.rows.one(mainId);
    List<Row> section = new ArrayList<>();
    cx.rows
        .one(RowId.RELAPSE_GRAY)
        .ifPresent(
            e ->
                section.add(
                    row(
                        "Death as a competing risk: Gray's test",
                        e,
                        Cells.chisq(e),
                        Cells.p(e.pValue()),
                        main.map(m -> Cells.chisq(m).with(CsvFormat.ROW_ID, m.id()))
                            .orElse(Cell.of(Fmt.NA)),
                        main.map(m -> Cells.p(m.pValue())).orElse(Cell.EMPTY))));
    section(
        "Time to relapse, comparison of arms (main analysis: log-rank test)",
        main.map(cx::footnote).orElse(null),
        section);
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
        Row r =
            row(
                cx.blinding.label(arm) + " at " + Fmt.time(t) + ", death as a competing risk",
                cif.get(),
                Cells.armEstimate(cif.get(), 100, 1),
                Cell.EMPTY,
                s.map(x -> incidenceFromSurvival(x).with(CsvFormat.ROW_ID, x.id()))
                    .orElse(Cell.of(Fmt.NA)),
                Cell.EMPTY);
        section.add(
            new Row(
                r.label(),
                r.indent(),
                false,
                List.of(cx.methodFootnote(cif.get())),
                r.id(),
                r.cells()));
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

  private void recovery() {
    cx.rows
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                Optional<Estimate> main =
                    cx.rows.one(RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA));
                List<Row> section = new ArrayList<>();
                contrast(
                    section,
                    "Mixed model for repeated measures (all visits)",
                    RowId.recovery(instrument, m, RecoveryAnalysis.MMRM),
                    main,
                    2);
                contrast(
                    section,
                    "Multiple imputation of missing scores",
                    RowId.recovery(instrument, m, RecoveryAnalysis.MI),
                    main,
                    2);
                contrast(
                    section,
                    "Complier average causal effect",
                    RowId.recovery(instrument, m, RecoveryAnalysis.CACE),
                    main,
                    2);
                section(
                    instrument
                        + " at "
                        + Fmt.time(Fmt.monthDays(m))
                        + ", mean difference (main analysis: ANCOVA)",
                    main.map(cx::footnote).orElse(null),
                    section);
              }
            });
  }

  private void contrast(
      List<Row> section, String label, RowId id, Optional<Estimate> main, int decimals) {
    cx.rows
        .one(id)
        .ifPresent(
            e -> {
              Lookup.Effect eff = cx.rows.effect(e);
              Optional<Lookup.Effect> m = main.map(cx.rows::effect);
              section.add(
                  row(
                      label,
                      e,
                      Cells.effect(eff, decimals),
                      Cells.p(eff.p()),
                      m.map(x -> Cells.effect(x, decimals).with(CsvFormat.ROW_ID, main.get().id()))
                          .orElse(Cell.of(Fmt.NA)),
                      m.map(x -> Cells.p(x.p())).orElse(Cell.EMPTY)));
            });
  }

  private Row row(String label, Estimate e, Cell effect, Cell p, Cell mainEffect, Cell mainP) {
    Cell shown = e.estimate() == null ? effect.with("note", cx.blinding.scrub(e.note())) : effect;
    return new Row(
        label, 1, false, List.of(cx.footnote(e)), e.id(), List.of(shown, p, mainEffect, mainP));
  }

  /** A section: its heading (with the main analysis's footnote) and rows, when it has rows. */
  private void section(String heading, String mainNote, List<Row> section) {
    if (!section.isEmpty()) {
      rows.add(Row.heading(heading, COLUMNS).withNote(mainNote));
      rows.addAll(section);
    }
  }
}
