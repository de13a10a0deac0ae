package org.odtrial.analysis.data;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Derives the per-participant analysis data exactly as data contract v1 defines it. This is the
 * only place the derivation lives: relapse, censoring, admissions, bed days, follow-up and meeting
 * counts all come from here.
 */
public final class Derivation {
  private static final int C_ID = TrialFile.CLUSTERS.indexOf("cluster_id");
  private static final int C_SITE = TrialFile.CLUSTERS.indexOf("site_id");
  private static final int C_ARM = TrialFile.CLUSTERS.indexOf("arm");
  private static final int C_STRATUM = TrialFile.CLUSTERS.indexOf("stratum");
  private static final int C_DEPRIVATION = TrialFile.CLUSTERS.indexOf("deprivation_quintile");
  private static final int C_LIST = TrialFile.CLUSTERS.indexOf("list_size");

  private static final int P_ID = TrialFile.PARTICIPANTS.indexOf("participant_id");
  private static final int P_CLUSTER = TrialFile.PARTICIPANTS.indexOf("cluster_id");
  private static final int P_BASELINE = TrialFile.PARTICIPANTS.indexOf("baseline_date");
  private static final int P_AGE = TrialFile.PARTICIPANTS.indexOf("age");
  private static final int P_SEX = TrialFile.PARTICIPANTS.indexOf("sex");
  private static final int P_ETHNICITY = TrialFile.PARTICIPANTS.indexOf("ethnicity");
  private static final int P_DIAGNOSIS = TrialFile.PARTICIPANTS.indexOf("diagnosis");
  private static final int P_PRIOR = TrialFile.PARTICIPANTS.indexOf("prior_admissions");
  private static final int P_FOLLOWUP_END = TrialFile.PARTICIPANTS.indexOf("followup_end");
  private static final int P_WITHDRAWN = TrialFile.PARTICIPANTS.indexOf("withdrawn_on");
  private static final int P_DIED = TrialFile.PARTICIPANTS.indexOf("died_on");

  private static final int A_PARTICIPANT = TrialFile.ADMISSIONS.indexOf("participant_id");
  private static final int A_SETTING = TrialFile.ADMISSIONS.indexOf("setting");
  private static final int A_START = TrialFile.ADMISSIONS.indexOf("start_date");
  private static final int A_END = TrialFile.ADMISSIONS.indexOf("end_date");

  private static final int O_PARTICIPANT = TrialFile.OUTCOMES.indexOf("participant_id");
  private static final int O_INSTRUMENT = TrialFile.OUTCOMES.indexOf("instrument");
  private static final int O_TIMEPOINT = TrialFile.OUTCOMES.indexOf("timepoint");
  private static final int O_SCORE = TrialFile.OUTCOMES.indexOf("score");

  private static final int M_PARTICIPANT = TrialFile.NETWORK_MEETINGS.indexOf("participant_id");
  private static final int M_DATE = TrialFile.NETWORK_MEETINGS.indexOf("meeting_date");
  private static final int M_PRACTITIONERS = TrialFile.NETWORK_MEETINGS.indexOf("practitioners");
  private static final int M_MEMBERS = TrialFile.NETWORK_MEETINGS.indexOf("network_members");

  /**
   * Days before baseline from which a network meeting counts (the crisis response may precede
   * consent).
   */
  public static final int MEETING_LOOKBACK_DAYS = 30;

  private final int horizonDays;
  private final Set<String> instruments;

  private Derivation(int horizonDays, Set<String> instruments) {
    if (horizonDays <= 0) {
      throw new AnalysisException(
          "horizon_days must be a positive number of days, got " + horizonDays);
    }
    this.horizonDays = horizonDays;
    this.instruments = instruments == null ? null : Set.copyOf(instruments);
  }

  /** A derivation that keeps the scores of every instrument. */
  public static Derivation of(int horizonDays) {
    return new Derivation(horizonDays, null);
  }

  /**
   * Keeps only the scores of these instruments (those an analysis plan uses), so the other outcome
   * rows are never read.
   */
  public Derivation withInstruments(Set<String> keep) {
    return new Derivation(horizonDays, keep);
  }

  public int horizonDays() {
    return horizonDays;
  }

  /** Reads the five files from {@code source} once each and derives the analysis data. */
  public AnalysisData derive(RecordSource source) {
    Map<String, Cluster> clusters = new HashMap<>();
    List<Cluster> clusterList = new ArrayList<>();
    source.forEach(
        TrialFile.CLUSTERS,
        v -> {
          Cluster c =
              new Cluster(
                  v[C_ID],
                  v[C_SITE],
                  v[C_ARM],
                  v[C_STRATUM],
                  intOrNull(v[C_DEPRIVATION]),
                  longOrNull(v[C_LIST]));
          clusters.put(c.clusterId(), c);
          clusterList.add(c);
        });

    // Participants in source order; per-participant accumulators in parallel primitive arrays.
    Map<String, Integer> index = new HashMap<>();
    List<String[]> rows = new ArrayList<>();
    source.forEach(
        TrialFile.PARTICIPANTS,
        v -> {
          index.put(v[P_ID], rows.size());
          rows.add(v);
        });
    int n = rows.size();
    long[] baseline = new long[n];
    long[] end = new long[n];
    for (int i = 0; i < n; i++) {
      String[] v = rows.get(i);
      baseline[i] = day(v[P_BASELINE]);
      long e = Math.min(day(v[P_FOLLOWUP_END]), baseline[i] + horizonDays);
      if (v[P_DIED] != null) {
        e = Math.min(e, day(v[P_DIED]));
      }
      end[i] = e;
    }

    long[] firstRelapse = new long[n];
    Arrays.fill(firstRelapse, Long.MAX_VALUE);
    int[] admissions = new int[n];
    long[] bedDays = new long[n];
    source.forEach(
        TrialFile.ADMISSIONS,
        v -> {
          int i = indexOf(index, v[A_PARTICIPANT], TrialFile.ADMISSIONS);
          long start = day(v[A_START]);
          if (start > baseline[i] && start <= end[i]) {
            admissions[i]++;
            firstRelapse[i] = Math.min(firstRelapse[i], start);
          }
          if ("inpatient".equals(v[A_SETTING])) {
            long stop = v[A_END] == null ? end[i] : Math.min(day(v[A_END]), end[i]);
            bedDays[i] += Math.max(0, stop - Math.max(start, baseline[i]));
          }
        });

    Map<AnalysisData.ScoreKey, double[]> scores = new HashMap<>();
    Consumer<String[]> score =
        v -> {
          int i = indexOf(index, v[O_PARTICIPANT], TrialFile.OUTCOMES);
          AnalysisData.ScoreKey key =
              new AnalysisData.ScoreKey(v[O_INSTRUMENT], Integer.parseInt(v[O_TIMEPOINT]));
          double[] s =
              scores.computeIfAbsent(
                  key,
                  k -> {
                    double[] a = new double[n];
                    Arrays.fill(a, Double.NaN);
                    return a;
                  });
          s[i] = Double.parseDouble(v[O_SCORE]);
        };
    if (instruments == null) {
      source.forEach(TrialFile.OUTCOMES, score);
    } else {
      source.forEach(TrialFile.OUTCOMES, "instrument", instruments, score);
    }

    int[] meetings = new int[n];
    long[] firstMeeting = new long[n];
    Arrays.fill(firstMeeting, Long.MAX_VALUE);
    List<Meeting> meetingList = new ArrayList<>();
    source.forEach(
        TrialFile.NETWORK_MEETINGS,
        v -> {
          int i = indexOf(index, v[M_PARTICIPANT], TrialFile.NETWORK_MEETINGS);
          long date = day(v[M_DATE]);
          if (date >= baseline[i] - MEETING_LOOKBACK_DAYS && date <= end[i]) {
            meetings[i]++;
            firstMeeting[i] = Math.min(firstMeeting[i], date);
            meetingList.add(
                new Meeting(
                    i,
                    (int) (date - baseline[i]),
                    Integer.parseInt(v[M_PRACTITIONERS]),
                    Integer.parseInt(v[M_MEMBERS])));
          }
        });

    List<Participant> participants = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String[] v = rows.get(i);
      Cluster c = clusters.get(v[P_CLUSTER]);
      if (c == null) {
        throw new AnalysisException(
            String.format(
                Locale.ROOT, "participant %s refers to unknown cluster %s", v[P_ID], v[P_CLUSTER]));
      }
      boolean relapse = firstRelapse[i] != Long.MAX_VALUE;
      long time = (relapse ? firstRelapse[i] : end[i]) - baseline[i];
      boolean died = v[P_DIED] != null && day(v[P_DIED]) <= end[i];
      participants.add(
          new Participant(
              v[P_ID],
              c.clusterId(),
              c.siteId(),
              c.arm(),
              LocalDate.ofEpochDay(baseline[i]),
              LocalDate.ofEpochDay(end[i]),
              relapse,
              (int) time,
              admissions[i],
              (int) bedDays[i],
              (end[i] - baseline[i]) / 365.25,
              Integer.parseInt(v[P_AGE]),
              v[P_SEX],
              v[P_ETHNICITY],
              v[P_DIAGNOSIS],
              intOrNull(v[P_PRIOR]),
              died,
              v[P_WITHDRAWN] != null,
              meetings[i],
              meetings[i] == 0 ? null : (int) (firstMeeting[i] - baseline[i])));
    }
    return new AnalysisData(horizonDays, clusterList, participants, meetingList, scores);
  }

  private static int indexOf(Map<String, Integer> index, String participantId, TrialFile file) {
    Integer i = index.get(participantId);
    if (i == null) {
      throw new AnalysisException(
          String.format(
              Locale.ROOT,
              "%s refers to participant %s, who is not in participants.csv",
              file.fileName(),
              participantId));
    }
    return i;
  }

  private static long day(String isoDate) {
    // Fast path for the plain YYYY-MM-DD form: LocalDate.parse goes through DateTimeFormatter,
    // which took about a
    // fifth of a million-participant analysis. Anything else, or an impossible date, goes to
    // LocalDate.parse, so
    // the result and the exception are what they always were.
    if (isoDate.length() == 10 && isoDate.charAt(4) == '-' && isoDate.charAt(7) == '-') {
      int y = digits(isoDate, 0, 4);
      int m = digits(isoDate, 5, 7);
      int d = digits(isoDate, 8, 10);
      if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= YearMonth.of(y, m).lengthOfMonth()) {
        return LocalDate.of(y, m, d).toEpochDay();
      }
    }
    return LocalDate.parse(isoDate).toEpochDay();
  }

  /** The ASCII digits s[from, to) as a number, or -1 if any is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Integer intOrNull(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  private static Long longOrNull(String s) {
    return s == null ? null : Long.valueOf(s);
  }
}
