package org.odtrial.analysis.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.plan.Estimand;

/**
 * The rows of results.json as readable tables (four significant digits, p to three), for the
 * terminal and for Markdown: first each estimand with its main and sensitivity analyses, then every
 * row. The numbers are those of results.json, only rounded.
 */
public final class ResultsTable {
  public static final List<String> HEADER =
      List.of("id", "arm", "time", "estimand", "estimate", "95% CI", "se", "df", "p", "n", "note");

  /** The columns of an estimand's analyses. */
  public static final List<String> ANALYSIS_HEADER =
      List.of("analysis", "row", "estimate", "95% CI", "se", "df", "p", "n", "note");

  private ResultsTable() {}

  /** Formatted cells, one array a row, in results order. */
  public static List<String[]> rows(Results r) {
    List<String[]> out = new ArrayList<>();
    for (Estimate e : r.estimates()) {
      List<String> cells = new ArrayList<>();
      cells.add(e.id().value());
      cells.add(e.arm() == null ? "" : e.arm());
      cells.add(e.timeDays() == null ? "" : e.timeDays() + "d");
      cells.add(e.estimand());
      cells.addAll(numbers(e));
      out.add(cells.toArray(String[]::new));
    }
    return out;
  }

  /**
   * The analyses of each estimand, in plan order: for each, its main analysis then its sensitivity
   * analyses, formatted as {@link #ANALYSIS_HEADER}. A row the results do not hold says so.
   */
  public static Map<Estimand, List<String[]>> analyses(Results r) {
    Map<Estimand, List<String[]>> out = new LinkedHashMap<>();
    for (Estimand est : r.estimands()) {
      List<String[]> lines = new ArrayList<>();
      for (RowId id : est.analyses()) {
        List<String> cells = new ArrayList<>();
        cells.add(id.equals(est.mainAnalysis()) ? "main" : "sensitivity");
        cells.add(id.value());
        Optional<Estimate> row = r.contrast(id);
        if (row.isPresent()) {
          cells.addAll(numbers(row.get()));
        } else {
          cells.addAll(List.of("", "", "", "", "", "", "not in these results"));
        }
        lines.add(cells.toArray(String[]::new));
      }
      out.put(est, lines);
    }
    return out;
  }

  /** An estimand's title: id, role, label. */
  public static String title(Estimand e) {
    String role =
        e.primary()
            ? "primary"
            : e.supplementary() ? "supplementary to " + e.supplementaryTo() : "secondary";
    return e.id() + " (" + role + "): " + e.label();
  }

  /** An estimand's definition in words: variable, strategies, missing data, summary. */
  public static List<String> definition(Estimand e, int horizonDays) {
    List<String> out = new ArrayList<>();
    out.add("population: " + e.population().words());
    out.add("variable: " + e.variable().words(horizonDays));
    e.intercurrentEvents().forEach((ev, s) -> out.add(ev.words() + ": " + s.words()));
    if (e.missingData() != null) {
      out.add("missing interviews: " + e.missingData().words());
    }
    out.add("summary: " + e.summary().words());
    return out;
  }

  /** The cells from estimate to note. */
  private static List<String> numbers(Estimate e) {
    return List.of(
        e.estimate() != null ? NumberFormat.significant(e.estimate(), 4) : firstExtra(e),
        e.ciLow() == null
            ? ""
            : NumberFormat.significant(e.ciLow(), 4)
                + " to "
                + NumberFormat.significant(e.ciHigh(), 4),
        NumberFormat.significant(e.se(), 4),
        NumberFormat.significant(e.df(), 4),
        NumberFormat.pValue(e.pValue()),
        e.n() == null ? "" : String.valueOf(e.n()),
        details(e));
  }

  /**
   * Descriptive rows (meetings, fidelity) have no single estimate: the estimate cell shows their
   * first figure.
   */
  private static String firstExtra(Estimate e) {
    for (Map.Entry<String, Object> x : e.extras().entrySet()) {
      if (x.getValue() instanceof Number num) {
        return x.getKey() + " " + format(num);
      }
    }
    return "NA";
  }

  /** The note, then a descriptive row's other figures. */
  private static String details(Estimate e) {
    StringBuilder sb = new StringBuilder();
    if (e.estimate() == null) {
      boolean first = true;
      for (Map.Entry<String, Object> x : e.extras().entrySet()) {
        if (x.getValue() instanceof Number num) {
          if (!first) {
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(x.getKey())
                .append(' ')
                .append(format(num));
          }
          first = false;
        }
      }
    }
    if (e.note() != null) {
      sb.append(sb.length() == 0 ? "" : "; ").append(e.note());
    }
    return sb.toString();
  }

  private static String format(Number n) {
    return n instanceof Double d ? NumberFormat.significant(d, 4) : n.toString();
  }

  /**
   * Plain text: each estimand with its definition and its analyses, then every row, with aligned
   * columns.
   */
  public static String text(Results r) {
    StringBuilder sb = new StringBuilder();
    Map<Estimand, List<String[]>> analyses = analyses(r);
    if (!analyses.isEmpty()) {
      int[] width =
          widths(ANALYSIS_HEADER, analyses.values().stream().flatMap(List::stream).toList());
      sb.append("Estimands\n");
      analyses.forEach(
          (e, lines) -> {
            sb.append('\n').append(title(e)).append('\n');
            definition(e, r.horizonDays()).forEach(d -> sb.append("  ").append(d).append('\n'));
            appendLine(sb, "  ", ANALYSIS_HEADER.toArray(String[]::new), width);
            lines.forEach(line -> appendLine(sb, "  ", line, width));
          });
      sb.append("\nEvery row\n\n");
    }
    List<String[]> rows = rows(r);
    int[] width = widths(HEADER, rows);
    appendLine(sb, "", HEADER.toArray(String[]::new), width);
    for (String[] row : rows) {
      appendLine(sb, "", row, width);
    }
    for (String w : r.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  /** Column widths: the widest cell of each column but the last, which is left ragged. */
  private static int[] widths(List<String> header, List<String[]> rows) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    return width;
  }

  private static void appendLine(StringBuilder sb, String indent, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      line.append(
          i == cells.length - 1 ? cell : String.format(Locale.ROOT, "%-" + width[i] + "s  ", cell));
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }

  private static void markdownTable(StringBuilder sb, List<String> header, List<String[]> rows) {
    sb.append("| ").append(String.join(" | ", header)).append(" |\n");
    sb.append("|").append("---|".repeat(header.size())).append('\n');
    for (String[] row : rows) {
      sb.append("| ");
      for (int i = 0; i < row.length; i++) {
        sb.append(cell(row[i])).append(i == row.length - 1 ? " |" : " | ");
      }
      sb.append('\n');
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  /** A Markdown document: provenance, each estimand with its analyses, every row, then warnings. */
  public static String markdown(Results r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Results\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "Load %d (sha256 `%s`), plan `%s` (sha256 `%s`, horizon %d days), odtrial %s.%n%n",
            r.load(),
            r.loadSha256(),
            r.planName(),
            r.planSha256(),
            r.horizonDays(),
            r.odtrialVersion()));
    Map<Estimand, List<String[]>> analyses = analyses(r);
    if (!analyses.isEmpty()) {
      sb.append("## Estimands\n");
      analyses.forEach(
          (e, lines) -> {
            sb.append("\n### ").append(cell(title(e))).append("\n\n");
            definition(e, r.horizonDays()).forEach(d -> sb.append("- ").append(d).append('\n'));
            sb.append('\n');
            markdownTable(sb, ANALYSIS_HEADER, lines);
          });
      sb.append("\n## Every row\n\n");
    }
    markdownTable(sb, HEADER, rows(r));
    if (!r.warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      r.warnings().forEach(w -> sb.append("- ").append(w).append('\n'));
    }
    return sb.toString();
  }
}
