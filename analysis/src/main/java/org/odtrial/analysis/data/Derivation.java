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
    Reader reader = reader();
    for (TrialFile file : TrialFile.values()) {
      Consumer<String[]> records = reader.file(file);
      if (file == TrialFile.OUTCOMES && instruments != null) {
        source.forEach(file, "instrument", instruments, records);
      } else {
        source.forEach(file, records);
      }
    }
    return reader.data();
  }

  /**
   * A derivation fed record by record, for a source that pushes the records (a store verifying and
   * reading a load in one pass): call {@link Reader#file} for each file in {@link TrialFile} order
   * as it begins, hand its consumer the file's records, then take {@link Reader#data()}. Clusters
   * and participants must be complete before the later files begin; the consumers of admissions,
   * outcomes and network meetings depend only on the participants, so their records may come
   * interleaved (each file's in its own order), as {@code TrialStore.verifyReading} gives them.
   */
  public Reader reader() {
    return new Reader();
  }

  /**
   * One derivation in progress. Per participant it keeps only what the derived data needs, in
   * primitive arrays (not the uploaded records), and one instance of each repeated code.
   */
  public final class Reader {
    private final Map<String, Cluster> clusters = new HashMap<>();
    private final List<Cluster> clusterList = new ArrayList<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private String[] clusterOf = new String[1024];
    private long[] baseline = new long[1024];
    private long[] end = new long[1024];
    private boolean[] died = new boolean[1024];
    private boolean[] withdrawn = new boolean[1024];
    private int[] age = new int[1024];
    private String[] sex = new String[1024];
    private String[] ethnicity = new String[1024];
    private String[] diagnosis = new String[1024];
    private Integer[] prior = new Integer[1024];
    private int n;
    private long[] firstRelapse;
    private int[] admissions;
    private long[] bedDays;
    private final Map<AnalysisData.ScoreKey, double[]> scores = new HashMap<>();
    private int[] meetings;
    private long[] firstMeeting;
    private final List<Meeting> meetingList = new ArrayList<>();
    private TrialFile at;

    private Reader() {}

    /** The consumer of {@code file}'s records; files come in {@link TrialFile} order. */
    public Consumer<String[]> file(TrialFile file) {
      if (at != null && file.ordinal() <= at.ordinal()) {
        throw new IllegalStateException(file + " after " + at);
      }
      at = file;
      return switch (file) {
        case CLUSTERS -> this::cluster;
        case PARTICIPANTS -> this::participant;
        case ADMISSIONS -> {
          firstRelapse = new long[n];
          Arrays.fill(firstRelapse, Long.MAX_VALUE);
          admissions = new int[n];
          bedDays = new long[n];
          yield this::admission;
        }
        case OUTCOMES -> this::score;
        case NETWORK_MEETINGS -> {
          meetings = new int[n];
          firstMeeting = new long[n];
          Arrays.fill(firstMeeting, Long.MAX_VALUE);
          yield this::meeting;
        }
      };
    }

    private void cluster(String[] v) {
      Cluster c =
          new Cluster(
              v[C_ID],
              v[C_SITE],
              code(v[C_ARM]),
              code(v[C_STRATUM]),
              intOrNull(v[C_DEPRIVATION]),
              longOrNull(v[C_LIST]));
      clusters.put(c.clusterId(), c);
      clusterList.add(c);
    }

    private void participant(String[] v) {
      if (n == baseline.length) {
        int m = 2 * n;
        clusterOf = Arrays.copyOf(clusterOf, m);
        baseline = Arrays.copyOf(baseline, m);
        end = Arrays.copyOf(end, m);
        died = Arrays.copyOf(died, m);
        withdrawn = Arrays.copyOf(withdrawn, m);
        age = Arrays.copyOf(age, m);
        sex = Arrays.copyOf(sex, m);
        ethnicity = Arrays.copyOf(ethnicity, m);
        diagnosis = Arrays.copyOf(diagnosis, m);
        prior = Arrays.copyOf(prior, m);
      }
      int i = n;
      index.put(v[P_ID], i);
      ids.add(v[P_ID]);
      Cluster c = clusters.get(v[P_CLUSTER]);
      clusterOf[i] = c == null ? v[P_CLUSTER] : c.clusterId();
      long b = day(v[P_BASELINE]);
      long e = Math.min(day(v[P_FOLLOWUP_END]), b + horizonDays);
      long deathDay = v[P_DIED] == null ? Long.MAX_VALUE : day(v[P_DIED]);
      e = Math.min(e, deathDay);
      baseline[i] = b;
      end[i] = e;
      died[i] = deathDay <= e;
      withdrawn[i] = v[P_WITHDRAWN] != null;
      age[i] = Integer.parseInt(v[P_AGE]);
      sex[i] = code(v[P_SEX]);
      ethnicity[i] = code(v[P_ETHNICITY]);
      diagnosis[i] = code(v[P_DIAGNOSIS]);
      prior[i] = intOrNull(v[P_PRIOR]);
      n++;
    }

    private void admission(String[] v) {
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
    }

    // the scores of the last (instrument, timepoint) seen: outcomes come by participant, so the
    // same few keys repeat
    private String lastInstrument;
    private String lastTimepoint;
    private double[] lastScores;

    private void score(String[] v) {
      String instrument = v[O_INSTRUMENT];
      if (instruments != null && !instruments.contains(instrument)) {
        return;
      }
      int i = indexOf(index, v[O_PARTICIPANT], TrialFile.OUTCOMES);
      double[] s;
      if (instrument.equals(lastInstrument) && v[O_TIMEPOINT].equals(lastTimepoint)) {
        s = lastScores;
      } else {
        AnalysisData.ScoreKey key =
            new AnalysisData.ScoreKey(instrument, Integer.parseInt(v[O_TIMEPOINT]));
        s =
            scores.computeIfAbsent(
                key,
                k -> {
                  double[] a = new double[n];
                  Arrays.fill(a, Double.NaN);
                  return a;
                });
        lastInstrument = instrument;
        lastTimepoint = v[O_TIMEPOINT];
        lastScores = s;
      }
      s[i] = Double.parseDouble(v[O_SCORE]);
    }

    private void meeting(String[] v) {
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
    }

    /** The derived data, once every file was read. */
    public AnalysisData data() {
      if (at != TrialFile.values()[TrialFile.values().length - 1]) {
        throw new IllegalStateException("the files were not all read: last was " + at);
      }
      List<Participant> participants = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Cluster c = clusters.get(clusterOf[i]);
        if (c == null) {
          throw new AnalysisException(
              String.format(
                  Locale.ROOT,
                  "participant %s refers to unknown cluster %s",
                  ids.get(i),
                  clusterOf[i]));
        }
        boolean relapse = firstRelapse[i] != Long.MAX_VALUE;
        long time = (relapse ? firstRelapse[i] : end[i]) - baseline[i];
        participants.add(
            new Participant(
                ids.get(i),
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
                age[i],
                sex[i],
                ethnicity[i],
                diagnosis[i],
                prior[i],
                died[i],
                withdrawn[i],
                meetings[i],
                meetings[i] == 0 ? null : (int) (firstMeeting[i] - baseline[i])));
      }
      return new AnalysisData(horizonDays, clusterList, participants, meetingList, scores);
    }

    /**
     * One instance of each distinct code (sex, diagnosis, arm ...): millions of rows, few values.
     */
    private String code(String s) {
      if (s == null) {
        return null;
      }
      String c = codes.putIfAbsent(s, s);
      return c == null ? s : c;
    }
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
