package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.RowId;

/**
 * Table 4, hospital admissions and bed days: totals and rates from the data, rate ratios from the
 * results, the small-sample corrected ones (version 2) beside the large-sample ones.
 */
final class HospitalTable {
  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final EffectRows r;

  private HospitalTable(Context cx) {
    this.cx = cx;
    this.r = new EffectRows(cx, rows, 0);
  }

  static Table build(Context cx, int number) {
    return new HospitalTable(cx).table(number);
  }

  private Table table(int number) {
    notes.add(
        "Effects are "
            + cx.contrast()
            + "; a rate ratio below 1 means fewer in "
            + cx.label(0)
            + ". Rates: total over the arm's participant-years of follow-up.");
    r.data("Participants, n", 0, perArm(at -> Cells.count(at.length)));
    r.data(
        "Participant-years of follow-up",
        0,
        perArm(at -> Cells.number(years(at), 1, "participant_years")));
    outcome("Admissions", Participant::admissions, RowId.ADMISSIONS_NB, RowId.ADMISSIONS_NB_CR2);
    outcome("Bed days", Participant::bedDays, RowId.BED_DAYS_NB, RowId.BED_DAYS_NB_CR2);
    return Table.of(
        "hospitalisation",
        number,
        "Hospital admissions and bed days",
        "",
        EffectRows.columns(cx, "Rate ratio (95% CI)"),
        rows,
        notes);
  }

  private void outcome(String name, ToIntFunction<Participant> f, RowId id, RowId cr2) {
    r.heading(name);
    r.data(name + ", total", 1, perArm(at -> Cells.count(total(at, f))));
    r.data(
        name + " per participant-year",
        1,
        perArm(
            at -> {
              double y = years(at);
              return Cells.number(y == 0 ? null : total(at, f) / y, 2, "rate");
            }));
    r.effect("Rate ratio", 1, id, 2);
    r.effect("Rate ratio, small-sample correction", 1, cr2, 2);
  }

  private List<Cell> perArm(java.util.function.Function<int[], Cell> f) {
    return cx.arms.stream().map(a -> f.apply(cx.arm(a))).toList();
  }

  private double years(int[] at) {
    double sum = 0;
    for (double y : cx.values(at, Participant::followupYears)) {
      sum += y;
    }
    return sum;
  }

  private long total(int[] at, ToIntFunction<Participant> f) {
    long sum = 0;
    for (double v : cx.values(at, f::applyAsInt)) {
      sum += (long) v;
    }
    return sum;
  }
}
