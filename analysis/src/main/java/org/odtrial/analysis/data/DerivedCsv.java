package org.odtrial.analysis.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.analysis.results.ShortestDouble;

/**
 * The derived per-participant analysis data as CSV, so a statistician can check every model input (and refit it in
 * R: the columns are those of the example trial's derived.csv, then the covariates and meeting counts).
 */
public final class DerivedCsv {
  public static final String[] HEADER = {
    "participant_id", "cluster_id", "site_id", "arm", "baseline_date", "end", "relapse", "relapse_days",
    "admissions", "bed_days", "followup_years", "age", "sex", "ethnicity", "diagnosis", "prior_admissions", "died",
    "withdrawn", "meetings", "days_to_first_meeting"
  };

  private DerivedCsv() {}

  public static void write(AnalysisData data, Writer out) {
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      p.printRecord((Object[]) HEADER);
      for (Participant x : data.participants()) {
        p.printRecord(x.participantId(), x.clusterId(), x.siteId(), x.arm(), x.baselineDate(), x.end(),
            x.relapse() ? 1 : 0, x.relapseDays(), x.admissions(), x.bedDays(), ShortestDouble.of(x.followupYears()),
            x.age(), x.sex(), orEmpty(x.ethnicity()), orEmpty(x.diagnosis()), orEmpty(x.priorAdmissions()),
            x.died() ? 1 : 0, x.withdrawn() ? 1 : 0, x.meetings(), orEmpty(x.daysToFirstMeeting()));
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object orEmpty(Object v) {
    return v == null ? "" : v;
  }
}
