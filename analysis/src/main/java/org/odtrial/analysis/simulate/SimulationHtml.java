package org.odtrial.analysis.simulate;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.simulate.internal.DotPlot;
import org.odtrial.analysis.simulate.internal.Html;

/**
 * A simulation study as one self-contained HTML page: coverage of the intervals and the rejection
 * rates plotted against their nominal levels (inline SVG), then the table and the reasons rows were
 * not estimable. No script, no font or style fetched: it opens offline in any browser.
 */
public final class SimulationHtml {
  private static final double Z = DotPlot.Z;

  private SimulationHtml() {}

  public static String toHtml(SimulationResult r, String odtrialVersion) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<title>Simulation of plan ").append(Html.esc(r.planName())).append("</title>\n");
    b.append(
        "<style>\n"
            + "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;"
            + "max-width:1180px}\n"
            + "h1{font-size:20px}h2{font-size:16px;margin-top:28px}\n"
            + "p{line-height:1.45}\n"
            + "table{border-collapse:collapse;font-size:12px}\n"
            + "th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}\n"
            + "th:first-child,td:first-child{text-align:left}\n"
            + "th{background:#f3f3f3}\n"
            + ".warn{color:#b3261e}\n"
            + "details{margin:4px 0}summary{cursor:pointer}\n"
            + "ul{margin:4px 0 8px 0}\n"
            + "</style>\n</head>\n<body>\n");
    b.append("<h1>Operating characteristics of plan ")
        .append(Html.esc(r.planName()))
        .append("</h1>\n");
    b.append("<p>").append(Html.esc(SimulationTable.heading(r))).append("</p>\n");
    b.append(
        "<p>Each rep is a trial drawn by odtrial's generator and analysed by the whole plan, as"
            + " <code>odtrial analyse</code> would analyse it. Bars are 95% Monte Carlo intervals"
            + " (&plusmn;1.96 MCSE); the shaded band is the range a method at exactly the nominal"
            + " level would show with this many reps. A red dot is worse than nominal beyond Monte"
            + " Carlo error: coverage below the band, or a type I error above it. [n of R]: the row"
            + " was estimated in only n of the R reps.</p>\n");
    int reps = r.repsDone();
    DotPlot coverage = coveragePlot(r.rows(), reps);
    DotPlot rejection = rejectionPlot(r.rows(), reps, r.options().isNull());
    b.append("<h2>Coverage of the 95% intervals</h2>\n");
    if (coverage.isEmpty()) {
      b.append("<p>No row has both a true value and an interval under this design.</p>\n");
    } else {
      b.append(coverage.svg());
    }
    b.append(r.options().isNull() ? "<h2>Type I error</h2>\n" : "<h2>Power</h2>\n");
    if (!r.options().isNull()) {
      b.append(
          "<p>Share of reps with p &le; 0.05. Rings are rows whose null hypothesis holds even"
              + " with effects (their share is a type I error).</p>\n");
    }
    if (rejection.isEmpty()) {
      b.append("<p>No row has a p-value.</p>\n");
    } else {
      b.append(rejection.svg());
    }
    b.append("<h2>Every row</h2>\n<table>\n<tr>");
    for (String h : SimulationTable.HEADER) {
      b.append("<th>").append(Html.esc(h)).append("</th>");
    }
    b.append("</tr>\n");
    for (String[] row : SimulationTable.rows(r)) {
      b.append("<tr>");
      for (String cell : row) {
        b.append("<td>").append(Html.esc(cell)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    b.append(
        "<p>(log): bias and standard errors of the log ratio, mean = geometric mean. emp SE:"
            + " standard deviation of the estimates; model SE: mean of the standard errors the"
            + " rows report. H0: type I where the row's null hypothesis holds, power where it does"
            + " not.</p>\n");
    notes(b, r);
    b.append("<p>odtrial ")
        .append(Html.esc(odtrialVersion))
        .append(", plan sha256 <code>")
        .append(Html.esc(r.planSha256()))
        .append("</code>.</p>\n</body>\n</html>\n");
    return b.toString();
  }

  private static DotPlot coveragePlot(List<RowSummary> rows, int reps) {
    double nominal = SimulationResult.NOMINAL_COVERAGE;
    double half = Z * Math.sqrt(nominal * (1 - nominal) / reps);
    double from = 0.8;
    for (RowSummary s : rows) {
      if (s.coverage() != null) {
        from = Math.min(from, s.coverage() - Z * s.coverageMcse());
      }
    }
    from = Math.max(0, Math.floor(from * 20) / 20);
    DotPlot plot =
        new DotPlot(
            "Coverage of 95% intervals (" + reps + " reps)",
            "share of intervals that hold the true value",
            from,
            1.0,
            nominal,
            nominal - half,
            nominal + half);
    for (RowSummary s : rows) {
      if (s.coverage() != null) {
        plot.add(
            DotPlot.Dot.share(
                label(s, s.coverageReps()),
                s.coverage(),
                s.coverageMcse(),
                false,
                s.coverage() < nominal - half));
      }
    }
    return plot;
  }

  private static DotPlot rejectionPlot(List<RowSummary> rows, int reps, boolean isNull) {
    double alpha = SimulationResult.ALPHA;
    double half = Z * Math.sqrt(alpha * (1 - alpha) / reps);
    double to = isNull ? 0.15 : 1.0;
    for (RowSummary s : rows) {
      if (s.rejection() != null && isNull) {
        to = Math.max(to, s.rejection() + Z * s.rejectionMcse());
      }
    }
    to = Math.min(1.0, Math.ceil(to * 20) / 20);
    DotPlot plot =
        new DotPlot(
            (isNull ? "Type I error at 0.05 (" : "Rejection at 0.05 (") + reps + " reps)",
            "share of reps with p <= 0.05",
            0.0,
            to,
            alpha,
            alpha - half,
            alpha + half);
    for (RowSummary s : rows) {
      if (s.rejection() == null) {
        continue;
      }
      boolean typeOne = Boolean.TRUE.equals(s.truth().nullHolds());
      plot.add(
          DotPlot.Dot.share(
              label(s, s.rejectionReps()),
              s.rejection(),
              s.rejectionMcse(),
              !isNull && typeOne,
              typeOne && s.rejection() - alpha > half));
    }
    return plot;
  }

  /** The row, and how many reps a share is over when that is not all of them. */
  private static String label(RowSummary s, int over) {
    return over == s.reps()
        ? s.key().label()
        : String.format(Locale.ROOT, "%s [%d of %d]", s.key().label(), over, s.reps());
  }

  private static void notes(StringBuilder b, SimulationResult r) {
    boolean any = false;
    for (RowSummary s : r.rows()) {
      if (s.notEstimable().isEmpty() && s.notes().isEmpty()) {
        continue;
      }
      if (!any) {
        b.append("<h2>Not estimable, and notes</h2>\n");
        any = true;
      }
      b.append("<details><summary>")
          .append(Html.esc(s.key().label()))
          .append(
              String.format(
                  Locale.ROOT,
                  ": not estimable in %d of %d reps%s</summary>\n",
                  s.notEstimableReps(),
                  s.reps(),
                  s.notes().isEmpty() ? "" : ", notes on estimated rows"));
      list(b, "Not estimable", s.notEstimable());
      list(b, "Notes", s.notes());
      b.append("</details>\n");
    }
    if (!r.warnings().isEmpty()) {
      b.append("<h2>Warnings</h2>\n");
      list(b, "Analysis warnings", r.warnings());
    }
  }

  private static void list(StringBuilder b, String what, List<Reason> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    b.append("<p>").append(what).append(" (reps):</p>\n<ul>\n");
    for (Reason why : reasons) {
      b.append("<li>")
          .append(why.reps())
          .append(": ")
          .append(Html.esc(why.text()))
          .append("</li>\n");
    }
    b.append("</ul>\n");
  }
}
