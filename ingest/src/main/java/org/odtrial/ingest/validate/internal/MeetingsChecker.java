package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;

/**
 * network_meetings.csv: unique meeting_id, known participant, date within [baseline_date - 30,
 * followup_end], and a warning for OD-arm meetings with fewer than two practitioners. Meetings in
 * the TAU arm are accepted silently.
 */
final class MeetingsChecker extends FileChecker {
  static final int DAYS_BEFORE_BASELINE = 30;
  static final int MIN_OD_PRACTITIONERS = 2;

  private static final TrialFile F = TrialFile.NETWORK_MEETINGS;
  private static final int ID = F.indexOf("meeting_id");
  private static final int PARTICIPANT = F.indexOf("participant_id");
  private static final int DATE = F.indexOf("meeting_date");
  private static final int PRACTITIONERS = F.indexOf("practitioners");

  private final FingerprintIndex ids = new FingerprintIndex();
  private final IntList idLines = new IntList();
  private int participant;

  MeetingsChecker(TrialState state, Findings findings) {
    super(F, state, findings);
  }

  @Override
  int[] keyColumns() {
    return new int[] {ID, PARTICIPANT};
  }

  @Override
  FingerprintIndex keyIndex(int j) {
    return j == 0 ? ids : state.participants;
  }

  @Override
  boolean keyLookedUp(int j) {
    return j == 1;
  }

  @Override
  void resolve() {
    participant = lookupParticipant(PARTICIPANT);
    site = state.siteOfParticipant(participant);
  }

  @Override
  void crossCheck() {
    checkParticipantReference(PARTICIPANT, participant);
    String id = row.valid(ID);
    if (id != null) {
      unique(ids, idLines, id, ID, "meeting_id");
    }
    if (participant >= 0 && row.ok[DATE]) {
      int day = row.day[DATE];
      int baseline = state.baseline.get(participant);
      int end = state.followupEnd.get(participant);
      boolean early = baseline != TrialState.NONE && day < baseline - DAYS_BEFORE_BASELINE;
      boolean late = end != TrialState.NONE && day > end;
      if (baseline != TrialState.NONE || end != TrialState.NONE) {
        checked(Rule.MEETING_OUTSIDE_FOLLOWUP);
      }
      if (early || late) {
        emit(
            DATE,
            Rule.MEETING_OUTSIDE_FOLLOWUP,
            fmt(
                "meeting_date %s is outside %s to %s (30 days before baseline_date to"
                    + " followup_end)",
                date(day),
                baseline == TrialState.NONE ? "?" : date(baseline - DAYS_BEFORE_BASELINE),
                end == TrialState.NONE ? "?" : date(end)),
            early
                ? participantDate(participant, "baseline_date", baseline, -1)
                : participantDate(participant, "followup_end", end, -1));
      }
    }
    boolean od = state.armOfParticipant(participant) == TrialState.ARM_OD;
    if (row.ok[PRACTITIONERS] && od) {
      checked(Rule.TOO_FEW_PRACTITIONERS);
    }
    if (row.ok[PRACTITIONERS] && row.number[PRACTITIONERS] < MIN_OD_PRACTITIONERS && od) {
      emit(
          PRACTITIONERS,
          Rule.TOO_FEW_PRACTITIONERS,
          fmt(
              "%d practitioner(s) at a meeting in the OD arm; Open Dialogue meets with two or more,"
                  + " please check",
              row.number[PRACTITIONERS]));
    }
  }
}
