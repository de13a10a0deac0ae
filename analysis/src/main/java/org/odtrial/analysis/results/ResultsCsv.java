package org.odtrial.analysis.results;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.ingest.output.CsvCells;

/**
 * results.json as one CSV row per estimate, at full precision (the same shortest round-trip
 * doubles), with one column per field that any row uses. Text cells are made spreadsheet-safe by
 * {@link CsvCells}.
 */
public final class ResultsCsv {
  /** The named fields of a row, in the order of results.json; row-specific extras follow. */
  static final List<String> FIXED =
      List.of(
          "id",
          "estimand",
          "contrast",
          "arm",
          "time_days",
          "estimate",
          "se",
          "ci_low",
          "ci_high",
          "p_value",
          "df",
          "n",
          "events",
          "clusters",
          "method",
          "note");

  private ResultsCsv() {}

  public static String toCsv(Results r) {
    Set<String> extras = new LinkedHashSet<>();
    r.estimates().forEach(e -> extras.addAll(e.extras().keySet()));
    List<String> header = new ArrayList<>(FIXED);
    header.addAll(extras);
    StringWriter out = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
      p.printRecord(header);
      for (Estimate e : r.estimates()) {
        List<String> row =
            new ArrayList<>(
                List.of(
                    text(e.id().value()),
                    text(e.estimand()),
                    text(e.contrast()),
                    text(e.arm()),
                    num(e.timeDays()),
                    num(e.estimate()),
                    num(e.se()),
                    num(e.ciLow()),
                    num(e.ciHigh()),
                    num(e.pValue()),
                    num(e.df()),
                    num(e.n()),
                    num(e.events()),
                    num(e.clusters()),
                    text(e.method()),
                    text(e.note())));
        for (String x : extras) {
          Object v = e.extras().get(x);
          row.add(v instanceof String s ? text(s) : num(v));
        }
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String num(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return ShortestDouble.of(d);
    }
    return v.toString();
  }

  static String text(String s) {
    return s == null ? "" : CsvCells.text(s);
  }
}
