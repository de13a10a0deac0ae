package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.odtrial.analysis.plan.Estimand;
import org.odtrial.analysis.plan.Estimand.Coded;
import org.odtrial.analysis.plan.Estimand.Event;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.results.RowId;

/**
 * The plan's estimands (ICH E9(R1)), one row each: population, variable, the strategy for each
 * intercurrent event (and for missed interviews), the population-level summary, the main and the
 * sensitivity analyses by their labels. A strategy's meaning is its footnote. An analysis the
 * results do not hold is marked "not estimated", with the reason as its footnote.
 */
final class EstimandsTable {
  /** The mark of an analysis of the plan that has no row in the results. */
  static final String NOT_ESTIMATED = "not estimated";

  private EstimandsTable() {}

  /** The table, or empty for a plan without estimands. */
  static Optional<Table> build(Context cx, int number) {
    List<Estimand> estimands = cx.plan.estimands();
    if (estimands.isEmpty()) {
      return Optional.empty();
    }
    List<Row> rows = new ArrayList<>();
    for (Estimand e : estimands) {
      rows.add(row(cx, e));
    }
    List<String> general = new ArrayList<>();
    general.add(
        "The estimands of the analysis plan (ICH E9(R1)): the question each treatment effect"
            + " answers. Summary measures compare "
            + cx.contrast()
            + ". A sensitivity analysis estimates the same estimand under other assumptions; a"
            + " supplementary estimand asks the question of another estimand another way (another"
            + " strategy for an intercurrent event or another summary).");
    return Optional.of(
        Table.of(
            "estimands",
            number,
            "Estimands and their analyses",
            "Estimand",
            List.of(
                Column.words("Population"),
                Column.words("Variable"),
                Column.words("Intercurrent events and missing data"),
                Column.words("Summary measure"),
                Column.words("Main analysis"),
                Column.words("Sensitivity analyses")),
            rows,
            general));
  }

  private static Row row(Context cx, Estimand e) {
    String label = cx.blinding.neutral(e.label()) + (e.primary() ? " (primary)" : "");
    List<String> labelNotes = new ArrayList<>();
    if (e.supplementary()) {
      String parent =
          cx.plan.estimand(e.supplementaryTo()).map(Estimand::label).orElse(e.supplementaryTo());
      labelNotes.add("Supplementary to \"" + cx.blinding.neutral(parent) + "\".");
    }
    List<Cell> cells = new ArrayList<>();
    // the CSV names the estimand and its role beside its words
    cells.add(
        Cell.of(cx.blinding.neutral(e.population().words()), "estimand_id", e.id())
            .with("primary", e.primary())
            .with("supplementary_to", e.supplementaryTo())
            .with("population", e.population().code()));
    String variable = e.variable().words(cx.plan.horizonDays());
    cells.add(Cell.of(variable, "variable", variable));
    cells.add(strategies(cx, e));
    cells.add(Cell.of(e.summary().words(), "summary", e.summary().code()));
    cells.add(analyses(cx, List.of(e.mainAnalysis()), "main_analysis", "none"));
    cells.add(analyses(cx, e.sensitivityAnalyses(), "sensitivity_analyses", "none"));
    return new Row(label, 0, false, labelNotes, null, cells);
  }

  /** "death: competing risks; treatment received: treatment policy; missed interviews: ...". */
  private static Cell strategies(Context cx, Estimand e) {
    List<String> parts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<Event, Strategy> s = e.intercurrentEvents();
    s.forEach(
        (event, strategy) -> {
          parts.add(event.words() + ": " + name(strategy));
          notes.add(meaning(cx, strategy));
        });
    if (e.missingData() != null) {
      parts.add("missed interviews: " + name(e.missingData()));
      notes.add(meaning(cx, e.missingData()));
    }
    Cell c = Cell.of(String.join("; ", parts));
    for (String n : notes) {
      c = c.withNote(n);
    }
    for (Map.Entry<Event, Strategy> x : s.entrySet()) {
      c = c.with(x.getKey().code(), x.getValue().code());
    }
    return c.with("missing_data", e.missingData() == null ? null : e.missingData().code());
  }

  /** The analyses by label; each the results lack is marked, with the reason as a footnote. */
  private static Cell analyses(Context cx, List<RowId> ids, String name, String none) {
    if (ids.isEmpty()) {
      return Cell.of(none, name, "");
    }
    List<String> shown = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (RowId id : ids) {
      if (cx.rows.has(id)) {
        shown.add(RowLabels.of(id));
      } else {
        shown.add(RowLabels.of(id) + " (" + NOT_ESTIMATED + ")");
        if (!notes.contains(notEstimated())) {
          notes.add(notEstimated());
        }
      }
    }
    Cell c =
        Cell.of(
            String.join("; ", shown),
            name,
            ids.stream().map(RowId::value).collect(Collectors.joining(" ")));
    for (String n : notes) {
      c = c.withNote(n);
    }
    return c;
  }

  /** Why an analysis the plan names has no result. */
  static String notEstimated() {
    return "Not estimated: the results hold no row for this analysis (this version of odtrial does"
        + " not compute it, or the results were computed under another plan).";
  }

  /** A term's short name: its code in words ("competing risks"). */
  private static String name(Coded c) {
    return c.code().replace('_', ' ');
  }

  /** A term's meaning as a footnote: "Competing risks: no relapse after death." */
  private static String meaning(Context cx, Coded c) {
    String w = cx.blinding.neutral(c.words());
    int open = w.indexOf(" (");
    String explained =
        open < 0 || !w.endsWith(")")
            ? w
            : w.substring(0, open) + ": " + w.substring(open + 2, w.length() - 1);
    return explained.substring(0, 1).toUpperCase(Locale.ROOT) + explained.substring(1) + ".";
  }
}
