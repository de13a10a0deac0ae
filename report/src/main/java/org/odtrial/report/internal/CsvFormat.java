package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.analysis.survival.KaplanMeierFit;
import org.odtrial.report.Provenance;

/**
 * CSV files, RFC 4180, CRLF, UTF-8 without BOM: one tidy CSV per table, provenance.csv beside them,
 * and the Kaplan-Meier step data per arm. A table's CSV has one row per observation (a table row
 * and a column group: an arm, the total, the effect) and one column per statistic, each cell one
 * value at full precision: no formatted text, no indent, NA where a value does not apply.
 */
public final class CsvFormat {
  /** Statistics in the order their columns appear; others follow in order of appearance. */
  private static final List<String> ORDER =
      List.of(
          "arm",
          "n",
          "events",
          "percent",
          "participants",
          "meetings",
          "participant_years",
          "rate",
          "mean",
          "sd",
          "median",
          "q1",
          "q3",
          "min",
          "max",
          "estimate",
          "se",
          "ci_low",
          "ci_high",
          "statistic",
          "df",
          "p_value",
          "icc",
          "singular");

  private static final String NOTE = "note";

  /**
   * A cell value that names the results row of its column group (a main analysis beside another).
   */
  public static final String ROW_ID = "row_id";

  private CsvFormat() {}

  /** One tidy observation: the row's section and label, the column group, the values. */
  private record Observation(String section, Row row, String group, Map<String, Object> values) {}

  public static String table(Table t) {
    List<Observation> obs = new ArrayList<>();
    String section = "";
    for (Row r : t.rows()) {
      if (r.heading()) {
        section = r.label();
        continue;
      }
      Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
      for (int j = 0; j < t.columns().size(); j++) {
        Cell c = r.cells().get(j);
        if (c.text().isEmpty() && c.values().isEmpty()) {
          continue;
        }
        groups
            .computeIfAbsent(t.columns().get(j).group(), g -> new LinkedHashMap<>())
            .putAll(c.values());
      }
      for (Map.Entry<String, Map<String, Object>> g : groups.entrySet()) {
        obs.add(new Observation(section, r, g.getKey(), g.getValue()));
      }
    }
    LinkedHashSet<String> stats = new LinkedHashSet<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    obs.forEach(o -> seen.addAll(o.values().keySet()));
    seen.remove(ROW_ID);
    ORDER.stream().filter(seen::contains).forEach(stats::add);
    seen.stream().filter(s -> !s.equals(NOTE)).forEach(stats::add);
    if (seen.contains(NOTE)) {
      stats.add(NOTE);
    }
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("section", "label", "group", "row_id"));
    header.addAll(stats);
    line(b, header);
    for (Observation o : obs) {
      List<String> cells = new ArrayList<>();
      cells.add(o.section());
      cells.add(o.row().label());
      cells.add(o.group());
      Object id = o.values().containsKey(ROW_ID) ? o.values().get(ROW_ID) : o.row().id();
      cells.add(id == null ? "" : id.toString());
      for (String s : stats) {
        cells.add(value(o.values().get(s)));
      }
      line(b, cells);
    }
    return b.toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "NA";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? ShortestDouble.of(d) : "NA";
    }
    return v.toString();
  }

  public static String provenance(Provenance p, String blindingNote) {
    StringBuilder b = new StringBuilder();
    line(b, List.of("field", "value"));
    for (String[] kv : ProvenanceText.pairs(p)) {
      line(b, List.of(kv[0], kv[1]));
    }
    line(b, List.of("Arms", blindingNote));
    return b.toString();
  }

  /**
   * A Kaplan-Meier curve's steps at full precision: time in days and months, numbers at risk,
   * events and censored, survival and its pointwise 95% limits (Greenwood, ignoring clustering).
   */
  public static String curve(KaplanMeierFit f) {
    StringBuilder b = new StringBuilder();
    line(
        b,
        List.of(
            "time_days",
            "time_months",
            "n_risk",
            "n_event",
            "n_censor",
            "survival",
            "lower_95_ignoring_clustering",
            "upper_95_ignoring_clustering"));
    double[] t = f.time();
    int[] risk = f.nRisk();
    int[] event = f.nEvent();
    int[] censor = f.nCensor();
    double[] s = f.surv();
    double[] lo = f.lower();
    double[] hi = f.upper();
    for (int i = 0; i < t.length; i++) {
      line(
          b,
          List.of(
              d(t[i]),
              d(t[i] / Fmt.DAYS_PER_MONTH),
              Integer.toString(risk[i]),
              Integer.toString(event[i]),
              Integer.toString(censor[i]),
              d(s[i]),
              d(lo[i]),
              d(hi[i])));
    }
    return b.toString();
  }

  /**
   * A cumulative-incidence curve at full precision: its jump times in days and months, the
   * cumulative incidence just after each jump, its variance (cmprsk's) and standard error.
   */
  public static String incidence(CumulativeIncidenceFit f) {
    StringBuilder b = new StringBuilder();
    line(b, List.of("time_days", "time_months", "cumulative_incidence", "variance", "se"));
    double[] t = f.time();
    double[] e = f.estimate();
    double[] v = f.variance();
    for (int i = 0; i < t.length; i++) {
      line(b, List.of(d(t[i]), d(t[i] / Fmt.DAYS_PER_MONTH), d(e[i]), d(v[i]), d(Math.sqrt(v[i]))));
    }
    return b.toString();
  }

  private static String d(double v) {
    return Double.isFinite(v) ? ShortestDouble.of(v) : "NA";
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(Esc.csv(cells.get(i)));
    }
    b.append("\r\n");
  }
}
