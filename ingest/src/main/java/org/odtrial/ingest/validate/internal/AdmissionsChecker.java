package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;

/**
 * admissions.csv: unique episode_id, known participant, dates in order, and overlapping episodes.
 * Two episodes of one participant in the same setting overlap when they share at least one night:
 * sorted by start, a later episode overlaps an earlier one when it starts strictly before the
 * earlier one ends. So discharge and a new episode on the same day is not an overlap. An open
 * episode (no end_date) runs to the participant's followup_end.
 */
final class AdmissionsChecker extends FileChecker {
  private static final TrialFile F = TrialFile.ADMISSIONS;
  private static final int ID = F.indexOf("episode_id");
  private static final int PARTICIPANT = F.indexOf("participant_id");
  private static final int SETTING = F.indexOf("setting");
  private static final int START = F.indexOf("start_date");
  private static final int END = F.indexOf("end_date");

  private final FingerprintIndex ids = new FingerprintIndex();
  private final IntList idLines = new IntList();
  // episodes taking part in the overlap check, as parallel primitive arrays
  private final IntList epParticipant = new IntList();
  private final IntList epSetting = new IntList();
  private final IntList epStart = new IntList();
  private final IntList epEnd = new IntList(); // effective end: end_date, or followup_end when open
  private final IntList epOpen = new IntList();
  private final IntList epLine = new IntList();
  private final AsciiStore epId = new AsciiStore();
  private int participant;

  AdmissionsChecker(TrialState state, Findings findings) {
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
    boolean isNew = id != null && unique(ids, idLines, id, ID, "episode_id");
    int start = row.ok[START] ? row.day[START] : TrialState.NONE;
    int end = row.ok[END] ? row.day[END] : TrialState.NONE;
    int followupEnd = participant < 0 ? TrialState.NONE : state.followupEnd.get(participant);
    if (start != TrialState.NONE && followupEnd != TrialState.NONE) {
      checked(Rule.ADMISSION_AFTER_FOLLOWUP);
      if (start > followupEnd) {
        emit(
            START,
            Rule.ADMISSION_AFTER_FOLLOWUP,
            fmt(
                "start_date %s is after the participant's followup_end %s",
                date(start), date(followupEnd)),
            participantDate(participant, "followup_end", followupEnd, -1));
      }
    }
    if (start != TrialState.NONE && end != TrialState.NONE) {
      checked(Rule.EPISODE_END_BEFORE_START);
      if (end < start) {
        emit(
            END,
            Rule.EPISODE_END_BEFORE_START,
            fmt("end_date %s is before start_date %s", date(end), date(start)));
      }
    }
    boolean open = row.values[END] == null;
    int effectiveEnd = open ? followupEnd : end;
    if (isNew
        && participant >= 0
        && row.ok[SETTING]
        && start != TrialState.NONE
        && effectiveEnd != TrialState.NONE
        && effectiveEnd >= start) {
      checked(Rule.EPISODE_OVERLAP);
      epParticipant.add(participant);
      epSetting.add((int) row.number[SETTING]);
      epStart.add(start);
      epEnd.add(effectiveEnd);
      epOpen.add(open ? 1 : 0);
      epLine.add((int) Math.min(Integer.MAX_VALUE, row.line));
      epId.add(id);
    }
  }

  @Override
  void finish() {
    int n = epParticipant.size();
    int participants = state.participantLine.size();
    // counting sort of episodes by participant: O(n), no boxing
    int[] offset = new int[participants + 1];
    for (int i = 0; i < n; i++) {
      offset[epParticipant.get(i) + 1]++;
    }
    for (int p = 0; p < participants; p++) {
      offset[p + 1] += offset[p];
    }
    int[] order = new int[n];
    int[] next = offset.clone();
    for (int i = 0; i < n; i++) {
      order[next[epParticipant.get(i)]++] = i;
    }
    for (int p = 0; p < participants; p++) {
      int from = offset[p];
      int to = offset[p + 1];
      if (to - from > 1) {
        sortGroup(order, from, to);
        checkGroup(order, from, to);
      }
    }
  }

  /** Insertion sort by (setting, start, line): groups are one participant's episodes, so small. */
  private void sortGroup(int[] order, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int e = order[i];
      int j = i - 1;
      while (j >= from && before(e, order[j])) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = e;
    }
  }

  private boolean before(int a, int b) {
    if (epSetting.get(a) != epSetting.get(b)) {
      return epSetting.get(a) < epSetting.get(b);
    }
    if (epStart.get(a) != epStart.get(b)) {
      return epStart.get(a) < epStart.get(b);
    }
    return epLine.get(a) < epLine.get(b);
  }

  private void checkGroup(int[] order, int from, int to) {
    int longest = order[from]; // the earlier episode reaching furthest
    for (int i = from + 1; i < to; i++) {
      int e = order[i];
      if (epSetting.get(e) != epSetting.get(longest)) {
        longest = e;
        continue;
      }
      if (epStart.get(e) < epEnd.get(longest)) {
        reportOverlap(e, longest);
      }
      if (epEnd.get(e) > epEnd.get(longest)) {
        longest = e;
      }
    }
  }

  private void reportOverlap(int later, int earlier) {
    String setting = F.columns().get(SETTING).codes().get(epSetting.get(later));
    int p = epParticipant.get(later);
    findings.add(
        F,
        epLine.get(later),
        START,
        "start_date",
        epId.get(later),
        state.siteOfParticipant(p),
        Rule.EPISODE_OVERLAP,
        fmt(
            "this %s episode %s overlaps %s episode %s %s of the same participant",
            setting, span(later), setting, Text.quote(epId.get(earlier)), span(earlier)));
  }

  private String span(int e) {
    return "("
        + date(epStart.get(e))
        + " to "
        + (epOpen.get(e) == 1 ? "open" : date(epEnd.get(e)))
        + ")";
  }
}
