package org.odtrial.analysis.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Meeting;
import org.odtrial.analysis.data.Participant;

/**
 * The generated trials of recovery-trials.R (resources/r/datasets/recovery_trials.csv) as analysis
 * data: QPR scores at months 0, 12 and 24 (NaN where the CSV is empty) and, per participant, {@code
 * meetings_2plus} network meetings with 2 practitioners inside the window, so that a participant
 * with 2 or more is a complier. The relapse and count fields are placeholders the recovery rows do
 * not read.
 */
final class RecoveryTrials {
  private static final LocalDate BASELINE = LocalDate.of(2020, 1, 1);
  private static final Map<String, List<CSVRecord>> BY_CASE = read();

  private RecoveryTrials() {}

  static AnalysisData of(String name) {
    List<CSVRecord> rows = BY_CASE.get(name);
    if (rows == null) {
      throw new IllegalArgumentException("no case " + name);
    }
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    List<Participant> ps = new ArrayList<>();
    List<Meeting> meetings = new ArrayList<>();
    int n = rows.size();
    double[][] scores = new double[3][n];
    for (int i = 0; i < n; i++) {
      CSVRecord r = rows.get(i);
      String cl = r.get("cluster_id");
      String arm = r.get("arm");
      clusters.putIfAbsent(cl, new Cluster(cl, "S1", arm, null, null, null));
      int m = Integer.parseInt(r.get("meetings_2plus"));
      for (int k = 0; k < m; k++) {
        meetings.add(new Meeting(i, 7 * k, 2, 1));
      }
      ps.add(
          new Participant(
              r.get("participant_id"),
              cl,
              "S1",
              arm,
              BASELINE,
              BASELINE.plusDays(730),
              false,
              730,
              0,
              0,
              730 / 365.25,
              40,
              "female",
              null,
              null,
              0,
              false,
              false,
              m,
              m == 0 ? null : 0));
      String[] cols = {"score_0", "score_12", "score_24"};
      for (int k = 0; k < 3; k++) {
        String v = r.get(cols[k]);
        scores[k][i] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
      }
    }
    Map<AnalysisData.ScoreKey, double[]> s = new HashMap<>();
    int[] months = {0, 12, 24};
    for (int k = 0; k < 3; k++) {
      boolean any = false;
      for (double v : scores[k]) {
        any |= !Double.isNaN(v);
      }
      if (any) {
        s.put(new AnalysisData.ScoreKey("QPR", months[k]), scores[k]);
      }
    }
    return new AnalysisData(730, new ArrayList<>(clusters.values()), ps, meetings, s);
  }

  private static Map<String, List<CSVRecord>> read() {
    try (InputStream in =
            RecoveryTrials.class.getResourceAsStream("/r/datasets/recovery_trials.csv");
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      Map<String, List<CSVRecord>> out = new LinkedHashMap<>();
      for (CSVRecord rec : p) {
        out.computeIfAbsent(rec.get("case"), k -> new ArrayList<>()).add(rec);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
