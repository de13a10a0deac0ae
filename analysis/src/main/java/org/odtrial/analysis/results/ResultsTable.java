package org.odtrial.analysis.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of results.json as a readable table (four significant digits, p to three), for the
 * terminal and for Markdown. The numbers are those of results.json, only rounded.
 */
public final class ResultsTable {
  public static final List<String> HEADER =
      List.of("id", "arm", "time", "estimand", "estimate", "95% CI", "se", "p", "n", "note");

  private ResultsTable() {}

  /** Formatted cells, one array a row, in results order. */
  public static List<String[]> rows(Results r) {
    List<String[]> out = new ArrayList<>();
    for (Estimate e : r.estimates()) {
      out.add(
          new String[] {
            e.id().value(),
            e.arm() == null ? "" : e.arm(),
            e.timeDays() == null ? "" : e.timeDays() + "d",
            e.estimand(),
            e.estimate() != null ? NumberFormat.significant(e.estimate(), 4) : firstExtra(e),
            e.ciLow() == null
                ? ""
                : NumberFormat.significant(e.ciLow(), 4)
                    + " to "
                    + NumberFormat.significant(e.ciHigh(), 4),
            NumberFormat.significant(e.se(), 4),
            NumberFormat.pValue(e.pValue()),
            e.n() == null ? "" : String.valueOf(e.n()),
            details(e)
          });
    }
    return out;
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

  /** A plain-text table with aligned columns. */
  public static String text(Results r) {
    List<String[]> rows = rows(r);
    int[] width = new int[HEADER.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = HEADER.get(i).length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, HEADER.toArray(String[]::new), width);
    for (String[] row : rows) {
      appendLine(sb, row, width);
    }
    for (String w : r.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      line.append(
          i == cells.length - 1 ? cell : String.format(Locale.ROOT, "%-" + width[i] + "s  ", cell));
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }

  /** A Markdown document: provenance, then the table, then warnings. */
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
    sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
    sb.append("|").append("---|".repeat(HEADER.size())).append('\n');
    for (String[] row : rows(r)) {
      sb.append("| ");
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i].replace("|", "\\|")).append(i == row.length - 1 ? " |" : " | ");
      }
      sb.append('\n');
    }
    if (!r.warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      r.warnings().forEach(w -> sb.append("- ").append(w).append('\n'));
    }
    return sb.toString();
  }
}
