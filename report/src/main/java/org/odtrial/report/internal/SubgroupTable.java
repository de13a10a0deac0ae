package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Table 8, the hazard ratio of relapse within subgroups and the test of interaction of each
 * subgroup variable, as the subgroup forest plot shows them. Present when the results have subgroup
 * rows.
 */
final class SubgroupTable {
  private SubgroupTable() {}

  static Optional<Table> build(Context cx, int number) {
    List<String> variables = cx.rows.subgroupVariables();
    if (variables.isEmpty()) {
      return Optional.empty();
    }
    List<Row> rows = new ArrayList<>();
    cx.rows.one(RowId.RELAPSE_COX).ifPresent(e -> rows.add(row(cx, "All participants", 0, e)));
    for (String v : variables) {
      rows.add(Row.heading(variableLabel(v), 3));
      cx.rows
          .one(RowId.coxInteraction(v))
          .ifPresent(
              e ->
                  rows.add(
                      new Row(
                          "Test of interaction",
                          1,
                          false,
                          List.of(cx.methodFootnote(e)),
                          e.id(),
                          List.of(
                              Cell.EMPTY, reason(cx, Cells.chisq(e), e), Cells.p(e.pValue())))));
      for (String level : cx.rows.subgroupLevels(v)) {
        cx.rows.one(RowId.coxSubgroup(v, level)).ifPresent(e -> rows.add(row(cx, level, 1, e)));
      }
    }
    return Optional.of(
        Table.of(
            "subgroups",
            number,
            "Hazard ratio of relapse in subgroups",
            "Subgroup",
            List.of(
                new Column("Participants (relapses)", "effect"),
                new Column("Hazard ratio (95% CI)", "effect"),
                new Column("p value", "effect")),
            rows,
            List.of(
                "Hazard ratios are "
                    + cx.contrast()
                    + ". The test of interaction asks whether the hazard ratio differs between the"
                    + " levels of the variable.")));
  }

  private static Row row(Context cx, String label, int indent, Estimate e) {
    Lookup.Effect eff = cx.rows.effect(e);
    Cell n =
        e.n() == null
            ? Cell.of(Fmt.NA)
            : Cell.of(
                    Fmt.count(e.n())
                        + (e.events() == null ? "" : " (" + Fmt.count(e.events()) + ")"),
                    "n",
                    e.n())
                .with("events", e.events());
    return new Row(
        label,
        indent,
        false,
        List.of(cx.methodFootnote(e)),
        e.id(),
        List.of(n, reason(cx, Cells.effect(eff, 2), e), Cells.p(eff.p())));
  }

  private static Cell reason(Context cx, Cell c, Estimate e) {
    return e.estimate() == null && e.note() != null
        ? c.with("note", cx.blinding.scrub(e.note()))
        : c;
  }

  /** "prior_admissions" as "Prior admissions". */
  static String variableLabel(String v) {
    String s = v.replace('_', ' ');
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
