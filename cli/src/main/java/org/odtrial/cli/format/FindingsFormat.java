package org.odtrial.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.Severity;
import org.odtrial.ingest.validate.ValidationReport;
import picocli.CommandLine.Help.Ansi;

/** Renders a validation report for people (text), programs (JSON) and site queries (CSV). */
public final class FindingsFormat {
  /** How many findings of one rule in one file the text format shows before summarising. */
  public static final int EXAMPLES_PER_RULE = 5;

  private FindingsFormat() {}

  /**
   * Per file and rule: counts and the first few findings with line and column, then a one-line
   * verdict.
   */
  public static void text(ValidationReport report, PrintWriter out, Ansi ansi) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      if (contractFile(f.file()) == null) {
        byFile.put(f.file(), new ArrayList<>()); // the upload folder itself, before its files
      }
    }
    for (TrialFile f : TrialFile.values()) {
      byFile.put(f.fileName(), new ArrayList<>());
    }
    for (Finding f : report.findings()) {
      byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      List<Finding> findings = e.getValue();
      FileSummary summary = summaryOf(report, e.getKey());
      long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
      long warnings = findings.size() - errors;
      // A report without file summaries (stored warnings) has no row counts to show.
      String rows =
          summary != null
              ? plural(summary.rows(), "row")
              : report.files().isEmpty() || contractFile(e.getKey()) == null ? null : "not read";
      String status =
          findings.isEmpty()
              ? ansi.string("@|green ok|@")
              : join(
                  errors == 0 ? null : ansi.string("@|bold,red " + plural(errors, "error") + "|@"),
                  warnings == 0
                      ? null
                      : ansi.string("@|yellow " + plural(warnings, "warning") + "|@"));
      if (rows == null) {
        out.printf(Locale.ROOT, "%s: %s%n", e.getKey(), status);
      } else {
        out.printf(Locale.ROOT, "%s (%s): %s%n", e.getKey(), rows, status);
      }
      Map<String, List<Finding>> byRule = new LinkedHashMap<>();
      findings.stream()
          .sorted(Comparator.comparing(Finding::severity))
          .forEach(
              f ->
                  byRule
                      .computeIfAbsent(
                          f.severity().label() + " " + f.rule(), k -> new ArrayList<>())
                      .add(f));
      for (Map.Entry<String, List<Finding>> r : byRule.entrySet()) {
        List<Finding> list = r.getValue();
        out.printf(Locale.ROOT, "  %s: %d%n", r.getKey(), list.size());
        for (Finding f : list.subList(0, Math.min(EXAMPLES_PER_RULE, list.size()))) {
          out.printf(Locale.ROOT, "    %s%n", locate(f) + ": " + f.message());
        }
        if (list.size() > EXAMPLES_PER_RULE) {
          out.printf(
              Locale.ROOT,
              "    ... and %d more (see --format csv for all)%n",
              list.size() - EXAMPLES_PER_RULE);
        }
      }
    }
    out.println(verdict(report, ansi));
    out.flush();
  }

  /** The one-line verdict closing the text format. */
  public static String verdict(ValidationReport report, Ansi ansi) {
    long errors = report.errors();
    long warnings = report.warnings();
    if (errors > 0) {
      return ansi.string(
          String.format(
              Locale.ROOT,
              "@|bold,red INVALID|@: %s, %s. Nothing can be stored until the errors are fixed.",
              plural(errors, "error"),
              plural(warnings, "warning")));
    }
    return ansi.string(
        String.format(
            Locale.ROOT,
            "@|bold,green VALID|@: no errors, %s%s.",
            plural(warnings, "warning"),
            warnings == 0
                ? ""
                : " (stored with the upload; send them to the sites as data queries)"));
  }

  /** Exactly one JSON object: counts and every finding. */
  public static void json(ValidationReport report, Writer out) throws IOException {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("errors", report.errors());
      g.writeNumberField("warnings", report.warnings());
      g.writeArrayFieldStart("findings");
      for (Finding f : report.findings()) {
        writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
    out.flush();
  }

  /** One finding as a JSON object with the documented fields. */
  public static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("file", f.file());
    g.writeNumberField("line", f.line());
    Json.stringOrNull(g, "column", f.column());
    Json.stringOrNull(g, "record", f.record());
    Json.stringOrNull(g, "site", f.site());
    g.writeStringField("rule", f.rule());
    g.writeStringField("message", f.message());
    g.writeEndObject();
  }

  /** One finding a row, grouped by site so each site's queries can be sent to it. */
  public static void csv(ValidationReport report, Writer out) throws IOException {
    List<Finding> sorted = new ArrayList<>(report.findings());
    sorted.sort(
        Comparator.comparing(Finding::site, Comparator.nullsLast(Comparator.naturalOrder())));
    CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    try (CSVPrinter p = new CSVPrinter(out, format)) {
      p.printRecord("site", "file", "line", "column", "record", "severity", "rule", "message");
      for (Finding f : sorted) {
        p.printRecord(
            CsvCells.text(nullToEmpty(f.site())),
            CsvCells.text(f.file()),
            f.line(),
            CsvCells.text(nullToEmpty(f.column())),
            CsvCells.text(nullToEmpty(f.record())),
            f.severity().label(),
            f.rule(),
            CsvCells.text(f.message()));
      }
      p.flush();
    }
  }

  private static String locate(Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.line() == 0 ? "file" : "line " + f.line());
    if (f.column() != null) {
      sb.append(", column ").append(f.column());
    }
    if (f.record() != null) {
      sb.append(", record ").append(f.record());
    }
    return sb.toString();
  }

  private static FileSummary summaryOf(ValidationReport report, String fileName) {
    TrialFile f = contractFile(fileName);
    return f == null ? null : report.files().get(f);
  }

  private static TrialFile contractFile(String fileName) {
    for (TrialFile f : TrialFile.values()) {
      if (f.fileName().equals(fileName)) {
        return f;
      }
    }
    return null;
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + ", " + b;
  }

  static String plural(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
