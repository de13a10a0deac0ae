package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Table 5, recovery and symptom scores: mean (SD) by arm at every month recorded, and for each
 * analysed month the adjusted mean differences, small-sample corrected (version 2) beside the
 * large-sample ones, with the mixed model's ICC.
 */
final class RecoveryTable {
  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final EffectRows r;

  private RecoveryTable(Context cx) {
    this.cx = cx;
    this.r = new EffectRows(cx, rows, 1);
  }

  static Table build(Context cx, int number) {
    return new RecoveryTable(cx).table(number);
  }

  private Table table(int number) {
    notes.add(
        "Effects are mean differences "
            + cx.contrast()
            + ", adjusted for the baseline score. ICC: intraclass correlation of the mixed model.");
    cx.rows
        .recovery()
        .forEach(
            (instrument, months) -> {
              r.heading(instrument);
              for (int m : scoreMonths(instrument)) {
                List<Cell> cells = new ArrayList<>();
                for (String arm : cx.arms) {
                  cells.add(scores(cx.scores(cx.arm(arm), instrument, m)));
                }
                r.data(
                    (m == 0 ? "Baseline" : Fmt.time(Fmt.monthDays(m))) + ", mean (SD); n",
                    1,
                    cells);
              }
              for (int m : months) {
                r.effect(
                    "Difference at " + Fmt.time(Fmt.monthDays(m)),
                    1,
                    RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA),
                    2);
                r.effect(
                    "Small-sample correction",
                    2,
                    RowId.recovery(instrument, m, RecoveryAnalysis.CR2),
                    2);
                mixed("Mixed model", RowId.recovery(instrument, m, RecoveryAnalysis.LMM));
                mixed(
                    "Mixed model, small-sample correction",
                    RowId.recovery(instrument, m, RecoveryAnalysis.LMM_KR));
              }
            });
    return Table.of(
        "recovery",
        number,
        "Recovery and symptom scores",
        "",
        EffectRows.columns(cx, "Mean difference (95% CI)", new Column("ICC", "effect")),
        rows,
        notes);
  }

  private void mixed(String label, RowId id) {
    cx.rows
        .one(id)
        .ifPresent(
            e -> {
              Lookup.Effect eff = cx.rows.effect(e);
              r.add(label, 2, e, Cells.effect(eff, 2), Cells.p(eff.p()), icc(e));
            });
  }

  /** The ICC, with a footnote where the fit is singular (cluster variance estimated as 0). */
  private Cell icc(Estimate e) {
    if (!(e.extras().get("icc") instanceof Number n)) {
      return Cell.EMPTY;
    }
    boolean singular = Boolean.TRUE.equals(e.extras().get("singular"));
    Cell c = Cell.of(Fmt.num(n.doubleValue(), 3), "icc", n.doubleValue());
    if (singular) {
      c =
          c.with("singular", "true")
              .withNote(
                  "Singular fit: the cluster variance was estimated as 0, so the mixed model"
                      + " reduces to ordinary least squares.");
    }
    return c;
  }

  private static Cell scores(double[] x) {
    if (x.length == 0) {
      return Cell.of("NA; 0", "n", 0);
    }
    return Cell.of(
            Fmt.meanSd(Describe.mean(x), Describe.sd(x), 1) + "; " + Fmt.count(x.length),
            "mean",
            Describe.mean(x))
        .with("sd", x.length < 2 ? null : Describe.sd(x))
        .with("n", x.length);
  }

  private List<Integer> scoreMonths(String instrument) {
    TreeSet<Integer> m = new TreeSet<>();
    cx.data.scores().keySet().stream()
        .filter(k -> k.instrument().equals(instrument))
        .forEach(k -> m.add(k.timepoint()));
    return new ArrayList<>(m);
  }
}
