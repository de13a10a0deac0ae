package org.odtrial.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.odtrial.ingest.output.HtmlText;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.RuleCount;
import org.odtrial.ingest.validate.Severity;

/**
 * The data-quality report: one self-contained HTML page (inline CSS and a little inline script, no
 * network) with the per-rule summary (records checked, passed, failed, share failed, by site, in
 * the manner of R's pointblank), the queries per site and the findings, each root cause with its
 * consequences under it, filterable by site and rule in any browser without a server.
 */
public final class QualityReport {
  /** Findings listed per site; the page says how many more there are and how to get them. */
  public static final int FINDINGS_PER_SITE = 1000;

  private static final String CSS =
      """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 1.5em auto; max-width: 1200px; color: #111; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.8em; }
p.meta { color: #333; margin-top: 0; }
.totals { display: flex; gap: 1em; flex-wrap: wrap; margin: 1em 0; }
.totals div { border: 1px solid #bbb; border-radius: 4px; padding: 0.4em 0.9em; min-width: 7em; }
.totals b { display: block; font-size: 1.5em; }
.bad b { color: #b00020; } .warn b { color: #8a5a00; } .good b { color: #1b6e20; }
.filters { position: sticky; top: 0; background: #f4f4f4; border: 1px solid #ccc; padding: 0.5em 0.8em; z-index: 1; }
.filters label { margin-right: 1.2em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.88em; width: 100%; }
th, td { padding: 0.25em 0.5em; vertical-align: top; text-align: left; border-bottom: 1px solid #e3e3e3; }
thead th { border-top: 2px solid #000; border-bottom: 1px solid #000; background: #fafafa; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.error { color: #b00020; font-weight: bold; } td.warning { color: #8a5a00; }
.bar { display: inline-block; height: 0.7em; background: #b00020; vertical-align: middle; margin-left: 0.4em; }
.bar.w { background: #d08a00; }
tr.root td { background: #fff4d6; font-weight: bold; }
tr.consequence td:first-child { padding-left: 1.6em; }
tr.consequence td.msg::before { content: "\\21B3  "; color: #777; }
p.note { font-size: 0.88em; color: #333; }
code { font-size: 0.95em; }
""";

  private static final String SCRIPT =
      """
(function () {
  var site = document.getElementById('site'), rule = document.getElementById('rule');
  var zero = document.getElementById('zero');
  function show() {
    var s = site.value, r = rule.value, z = zero.checked;
    document.querySelectorAll('tr[data-site]').forEach(function (tr) {
      var scope = tr.getAttribute('data-scope');
      var siteOk = scope === 'all' ? s === '' : (s === '' ? scope !== 'site' : tr.getAttribute('data-site') === s);
      var ruleOk = r === '' || (tr.hasAttribute('data-rule') ? tr.getAttribute('data-rule') === r
        : !tr.hasAttribute('data-rules') || tr.getAttribute('data-rules').split(' ').indexOf(r) >= 0);
      var zeroOk = z || !tr.hasAttribute('data-zero');
      tr.style.display = siteOk && ruleOk && zeroOk ? '' : 'none';
    });
  }
  // a link can preselect the filters: report.html#site=S01&rule=visit-window
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var p = kv.split('='), v = decodeURIComponent(p[1] || '');
    if (p[0] === 'site') { site.value = v; } else if (p[0] === 'rule') { rule.value = v; }
  });
  [site, rule, zero].forEach(function (e) { e.addEventListener('change', show); }); show();
})();
""";

  private QualityReport() {}

  /**
   * Writes the page.
   *
   * @param title what the report is about, e.g. "Upload sample-data/dirty" or "Load 3 of trial.db"
   * @param meta one line of provenance (no wall-clock time: the same input gives the same page)
   * @param statuses per site, the number of queries in each status (empty without a store)
   * @param allHint the command that lists every finding
   */
  public static void write(
      FindingReport report,
      String title,
      String meta,
      Map<String, Map<QueryStatus, Long>> statuses,
      String allHint,
      Writer out)
      throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>Data quality: ").append(esc(title)).append("</title>\n<style>\n");
    h.append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>Data quality: ").append(esc(title)).append("</h1>\n");
    h.append("<p class=\"meta\">").append(esc(meta)).append("</p>\n");

    List<RuleCount> counts = report.ruleCounts();
    List<String> sites = new ArrayList<>(report.sites());
    Map<String, Long> rootsBySite = roots(report);
    long roots = rootsBySite.values().stream().mapToLong(Long::longValue).sum();
    h.append("<div class=\"totals\">");
    total(h, report.errors() > 0 ? "bad" : "good", report.errors(), "errors");
    total(h, report.warnings() > 0 ? "warn" : "good", report.warnings(), "warnings");
    total(h, "", roots, "root causes");
    total(h, "", sites.size(), "sites");
    h.append("</div>\n<p>")
        .append(
            esc(
                report.errors() > 0
                    ? "The upload has errors: nothing of it can be stored until they are fixed."
                    : "No errors. Each warning is a data query to its site."))
        .append("</p>\n");

    h.append(
        "<div class=\"filters\"><label>Site <select id=\"site\"><option value=\"\">all"
            + " sites</option>");
    for (String s : sites) {
      h.append("<option>").append(esc(s)).append("</option>");
    }
    h.append(
        "</select></label><label>Rule <select id=\"rule\"><option value=\"\">all rules</option>");
    TreeMap<String, Boolean> rules = new TreeMap<>();
    for (RuleCount c : counts) {
      if (c.findings() > 0) {
        rules.put(c.rule(), true);
      }
    }
    for (String r : rules.keySet()) {
      h.append("<option>").append(esc(r)).append("</option>");
    }
    h.append(
        "</select></label><label><input type=\"checkbox\" id=\"zero\"> also rules nothing"
            + " failed</label></div>\n");

    summary(h, counts);
    perSite(h, counts, sites, rootsBySite, statuses);
    out.write(h.toString());
    h.setLength(0);
    findings(report, sites, allHint, out);
    out.write("<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
    out.flush();
  }

  /**
   * Per site ("" for none), the findings that have consequences: root-cause findings and findings
   * on a value that others were compared with. One pass over the findings.
   */
  private static Map<String, Long> roots(FindingReport report) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    String[] last = {null}; // query id of the last finding that is not a consequence
    String[] counted = {null};
    report.forEach(
        null,
        f -> {
          if (f.root() == null) {
            last[0] = f.queryId();
          } else if (f.root().equals(last[0]) && !f.root().equals(counted[0])) {
            counted[0] = f.root();
            out.merge(f.site() == null ? "" : f.site(), 1L, Long::sum);
          }
        });
    return out;
  }

  private static void total(StringBuilder h, String cls, long n, String label) {
    h.append("<div class=\"")
        .append(cls)
        .append("\"><b>")
        .append(String.format(Locale.ROOT, "%,d", n))
        .append("</b>")
        .append(label)
        .append("</div>");
  }

  /** Key of a file and rule, for summing sites. */
  private record FileRule(String file, String rule) {}

  private static void summary(StringBuilder h, List<RuleCount> counts) {
    h.append("<h2>Summary per rule</h2>\n");
    h.append(
        "<p class=\"note\">For each file and rule: the records it was applied to, those that"
            + " passed and failed it (a record failing in two columns counts once), and its"
            + " findings. Rules about whole files, headers and CSV syntax have no record count"
            + " (&ndash;). Pick a site above for its own counts (or open this page as"
            + " <code>report.html#site=ID</code>); tick the box for the rules that every record"
            + " passed too.</p>\n");
    h.append(
        "<table id=\"summary\"><thead><tr><th>file</th><th>rule</th><th>severity</th>"
            + "<th class=\"num\">records checked</th><th class=\"num\">passed</th>"
            + "<th class=\"num\">failed</th><th class=\"num\">share failed</th>"
            + "<th class=\"num\">findings</th></tr></thead>\n<tbody>\n");
    Map<FileRule, long[]> all = new LinkedHashMap<>();
    for (RuleCount c : counts) {
      long[] t = all.computeIfAbsent(new FileRule(c.file(), c.rule()), k -> new long[3]);
      t[0] = c.perRecord() ? t[0] + c.rowsChecked() : -1;
      t[1] += c.rowsFailed();
      t[2] += c.findings();
    }
    for (Map.Entry<FileRule, long[]> e : all.entrySet()) {
      long[] t = e.getValue();
      summaryRow(
          h,
          "all",
          "",
          new RuleCount(e.getKey().file(), e.getKey().rule(), null, t[0], t[1], t[2]));
    }
    for (RuleCount c : counts) {
      summaryRow(h, "site", c.site() == null ? "" : c.site(), c);
    }
    h.append("</tbody></table>\n");
  }

  private static void summaryRow(StringBuilder h, String scope, String site, RuleCount c) {
    Severity severity = c.severity();
    String sev = severity == null ? "" : severity.label();
    h.append("<tr data-scope=\"")
        .append(scope)
        .append("\" data-site=\"")
        .append(esc(site))
        .append("\" data-rule=\"")
        .append(esc(c.rule()))
        .append(c.findings() == 0 ? "\" data-zero=\"1" : "")
        .append("\"><td>")
        .append(esc(c.file()))
        .append("</td><td>")
        .append(esc(c.rule()))
        .append("</td><td class=\"")
        .append(c.findings() > 0 ? sev : "")
        .append("\">")
        .append(sev)
        .append("</td>");
    if (c.perRecord()) {
      double share = c.shareFailed();
      h.append(num(c.rowsChecked()))
          .append(num(c.rowsPassed()))
          .append(num(c.rowsFailed()))
          .append("<td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.2f%%", 100 * share));
      if (c.rowsFailed() > 0) {
        h.append("<span class=\"bar")
            .append(severity == Severity.WARNING ? " w" : "")
            .append("\" style=\"width:")
            .append(String.format(Locale.ROOT, "%.1f", Math.max(1, 100 * share)))
            .append("px\"></span>");
      }
      h.append("</td>");
    } else {
      h.append("<td class=\"num\">&ndash;</td><td class=\"num\">&ndash;</td>")
          .append(num(c.rowsFailed()))
          .append("<td class=\"num\">&ndash;</td>");
    }
    h.append(num(c.findings())).append("</tr>\n");
  }

  private static void perSite(
      StringBuilder h,
      List<RuleCount> counts,
      List<String> sites,
      Map<String, Long> rootsBySite,
      Map<String, Map<QueryStatus, Long>> statuses) {
    h.append("<h2>Queries per site</h2>\n");
    h.append(
        "<p class=\"note\">Every site, including those with nothing to answer. Errors must be"
            + " fixed before the upload can be stored; warnings are data queries.</p>\n");
    h.append(
        "<table id=\"sites\"><thead><tr><th>site</th><th class=\"num\">errors</th>"
            + "<th class=\"num\">warnings</th><th class=\"num\">root causes</th>");
    boolean tracked = !statuses.isEmpty();
    if (tracked) {
      for (QueryStatus s : QueryStatus.values()) {
        h.append("<th class=\"num\">").append(s.label()).append("</th>");
      }
    }
    h.append("</tr></thead>\n<tbody>\n");
    List<String> rows = new ArrayList<>(sites);
    rows.add(null);
    for (String site : rows) {
      long errors = 0;
      long warnings = 0;
      long roots = rootsBySite.getOrDefault(site == null ? "" : site, 0L);
      StringBuilder ruleList = new StringBuilder();
      for (RuleCount c : counts) {
        if (!java.util.Objects.equals(c.site(), site) || c.findings() == 0) {
          continue;
        }
        if (c.severity() == Severity.ERROR) {
          errors += c.findings();
        } else {
          warnings += c.findings();
        }
        ruleList.append(ruleList.length() == 0 ? "" : " ").append(c.rule());
      }
      Map<QueryStatus, Long> st = statuses.getOrDefault(site == null ? "" : site, Map.of());
      if (site == null && errors + warnings == 0 && st.isEmpty()) {
        continue;
      }
      h.append("<tr data-scope=\"row\" data-site=\"")
          .append(esc(site == null ? "" : site))
          .append("\" data-rules=\"")
          .append(esc(ruleList.toString()))
          .append("\"><td>")
          .append(site == null ? "<i>no site</i>" : esc(site))
          .append("</td>")
          .append(num(errors))
          .append(num(warnings))
          .append(num(roots));
      if (tracked) {
        for (QueryStatus s : QueryStatus.values()) {
          h.append(num(st.getOrDefault(s, 0L)));
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void findings(FindingReport report, List<String> sites, String allHint, Writer out)
      throws IOException {
    out.write("<h2>Findings</h2>\n");
    out.write(
        "<p class=\"note\">By site, each root cause (highlighted) followed by the findings that"
            + " depend on it. Query ids are the same in every load and every output.</p>\n");
    out.write(
        "<table id=\"findings\"><thead><tr><th>site</th><th>file</th><th class=\"num\">line</th>"
            + "<th>column</th><th>record</th><th>rule</th><th>severity</th><th>message</th>"
            + "<th>query</th></tr></thead>\n<tbody>\n");
    List<String> order = new ArrayList<>(sites);
    order.add(FindingReport.NO_SITE);
    List<String> omitted = new ArrayList<>();
    for (String site : order) {
      long[] n = {0};
      String[] lastTop = {null};
      // a finding is written when the next arrives: only then is it known to be a root
      Finding[] pending = {null};
      boolean[] pendingIsConsequence = {false};
      report.forEach(
          site,
          f -> {
            n[0]++;
            if (n[0] > FINDINGS_PER_SITE) {
              return;
            }
            boolean consequence = f.root() != null && f.root().equals(lastTop[0]);
            if (pending[0] != null) {
              boolean root =
                  !pendingIsConsequence[0] && consequence && f.root().equals(pending[0].queryId());
              row(out, pending[0], pendingIsConsequence[0], root);
            }
            if (!consequence) {
              lastTop[0] = f.queryId();
            }
            pending[0] = f;
            pendingIsConsequence[0] = consequence;
          });
      if (pending[0] != null) {
        row(out, pending[0], pendingIsConsequence[0], false);
      }
      if (n[0] > FINDINGS_PER_SITE) {
        String who = site.isEmpty() ? "without a site" : "of site " + site;
        omitted.add(
            String.format(
                Locale.ROOT,
                "%,d of the %,d findings %s are not listed here.",
                n[0] - FINDINGS_PER_SITE,
                n[0],
                who));
        out.write(
            "<tr data-scope=\"row\" data-site=\""
                + esc(site)
                + "\"><td colspan=\"9\"><i>"
                + esc(omitted.get(omitted.size() - 1))
                + "</i></td></tr>\n");
      }
    }
    out.write("</tbody></table>\n");
    if (!omitted.isEmpty()) {
      out.write(
          "<p class=\"note\">This page lists the first "
              + String.format(Locale.ROOT, "%,d", FINDINGS_PER_SITE)
              + " findings of each site. "
              + esc(String.join(" ", omitted))
              + " Every finding: <code>"
              + esc(allHint)
              + "</code></p>\n");
    }
  }

  private static void row(Writer out, Finding f, boolean consequence, boolean root)
      throws IOException {
    StringBuilder r = new StringBuilder(256);
    r.append("<tr data-scope=\"row\" data-site=\"")
        .append(esc(f.site() == null ? "" : f.site()))
        .append("\" data-rule=\"")
        .append(esc(f.rule()))
        .append("\"");
    if (consequence) {
      r.append(" class=\"consequence\"");
    } else if (root) {
      r.append(" class=\"root\"");
    }
    r.append("><td>")
        .append(esc(FindingsFormat.nullToEmpty(f.site())))
        .append("</td><td>")
        .append(esc(f.file()))
        .append("</td><td class=\"num\">")
        .append(f.line())
        .append("</td><td>")
        .append(esc(FindingsFormat.nullToEmpty(f.column())))
        .append("</td><td>")
        .append(esc(FindingsFormat.nullToEmpty(f.record())))
        .append("</td><td>")
        .append(esc(f.rule()))
        .append("</td><td class=\"")
        .append(f.severity().label())
        .append("\">")
        .append(f.severity().label())
        .append("</td><td class=\"msg\">")
        .append(esc(f.message()))
        .append("</td><td><code>")
        .append(f.queryId())
        .append("</code></td></tr>\n");
    out.write(r.toString());
  }

  private static String num(long n) {
    return "<td class=\"num\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
  }

  /** HTML text and attribute escaping. */
  static String esc(String s) {
    return HtmlText.escape(s);
  }
}
