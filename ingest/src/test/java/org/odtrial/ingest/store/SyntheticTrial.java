package org.odtrial.ingest.store;

import java.time.LocalDate;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;

/**
 * A large deterministic upload generated on the fly (never held in memory): per participant 1
 * admission, 6 outcomes and 2 network meetings, and one cluster per 1,000 participants, so {@code
 * n} participants give about {@code 10 n} records. {@code revision} changes every 100th
 * participant's age and removes every 1,000th participant's meetings, to exercise a load with
 * changes.
 */
final class SyntheticTrial {
  private static final String[] INSTRUMENTS = {"QPR", "BPRS"};
  private static final int[] TIMEPOINTS = {0, 6, 12};
  private static final LocalDate START = LocalDate.of(2019, 1, 7);
  // dates and small numbers as ready strings: generating must cost little next to storing
  private static final String[] DATES = new String[2400];
  private static final String[] NUMBERS = new String[3000];

  static {
    for (int d = 0; d < DATES.length; d++) {
      DATES[d] = START.plusDays(d).toString();
    }
    for (int n = 0; n < NUMBERS.length; n++) {
      NUMBERS[n] = Integer.toString(n);
    }
  }

  private final int participants;
  private final int revision;

  SyntheticTrial(int participants, int revision) {
    this.participants = participants;
    this.revision = revision;
  }

  long records() {
    return clusters()
        + 10L * participants
        - (revision > 0 ? 2L * ((participants + 999) / 1000) : 0);
  }

  void stream(RecordSink sink) {
    streamClustersParticipantsAdmissionsOutcomes(sink);
    streamMeetings(sink, participants);
  }

  void streamClustersParticipantsAdmissionsOutcomes(RecordSink sink) {
    long line = 2;
    for (int c = 0; c < clusters(); c++) {
      sink.accept(
          TrialFile.CLUSTERS,
          line++,
          new String[] {
            cluster(c),
            "S" + (c % 12),
            c % 2 == 0 ? "OD" : "TAU",
            DATES[c % 30],
            "stratum " + (c % 4),
            Integer.toString(1 + c % 5),
            Integer.toString(3000 + 17 * c)
          });
    }
    line = 2;
    for (int p = 0; p < participants; p++) {
      int baseline = baseline(p);
      int age = 18 + p % 70 + (revision > 0 && p % 100 == 0 ? 1 : 0);
      sink.accept(
          TrialFile.PARTICIPANTS,
          line++,
          new String[] {
            participant(p),
            cluster(p / 1000),
            DATES[baseline],
            NUMBERS[age],
            p % 3 == 0 ? "female" : "male",
            p % 5 == 0 ? null : "white",
            "psychosis",
            NUMBERS[p % 7],
            DATES[baseline + 730],
            null,
            null
          });
    }
    line = 2;
    for (int p = 0; p < participants; p++) {
      int start = baseline(p) + 40 + p % 300;
      sink.accept(
          TrialFile.ADMISSIONS,
          line++,
          new String[] {
            id('E', p, 8),
            participant(p),
            p % 4 == 0 ? "inpatient" : "crisis_team",
            DATES[start],
            DATES[start + 3 + p % 20],
            p % 4 == 0 ? "no" : null
          });
    }
    line = 2;
    for (int p = 0; p < participants; p++) {
      for (String instrument : INSTRUMENTS) {
        for (int t : TIMEPOINTS) {
          int tenths =
              instrument.equals("QPR") ? (p * 7 + t * 13) % 600 : 240 + (p * 11 + t) % 1440;
          sink.accept(
              TrialFile.OUTCOMES,
              line++,
              new String[] {
                participant(p),
                instrument,
                NUMBERS[t],
                DATES[baseline(p) + t * 30],
                tenths % 10 == 0 ? NUMBERS[tenths / 10] : NUMBERS[tenths / 10] + "." + (tenths % 10)
              });
        }
      }
    }
  }

  /**
   * Meetings of participants 0 .. count-1 (count may exceed the trial's size, for an endless
   * stream).
   */
  void streamMeetings(RecordSink sink, long count) {
    long line = 2;
    for (long p = 0; p < count; p++) {
      if (revision > 0 && p % 1000 == 0) {
        continue;
      }
      for (int m = 0; m < 2; m++) {
        sink.accept(
            TrialFile.NETWORK_MEETINGS,
            line++,
            new String[] {
              id('M', 10 * p + m, 10),
              participant(p),
              DATES[baseline(p) + 3 + 14 * m],
              m == 0 ? "in_person" : "video",
              NUMBERS[(int) (2 + p % 2)],
              NUMBERS[(int) (p % 6)],
              m == 0 ? "home" : null
            });
      }
    }
  }

  private int clusters() {
    return Math.max(1, (participants + 999) / 1000);
  }

  private static String cluster(int c) {
    return "GP" + id('0', c, 5).substring(1);
  }

  private static String participant(long p) {
    return id('P', p, 8);
  }

  /** {@code prefix} followed by {@code n} zero-padded to {@code digits} digits. */
  private static String id(char prefix, long n, int digits) {
    char[] chars = new char[digits + 1];
    chars[0] = prefix;
    for (int i = digits; i > 0; i--) {
      chars[i] = (char) ('0' + n % 10);
      n /= 10;
    }
    return new String(chars);
  }

  /** Day offset from START of a participant's baseline. */
  private static int baseline(long p) {
    return (int) (30 + p % 900);
  }
}
