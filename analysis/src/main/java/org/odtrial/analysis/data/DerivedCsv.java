package org.odtrial.analysis.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.analysis.results.ShortestDouble;
import org.odtrial.ingest.output.CsvCells;

/**
 * The derived per-participant analysis data as CSV, so a statistician can check every model input
 * and refit it in R: the columns of the example trial's derived.csv, then the covariates and
 * meeting counts ({@link ParticipantTable}'s columns, in its order). Booleans are 1/0, missing
 * values empty cells, doubles the shortest form that reads back exactly, text cells
 * spreadsheet-safe ({@link CsvCells}).
 *
 * <p>Written straight from the participants rather than through a Tablesaw table: Tablesaw's first
 * table scans the whole application jar for its readers and writers, a tenth of a trial-sized run's
 * CPU. The cells are those the table gave (its missing values included: an empty string, NaN,
 * {@link Integer#MIN_VALUE}); ParticipantTableTest checks the two against each other.
 */
public final class DerivedCsv {
  private DerivedCsv() {}

  static final List<String> COLUMNS =
      List.of(
          "participant_id",
          "cluster_id",
          "site_id",
          "arm",
          "baseline_date",
          "end",
          "relapse",
          "relapse_days",
          "admissions",
          "bed_days",
          "followup_years",
          "age",
          "sex",
          "ethnicity",
          "diagnosis",
          "prior_admissions",
          "died",
          "withdrawn",
          "meetings",
          "days_to_first_meeting");

  public static void write(AnalysisData data, Writer out) {
    try {
      CSVPrinter p =
          new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      p.printRecord(COLUMNS);
      Object[] row = new Object[COLUMNS.size()];
      for (Participant x : data.participants()) {
        row[0] = text(x.participantId());
        row[1] = text(x.clusterId());
        row[2] = text(x.siteId());
        row[3] = text(x.arm());
        row[4] = date(x.baselineDate());
        row[5] = date(x.end());
        row[6] = bool(x.relapse());
        row[7] = integer(x.relapseDays());
        row[8] = integer(x.admissions());
        row[9] = integer(x.bedDays());
        row[10] = number(x.followupYears());
        row[11] = integer(x.age());
        row[12] = text(x.sex());
        row[13] = text(x.ethnicity());
        row[14] = text(x.diagnosis());
        row[15] = integer(x.priorAdmissions());
        row[16] = bool(x.died());
        row[17] = bool(x.withdrawn());
        row[18] = integer(x.meetings());
        row[19] = integer(x.daysToFirstMeeting());
        p.printRecord(row);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object text(String s) {
    return s == null || s.isEmpty() ? "" : CsvCells.text(s);
  }

  private static Object date(LocalDate d) {
    return d == null ? "" : d;
  }

  private static Object bool(boolean b) {
    return b ? 1 : 0;
  }

  private static Object integer(Integer i) {
    return i == null || i == Integer.MIN_VALUE ? "" : i;
  }

  private static Object number(double d) {
    return Double.isNaN(d) ? "" : ShortestDouble.of(d);
  }
}
