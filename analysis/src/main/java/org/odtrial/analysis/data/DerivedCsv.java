package org.odtrial.analysis.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.ingest.output.CsvCells;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The derived per-participant analysis data ({@link ParticipantTable}) as CSV, so a statistician
 * can check every model input and refit it in R: the columns of the example trial's derived.csv,
 * then the covariates and meeting counts. Booleans are 1/0, missing values empty cells, doubles the
 * shortest form that reads back exactly, text cells spreadsheet-safe ({@link CsvCells}).
 */
public final class DerivedCsv {
  private DerivedCsv() {}

  public static void write(AnalysisData data, Writer out) {
    Table t = ParticipantTable.of(data);
    try {
      CSVPrinter p =
          new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      p.printRecord(t.columnNames());
      List<Object> row = new ArrayList<>(t.columnCount());
      for (int i = 0; i < t.rowCount(); i++) {
        row.clear();
        for (Column<?> c : t.columns()) {
          row.add(cell(c, i));
        }
        p.printRecord(row);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object cell(Column<?> c, int i) {
    if (c.isMissing(i)) {
      return "";
    }
    Object v = c.get(i);
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Double d) {
      return ShortestDouble.of(d);
    }
    if (v instanceof String s) {
      return CsvCells.text(s);
    }
    return v;
  }
}
