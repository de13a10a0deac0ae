package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Table 3, time to first relapse. The rows that allow for clustering (version 2) are the primary
 * Kaplan-Meier intervals, log-rank test and restricted mean; the rows that ignore clustering follow
 * under their own heading. Without version-2 rows, the version-1 rows are shown and say that they
 * ignore clustering.
 */
final class RelapseTable {

  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final EffectRows r;

  private RelapseTable(Context cx) {
    this.cx = cx;
    this.r = new EffectRows(cx, rows, 0);
  }

  static Table build(Context cx, int number) {
    return new RelapseTable(cx).table(number);
  }

  private Table table(int number) {
    notes.add(
        "Effects are "
            + cx.contrast()
            + "; a hazard ratio below 1 means a lower rate of relapse in "
            + cx.label(0)
            + ". CI: confidence interval; SE: standard error.");
    List<Cell> n = new ArrayList<>();
    List<Cell> relapses = new ArrayList<>();
    for (String arm : cx.arms) {
      int[] at = cx.arm(arm);
      n.add(Cells.count(at.length));
      relapses.add(Cells.countPct(cx.count(at, Participant::relapse), at.length));
    }
    r.data("Participants, n", 0, n);
    r.data("Relapses, n (%)", 0, relapses);
    boolean robust =
        cx.rows.has(RowId.RELAPSE_KM_ROBUST)
            || cx.rows.has(RowId.RELAPSE_LOGRANK_ROBUST)
            || cx.rows.has(RowId.RELAPSE_RMST_ROBUST);
    survival(cx.rows.preferred(RowId.RELAPSE_KM_ROBUST, RowId.RELAPSE_KM), 0);
    rmst(cx.rows.preferred(RowId.RELAPSE_RMST_ROBUST, RowId.RELAPSE_RMST), 0);
    r.test(
        "Log-rank test", 0, cx.rows.preferred(RowId.RELAPSE_LOGRANK_ROBUST, RowId.RELAPSE_LOGRANK));
    r.effect("Hazard ratio, unadjusted", 0, RowId.RELAPSE_COX, 2);
    r.randomisation("Randomisation test", 1, RowId.RELAPSE_PERMUTATION);
    r.effect("Hazard ratio, adjusted", 0, RowId.RELAPSE_COX_ADJUSTED, 2);
    r.effect("Hazard ratio, stratified by site", 0, RowId.RELAPSE_COX_STRATIFIED, 2);
    r.test("Test of proportional hazards", 0, RowId.RELAPSE_PH_TEST);
    if (robust) {
      r.heading("Ignoring clustering (for comparison only)");
      survival(RowId.RELAPSE_KM, 1);
      rmst(RowId.RELAPSE_RMST, 1);
      r.test("Log-rank test", 1, RowId.RELAPSE_LOGRANK);
    } else {
      notes.add(
          "The Kaplan-Meier intervals, the log-rank test and the restricted mean's standard error"
              + " ignore clustering: these results have no rows that allow for it.");
    }
    return Table.of(
        "relapse",
        number,
        "Time to first relapse",
        "",
        EffectRows.columns(cx, "Effect (95% CI)"),
        rows,
        notes);
  }

  private void survival(RowId id, int indent) {
    for (int t : cx.rows.times(id)) {
      r.perArm("Relapse-free survival at " + Fmt.time(t) + ", % (95% CI)", indent, id, t, 100, 1);
    }
  }

  /** Restricted mean per arm (SE) and their difference (95% CI) with p, in one row. */
  private void rmst(RowId id, int indent) {
    List<Cell> arms = new ArrayList<>();
    Estimate any = null;
    for (String arm : cx.arms) {
      Optional<Estimate> e = cx.rows.armAnyTime(id, arm);
      arms.add(e.map(x -> Cells.armEstimate(x, 1, 1)).orElse(Cell.of(Fmt.NA)));
      any = e.orElse(any);
    }
    Optional<Estimate> diff = cx.rows.armAnyTime(id, Lookup.DIFFERENCE);
    if (any == null && diff.isEmpty()) {
      return;
    }
    Estimate shown = diff.orElse(any);
    Integer t = shown.timeDays();
    String label =
        "Restricted mean relapse-free time"
            + (t == null ? "" : " to " + Fmt.time(t))
            + ", days (SE); difference (95% CI)";
    Cell effect = Cell.EMPTY;
    Cell p = Cell.EMPTY;
    if (diff.isPresent()) {
      Lookup.Effect eff = cx.rows.effect(diff.get());
      effect = Cells.effect(eff, 1);
      p = Cells.p(eff.p());
    }
    r.add(label, indent, shown, arms, effect, p);
  }
}
