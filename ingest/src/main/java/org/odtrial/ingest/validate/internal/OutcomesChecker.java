package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.Instrument;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;

/**
 * outcomes.csv: unique (participant_id, instrument, timepoint), score within the instrument's
 * range, and the assessment date against the participant's follow-up, death, withdrawal and visit
 * window.
 */
final class OutcomesChecker extends FileChecker {
  /** Days per month used for visit targets: 365.25 / 12. */
  static final double DAYS_PER_MONTH = 30.4375;

  private static final TrialFile F = TrialFile.OUTCOMES;
  private static final int PARTICIPANT = F.indexOf("participant_id");
  private static final int INSTRUMENT = F.indexOf("instrument");
  private static final int TIMEPOINT = F.indexOf("timepoint");
  private static final int ASSESSED = F.indexOf("assessed_on");
  private static final int SCORE = F.indexOf("score");

  private static final int INSTRUMENTS = Instrument.values().length;

  /**
   * The instrument of each code of the column, by the code's index (what a valid cell parses to),
   * so that a record needs no {@link Instrument#valueOf} (a hash look-up per outcome).
   */
  private static final Instrument[] BY_CODE =
      F.columns().get(INSTRUMENT).codes().stream()
          .map(Instrument::valueOf)
          .toArray(Instrument[]::new);

  /** Per participant and instrument, the timepoints (0-60, so one long) already seen. */
  private long[] seen;

  private int participant;

  OutcomesChecker(TrialState state, Findings findings) {
    super(F, state, findings);
  }

  @Override
  int[] keyColumns() {
    return new int[] {PARTICIPANT};
  }

  @Override
  FingerprintIndex keyIndex(int j) {
    return state.participants;
  }

  @Override
  boolean keyLookedUp(int j) {
    return true;
  }

  /** participant_id/instrument/timepoint, with ? for a part that is missing or invalid. */
  @Override
  String recordId() {
    String participant = row.valid(PARTICIPANT);
    if (participant == null) {
      return null;
    }
    String instrument = row.valid(INSTRUMENT);
    return participant
        + "/"
        + (instrument == null ? "?" : instrument)
        + "/"
        + (row.ok[TIMEPOINT] ? Long.toString(row.number[TIMEPOINT]) : "?");
  }

  @Override
  void resolve() {
    participant = lookupParticipant(PARTICIPANT);
    site = state.siteOfParticipant(participant);
  }

  @Override
  void crossCheck() {
    checkParticipantReference(PARTICIPANT, participant);
    String instrument = row.valid(INSTRUMENT);
    if (participant >= 0 && instrument != null && row.ok[TIMEPOINT]) {
      if (seen == null) {
        // participants.csv is complete by now: one 61-bit timepoint set per participant and
        // instrument
        seen = new long[state.participantLine.size() * INSTRUMENTS];
      }
      checked(Rule.DUPLICATE_KEY);
      int slot = participant * INSTRUMENTS + (int) row.number[INSTRUMENT];
      long bit = 1L << row.number[TIMEPOINT];
      if ((seen[slot] & bit) != 0) {
        duplicate(
            -1,
            fmt(
                "the score of participant %s for %s at timepoint %d",
                Text.quote(row.values[PARTICIPANT]), instrument, row.number[TIMEPOINT]),
            -1);
      }
      seen[slot] |= bit;
    }
    if (instrument != null && row.ok[SCORE]) {
      Instrument ins = BY_CODE[(int) row.number[INSTRUMENT]];
      double score = row.decimal[SCORE];
      if (score < ins.min() || score > ins.max()) {
        emit(
            SCORE,
            Rule.RANGE,
            fmt(
                "score %s is out of range for %s: it must be between %s and %s",
                Text.quote(row.values[SCORE]), instrument, plain(ins.min()), plain(ins.max())));
      }
    }
    if (participant < 0 || !row.ok[ASSESSED]) {
      return;
    }
    int assessed = row.day[ASSESSED];
    int died = state.died.get(participant);
    int end = state.followupEnd.get(participant);
    int withdrawn = state.withdrawn.get(participant);
    int baseline = state.baseline.get(participant);
    if (died != TrialState.NONE) {
      checked(Rule.ASSESSED_AFTER_DEATH);
    }
    if (end != TrialState.NONE) {
      checked(Rule.ASSESSED_AFTER_FOLLOWUP);
    }
    if (died != TrialState.NONE && assessed > died) {
      emit(
          ASSESSED,
          Rule.ASSESSED_AFTER_DEATH,
          fmt("assessed_on %s is after the participant's died_on %s", date(assessed), date(died)),
          participantDate(participant, "died_on", died, -1));
    } else if (end != TrialState.NONE && assessed > end) {
      emit(
          ASSESSED,
          Rule.ASSESSED_AFTER_FOLLOWUP,
          fmt(
              "assessed_on %s is after the participant's followup_end %s",
              date(assessed), date(end)),
          participantDate(participant, "followup_end", end, -1));
    }
    if (withdrawn != TrialState.NONE) {
      checked(Rule.ASSESSED_AFTER_WITHDRAWAL);
      if (assessed > withdrawn) {
        emit(
            ASSESSED,
            Rule.ASSESSED_AFTER_WITHDRAWAL,
            fmt(
                "assessed_on %s is after the participant withdrew from research interviews (%s);"
                    + " please check",
                date(assessed), date(withdrawn)),
            participantDate(participant, "withdrawn_on", withdrawn, -1));
      }
    }
    if (baseline != TrialState.NONE && row.ok[TIMEPOINT]) {
      checked(Rule.VISIT_WINDOW);
      long month = row.number[TIMEPOINT];
      double target = baseline + month * DAYS_PER_MONTH;
      int window = month == 0 ? 30 : 90;
      if (Math.abs(assessed - target) > window) {
        emit(
            ASSESSED,
            Rule.VISIT_WINDOW,
            fmt(
                "assessed_on %s is outside the month-%d visit window %s to %s (baseline_date + %d x"
                    + " 30.4375 days, +/- %d days); please check",
                date(assessed),
                month,
                date((int) Math.ceil(target - window)),
                date((int) Math.floor(target + window)),
                month,
                window),
            participantDate(participant, "baseline_date", baseline, (int) month));
      }
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
