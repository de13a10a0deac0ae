package org.odtrial.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.cli.internal.PrettyJson;
import org.odtrial.cli.internal.ReadAhead;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.RuleCount;
import org.odtrial.ingest.validate.Severity;
import picocli.CommandLine.Help.Ansi;

/**
 * Renders findings for people (text), programs (JSON) and site queries (CSV). Every format streams:
 * a report of any size is written in bounded memory. Only the text view abbreviates, and it says
 * how many findings it left out and how to get them all.
 */
public final class FindingsFormat {
  /** How many findings of one rule in one file the text format shows before summarising. */
  public static final int EXAMPLES_PER_RULE = 5;

  /** How many root causes the text format shows, and how many consequences of each. */
  public static final int ROOTS_SHOWN = 10;

  public static final int CONSEQUENCES_SHOWN = 3;

  /** The CSV header of {@link #csv}. */
  public static final List<String> CSV_HEADER =
      List.of(
          "site",
          "file",
          "line",
          "column",
          "record",
          "severity",
          "rule",
          "message",
          "query_id",
          "root_id");

  private FindingsFormat() {}

  /** One rule's findings in one file, for the text view. */
  private static final class RuleEntry {
    long count;
    final List<Finding> examples = new ArrayList<>();
  }

  /** One file's findings, for the text view. */
  private static final class FileEntry {
    long errors;
    long warnings;
    final Map<String, RuleEntry> rules = new LinkedHashMap<>(); // "severity rule"
  }

  /** A root cause with what depends on it, for the text view. */
  private static final class RootEntry {
    final Finding root;
    final Map<String, Long> byRule = new TreeMap<>();
    final List<Finding> examples = new ArrayList<>();
    long count;

    RootEntry(Finding root) {
      this.root = root;
    }
  }

  /**
   * Per file and rule: counts and the first few findings with line and column; then the root causes
   * with the findings that depend on each; then how many findings were not shown and how to get
   * them; then a one-line verdict.
   *
   * @param site the site filter of {@link FindingReport#forEach}
   * @param allHint the command that gives every finding, e.g. {@code odtrial validate DIR --format
   *     csv -o findings.csv}
   */
  public static void text(
      FindingReport report, String site, PrintWriter out, Ansi ansi, String allHint)
      throws IOException {
    Map<String, FileEntry> files = new LinkedHashMap<>();
    // findings about the upload folder itself come first in report order and are listed first
    for (TrialFile f : TrialFile.values()) {
      files.put(f.fileName(), new FileEntry());
    }
    Map<String, FileEntry> folder = new LinkedHashMap<>();
    List<RootEntry> roots = new ArrayList<>();
    long[] rootCount = {0};
    long[] total = {0};
    long[] shown = {0};
    Finding[] lastTop = {null}; // the last finding that is not a consequence
    RootEntry[] current = {null};
    ReadAhead.forEach(
        report,
        site,
        f -> {
          total[0]++;
          FileEntry file =
              contractFile(f.file()) != null
                  ? files.get(f.file())
                  : folder.computeIfAbsent(f.file(), k -> new FileEntry());
          if (f.severity() == Severity.ERROR) {
            file.errors++;
          } else {
            file.warnings++;
          }
          RuleEntry rule =
              file.rules.computeIfAbsent(
                  f.severity().label() + " " + f.rule(), k -> new RuleEntry());
          rule.count++;
          if (rule.examples.size() < EXAMPLES_PER_RULE) {
            rule.examples.add(f);
            shown[0]++;
          }
          if (f.root() == null) {
            lastTop[0] = f;
            current[0] = null;
            return;
          }
          if (current[0] == null && lastTop[0] != null && f.root().equals(lastTop[0].queryId())) {
            rootCount[0]++;
            current[0] = rootCount[0] <= ROOTS_SHOWN ? new RootEntry(lastTop[0]) : null;
            if (current[0] != null) {
              roots.add(current[0]);
            }
          }
          if (current[0] != null) {
            current[0].count++;
            current[0].byRule.merge(f.rule(), 1L, Long::sum);
            if (current[0].examples.size() < CONSEQUENCES_SHOWN) {
              current[0].examples.add(f);
            }
          }
        });
    long errors = 0;
    long warnings = 0;
    Map<String, FileEntry> all = new LinkedHashMap<>(folder);
    all.putAll(files);
    for (Map.Entry<String, FileEntry> e : all.entrySet()) {
      FileEntry file = e.getValue();
      errors += file.errors;
      warnings += file.warnings;
      FileSummary summary = summaryOf(report, e.getKey());
      // A report without file summaries (stored warnings) has no row counts to show.
      String rows =
          summary != null
              ? plural(summary.rows(), "row")
              : report.files().isEmpty() || contractFile(e.getKey()) == null ? null : "not read";
      String status =
          file.errors + file.warnings == 0
              ? ansi.string("@|green ok|@")
              : join(
                  file.errors == 0
                      ? null
                      : ansi.string("@|bold,red " + plural(file.errors, "error") + "|@"),
                  file.warnings == 0
                      ? null
                      : ansi.string("@|yellow " + plural(file.warnings, "warning") + "|@"));
      if (rows == null) {
        out.printf(Locale.ROOT, "%s: %s%n", e.getKey(), status);
      } else {
        out.printf(Locale.ROOT, "%s (%s): %s%n", e.getKey(), rows, status);
      }
      List<Map.Entry<String, RuleEntry>> rules = new ArrayList<>(file.rules.entrySet());
      rules.sort(Map.Entry.comparingByKey(FindingsFormat::errorsFirst));
      for (Map.Entry<String, RuleEntry> r : rules) {
        RuleEntry rule = r.getValue();
        out.printf(Locale.ROOT, "  %s: %,d%n", r.getKey(), rule.count);
        for (Finding f : rule.examples) {
          out.printf(Locale.ROOT, "    %s%n", locate(f) + ": " + f.message());
        }
        if (rule.count > rule.examples.size()) {
          out.printf(Locale.ROOT, "    ... and %,d more%n", rule.count - rule.examples.size());
        }
      }
    }
    if (rootCount[0] > 0) {
      out.printf(
          Locale.ROOT,
          "Root causes: %,d value%s that several findings depend on; check %s first:%n",
          rootCount[0],
          rootCount[0] == 1 ? "" : "s",
          rootCount[0] == 1 ? "it" : "them");
      for (RootEntry r : roots) {
        out.printf(
            Locale.ROOT,
            "  %s %s, %s: %s%n",
            r.root.file(),
            locate(r.root),
            r.root.rule(),
            r.root.message());
        List<String> parts = new ArrayList<>();
        r.byRule.forEach((k, v) -> parts.add(k + " " + v));
        out.printf(
            Locale.ROOT,
            "    %s under it: %s%n",
            plural(r.count, "finding"),
            String.join(", ", parts));
        for (Finding f : r.examples) {
          out.printf(Locale.ROOT, "      %s %s: %s%n", f.file(), locate(f), f.message());
        }
        if (r.count > r.examples.size()) {
          out.printf(Locale.ROOT, "      ... and %,d more%n", r.count - r.examples.size());
        }
      }
      if (rootCount[0] > roots.size()) {
        out.printf(Locale.ROOT, "  ... and %,d more root causes%n", rootCount[0] - roots.size());
      }
    }
    if (total[0] > shown[0]) {
      out.printf(
          Locale.ROOT,
          "%,d of %,d findings are not shown above; every one: %s%n",
          total[0] - shown[0],
          total[0],
          allHint);
    }
    if (site == null) {
      out.println(verdict(report, ansi));
    } else {
      out.println(siteVerdict(site, errors, warnings, ansi));
    }
    out.flush();
  }

  private static int errorsFirst(String a, String b) {
    boolean ea = a.startsWith("error ");
    boolean eb = b.startsWith("error ");
    return ea == eb ? 0 : ea ? -1 : 1;
  }

  /** The one-line verdict closing the text format. */
  public static String verdict(FindingReport report, Ansi ansi) {
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

  private static String siteVerdict(String site, long errors, long warnings, Ansi ansi) {
    String who = site.equals(FindingReport.NO_SITE) ? "without a site" : "of site " + site;
    return ansi.string(
        String.format(
            Locale.ROOT,
            "Findings %s: %s, %s.",
            who,
            errors == 0 ? "no errors" : "@|bold,red " + plural(errors, "error") + "|@",
            plural(warnings, "warning")));
  }

  /**
   * Exactly one JSON object: counts, the per-rule summary and every finding, each root finding
   * holding its consequences in {@code consequences}.
   */
  public static void json(FindingReport report, String site, Writer out) throws IOException {
    long[] counts =
        site == null ? new long[] {report.errors(), report.warnings()} : count(report, site);
    // by hand, not with Jackson: the same bytes (see PrettyJson), in half the time for 70 MB
    PrettyJson g = new PrettyJson(out);
    g.startObject();
    g.stringOrNull("site", site);
    g.number("errors", counts[0]);
    g.number("warnings", counts[1]);
    g.name("summary");
    g.startArray();
    for (RuleCount c : report.ruleCounts()) {
      if (site != null && !FindingReport.matches(site, siteFinding(c.site()))) {
        continue;
      }
      writeRuleCount(g, c);
    }
    g.endArray();
    g.name("findings");
    g.startArray();
    writeFindings(g, report, site);
    g.endArray();
    g.endObject();
    g.flush();
    out.write("\n");
    out.flush();
  }

  /** Every finding of {@code site} into an open array, with {@link PrettyJson}, read ahead. */
  private static void writeFindings(PrettyJson g, FindingReport report, String site)
      throws IOException {
    Nesting nesting =
        new Nesting(
            new ObjectWriter() {
              @Override
              public void startFinding(Finding f, String queryId) throws IOException {
                g.startObject();
                writeFields(g, f, queryId);
              }

              @Override
              public void startConsequences() throws IOException {
                g.name("consequences");
                g.startArray();
              }

              @Override
              public void endArray() throws IOException {
                g.endArray();
              }

              @Override
              public void endObject() throws IOException {
                g.endObject();
              }
            });
    ReadAhead.forEach(report, site, nesting);
    nesting.close();
  }

  /** What {@link Nesting} writes: the JSON of the findings, with Jackson or with PrettyJson. */
  private interface ObjectWriter {
    /** Opens a finding's object and writes its fields. */
    void startFinding(Finding f, String queryId) throws IOException;

    /** Opens the open finding's {@code consequences} array. */
    void startConsequences() throws IOException;

    void endArray() throws IOException;

    void endObject() throws IOException;
  }

  /**
   * Findings in report order into an open array, each root's consequences nested in its object
   * (they follow it directly in report order). State: a top-level object is open, and inside its
   * consequences array or not.
   */
  private static final class Nesting implements FindingReport.FindingConsumer {
    private final ObjectWriter w;
    private String open; // query id of the open top-level finding
    private boolean inConsequences;

    Nesting(ObjectWriter w) {
      this.w = w;
    }

    @Override
    public void accept(Finding f) throws IOException {
      String id = f.queryId(); // a SHA-256: once a finding
      if (f.root() != null && f.root().equals(open)) {
        if (!inConsequences) {
          w.startConsequences();
          inConsequences = true;
        }
        w.startFinding(f, id);
        w.endObject();
        return;
      }
      close();
      w.startFinding(f, id);
      open = id;
    }

    /** Closes the open finding, after the last. */
    void close() throws IOException {
      if (open == null) {
        return;
      }
      if (inConsequences) {
        w.endArray();
        inConsequences = false;
      }
      w.endObject();
      open = null;
    }
  }

  private static void writeFields(PrettyJson g, Finding f, String queryId) throws IOException {
    g.stringOrNull("severity", f.severity().label());
    g.stringOrNull("file", f.file());
    g.number("line", f.line());
    g.stringOrNull("column", f.column());
    g.stringOrNull("record", f.record());
    g.stringOrNull("site", f.site());
    g.stringOrNull("rule", f.rule());
    g.stringOrNull("message", f.message());
    g.stringOrNull("query_id", queryId);
    g.stringOrNull("root_id", f.root());
  }

  private static void writeRuleCount(PrettyJson g, RuleCount c) throws IOException {
    g.startObject();
    g.stringOrNull("file", c.file());
    g.stringOrNull("rule", c.rule());
    g.stringOrNull("site", c.site());
    if (c.perRecord()) {
      g.number("rows_checked", c.rowsChecked());
      g.number("rows_passed", c.rowsPassed());
    } else {
      g.name("rows_checked");
      g.nullValue();
      g.name("rows_passed");
      g.nullValue();
    }
    g.number("rows_failed", c.rowsFailed());
    g.number("findings", c.findings());
    g.endObject();
  }

  private static Finding siteFinding(String site) {
    return new Finding(Severity.WARNING, "", 0, null, null, site, "", "");
  }

  /** Errors and warnings of one site, by streaming its findings. */
  public static long[] count(FindingReport report, String site) throws IOException {
    long[] c = new long[2];
    report.forEach(site, f -> c[f.severity() == Severity.ERROR ? 0 : 1]++);
    return c;
  }

  /**
   * Writes the findings as JSON objects into an open array, each root's consequences nested in it.
   */
  public static void writeFindings(JsonGenerator g, FindingReport report, String site)
      throws IOException {
    Nesting nesting =
        new Nesting(
            new ObjectWriter() {
              @Override
              public void startFinding(Finding f, String queryId) throws IOException {
                g.writeStartObject();
                g.writeStringField("severity", f.severity().label());
                g.writeStringField("file", f.file());
                g.writeNumberField("line", f.line());
                Json.stringOrNull(g, "column", f.column());
                Json.stringOrNull(g, "record", f.record());
                Json.stringOrNull(g, "site", f.site());
                g.writeStringField("rule", f.rule());
                g.writeStringField("message", f.message());
                g.writeStringField("query_id", queryId);
                Json.stringOrNull(g, "root_id", f.root());
              }

              @Override
              public void startConsequences() throws IOException {
                g.writeArrayFieldStart("consequences");
              }

              @Override
              public void endArray() throws IOException {
                g.writeEndArray();
              }

              @Override
              public void endObject() throws IOException {
                g.writeEndObject();
              }
            });
    report.forEach(site, nesting);
    nesting.close();
  }

  /**
   * One finding a row, by site (findings without a site last), each root followed by its
   * consequences, which name it in {@code root_id}.
   */
  public static void csv(FindingReport report, String site, Writer out) throws IOException {
    CSVPrinter p = new CSVPrinter(out, csvFormat());
    p.printRecord(CSV_HEADER);
    List<String> sites = new ArrayList<>();
    if (site == null) {
      sites.addAll(report.sites());
      sites.add(FindingReport.NO_SITE);
    } else {
      sites.add(site);
    }
    ReadAhead.forEach(
        sink -> {
          for (String s : sites) {
            report.forEach(s, sink);
          }
        },
        f ->
            p.printRecord(
                CsvCells.text(nullToEmpty(f.site())),
                CsvCells.text(f.file()),
                f.line(),
                CsvCells.text(nullToEmpty(f.column())),
                CsvCells.text(nullToEmpty(f.record())),
                f.severity().label(),
                f.rule(),
                CsvCells.text(f.message()),
                f.queryId(),
                nullToEmpty(f.root())));
    p.flush();
  }

  /** RFC 4180 with LF line ends, as every CSV odtrial writes for data managers. */
  public static CSVFormat csvFormat() {
    return CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
  }

  /** "line 3, column age, record P001", or "file" for a finding about the whole file. */
  static String locate(Finding f) {
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

  private static FileSummary summaryOf(FindingReport report, String fileName) {
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

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
