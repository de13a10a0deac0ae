package org.odtrial.report.internal;

import java.util.List;
import org.odtrial.report.KmCurve;
import org.odtrial.report.Provenance;

/**
 * CSV files: one per table (header row then data rows, nothing else, so any CSV reader loads them),
 * provenance.csv beside them, and the Kaplan-Meier step data per arm. RFC 4180, CRLF, UTF-8 without
 * BOM.
 */
public final class CsvFormat {
  private CsvFormat() {}

  public static String table(Table t) {
    StringBuilder b = new StringBuilder();
    line(b, t.header());
    for (List<String> r : t.rows()) {
      line(b, r);
    }
    return b.toString();
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

  /** A curve's steps: time, survival, lower, upper (full precision, as the lead computed them). */
  public static String curve(KmCurve c) {
    StringBuilder b = new StringBuilder();
    line(b, List.of("time_days", "survival", "lower", "upper"));
    double[] t = c.time();
    double[] s = c.survival();
    double[] lo = c.lower();
    double[] hi = c.upper();
    for (int i = 0; i < t.length; i++) {
      line(b, List.of(d(t[i]), d(s[i]), d(lo[i]), d(hi[i])));
    }
    return b.toString();
  }

  private static String d(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "NA";
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
