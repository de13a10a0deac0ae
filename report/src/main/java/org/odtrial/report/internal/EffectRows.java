package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Rows shared by the outcome tables, whose columns are the two arms, the effect and its p-value: a
 * contrast row, a test row, a per-arm row. The label's footnote carries the method; a row that
 * could not be estimated says "not estimable" and its footnote says why.
 */
final class EffectRows {
  private final Context cx;
  private final List<Row> rows;
  private final int columns;

  /**
   * @param rows where rows are added
   * @param extraColumns columns after the p-value (filled empty unless a row sets them)
   */
  EffectRows(Context cx, List<Row> rows, int extraColumns) {
    this.cx = cx;
    this.rows = rows;
    this.columns = 4 + extraColumns;
  }

  /** The columns: the two arms, the effect and its p-value (one tidy observation), then extras. */
  static List<Column> columns(Context cx, String effectHeader, Column... extra) {
    List<Column> c = new ArrayList<>();
    c.add(Column.of(cx.label(0)));
    c.add(Column.of(cx.label(1)));
    c.add(new Column(effectHeader, "effect"));
    c.add(new Column("p value", "effect"));
    c.addAll(List.of(extra));
    return c;
  }

  /** A contrast row (a ratio or difference with CI and p) when the results have it. */
  void effect(String label, int indent, RowId id, int decimals) {
    cx.rows
        .one(id)
        .ifPresent(
            e -> {
              Lookup.Effect eff = cx.rows.effect(e);
              add(label, indent, e, Cells.effect(eff, decimals), Cells.p(eff.p()));
            });
  }

  /** A chi-square test row when the results have it. */
  void test(String label, int indent, RowId id) {
    cx.rows.one(id).ifPresent(e -> add(label, indent, e, Cells.chisq(e), Cells.p(e.pValue())));
  }

  /**
   * A randomisation test: its p-value, the effect cell saying how many allocations it went over and
   * whether exactly.
   */
  void randomisation(String label, int indent, RowId id) {
    cx.rows
        .one(id)
        .ifPresent(e -> add(label, indent, e, Cells.randomisation(e), Cells.p(e.pValue())));
  }

  /** A row with the per-arm estimates of {@code id} at {@code time}, shown on {@code scale}. */
  void perArm(String label, int indent, RowId id, Integer time, double scale, int decimals) {
    List<Cell> cells = new ArrayList<>();
    Estimate any = null;
    for (String arm : cx.arms) {
      Optional<Estimate> e =
          time == null ? cx.rows.armAnyTime(id, arm) : cx.rows.arm(id, arm, time);
      if (e.isPresent()) {
        any = e.get();
        cells.add(reason(Cells.armEstimate(e.get(), scale, decimals), e.get()));
      } else {
        cells.add(Cell.of(Fmt.NA));
      }
    }
    if (any == null) {
      return;
    }
    cells.add(Cell.EMPTY);
    cells.add(Cell.EMPTY);
    rows.add(new Row(label, indent, false, List.of(cx.methodFootnote(any)), id, pad(cells)));
  }

  /** A row of figures counted from the data, per arm, with empty effect columns. */
  void data(String label, int indent, List<Cell> perArm) {
    List<Cell> cells = new ArrayList<>(perArm);
    cells.add(Cell.EMPTY);
    cells.add(Cell.EMPTY);
    rows.add(new Row(label, indent, false, List.of(), null, pad(cells)));
  }

  /** Adds a contrast-like row; extra cells fill the columns after the p-value. */
  void add(String label, int indent, Estimate e, Cell effect, Cell p, Cell... extra) {
    add(label, indent, e, List.of(Cell.EMPTY, Cell.EMPTY), effect, p, extra);
  }

  /** Adds a row with per-arm cells and a contrast. */
  void add(
      String label, int indent, Estimate e, List<Cell> arms, Cell effect, Cell p, Cell... extra) {
    List<Cell> cells = new ArrayList<>(arms);
    cells.add(reason(effect, e));
    cells.add(p);
    cells.addAll(List.of(extra));
    rows.add(new Row(label, indent, false, List.of(cx.footnote(e)), e.id(), pad(cells)));
  }

  void heading(String label) {
    rows.add(Row.heading(label, columns));
  }

  private List<Cell> pad(List<Cell> cells) {
    while (cells.size() < columns) {
      cells.add(Cell.EMPTY);
    }
    return cells;
  }

  /** A cell of a row that could not be estimated carries the reason as a value for the CSV. */
  private Cell reason(Cell c, Estimate e) {
    return e.estimate() == null && e.note() != null
        ? c.with("note", cx.blinding.scrub(e.note()))
        : c;
  }
}
