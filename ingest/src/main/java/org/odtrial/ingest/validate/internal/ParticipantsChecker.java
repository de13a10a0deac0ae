package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;

/** participants.csv: unique participant_id, known cluster, and the order of the key dates. */
final class ParticipantsChecker extends FileChecker {
  private static final TrialFile F = TrialFile.PARTICIPANTS;
  private static final int ID = F.indexOf("participant_id");
  private static final int CLUSTER = F.indexOf("cluster_id");
  private static final int BASELINE = F.indexOf("baseline_date");
  private static final int END = F.indexOf("followup_end");
  private static final int WITHDRAWN = F.indexOf("withdrawn_on");
  private static final int DIED = F.indexOf("died_on");
  private static final int RANDOMISED_ON = TrialFile.CLUSTERS.indexOf("randomised_on");

  private int cluster;

  ParticipantsChecker(TrialState state, Findings findings) {
    super(F, state, findings);
  }

  @Override
  int[] keyColumns() {
    return new int[] {ID};
  }

  @Override
  FingerprintIndex keyIndex(int j) {
    return state.participants;
  }

  @Override
  void resolve() {
    String c = row.valid(CLUSTER);
    cluster = c == null ? -1 : state.clusters.get(c);
    site = state.siteOfCluster(cluster);
  }

  private int day(int column) {
    return row.ok[column] ? row.day[column] : TrialState.NONE;
  }

  @Override
  void crossCheck() {
    String c = row.valid(CLUSTER);
    if (c != null) {
      checked(Rule.REFERENCE);
      if (cluster < 0) {
        emit(CLUSTER, Rule.REFERENCE, "cluster_id " + Text.quote(c) + " is not in clusters.csv");
      }
    }
    int baseline = day(BASELINE);
    int end = day(END);
    int withdrawn = day(WITHDRAWN);
    int died = day(DIED);
    int none = TrialState.NONE;
    if (cluster >= 0 && baseline != none) {
      int randomised = state.clusterRandomised.get(cluster);
      if (randomised != none) {
        checked(Rule.BASELINE_BEFORE_RANDOMISATION);
      }
      if (randomised != none && baseline < randomised) {
        emit(
            BASELINE,
            Rule.BASELINE_BEFORE_RANDOMISATION,
            fmt(
                "baseline_date %s is before cluster %s was randomised (%s); it must be on or after"
                    + " that day",
                date(baseline), Text.quote(c), date(randomised)),
            new Cause(
                TrialFile.CLUSTERS,
                state.clusterLine.get(cluster),
                RANDOMISED_ON,
                c,
                site,
                date(randomised),
                -1));
      }
    }
    if (baseline != none && end != none) {
      checked(Rule.FOLLOWUP_BEFORE_BASELINE);
      if (end < baseline) {
        emit(
            END,
            Rule.FOLLOWUP_BEFORE_BASELINE,
            fmt("followup_end %s is before baseline_date %s", date(end), date(baseline)));
      }
    }
    if (withdrawn != none) {
      checked(Rule.WITHDRAWAL_OUTSIDE_FOLLOWUP);
      if (outside(withdrawn, baseline, end)) {
        emit(
            WITHDRAWN,
            Rule.WITHDRAWAL_OUTSIDE_FOLLOWUP,
            fmt("withdrawn_on %s is outside follow-up %s", date(withdrawn), period(baseline, end)));
      }
    }
    if (died != none) {
      checked(Rule.DEATH_OUTSIDE_FOLLOWUP);
      if (outside(died, baseline, end)) {
        emit(
            DIED,
            Rule.DEATH_OUTSIDE_FOLLOWUP,
            fmt("died_on %s is outside follow-up %s", date(died), period(baseline, end)));
      }
    }
    if (died != none && end != none) {
      checked(Rule.FOLLOWUP_END_NOT_DEATH);
      if (died != end) {
        emit(
            END,
            Rule.FOLLOWUP_END_NOT_DEATH,
            fmt(
                "followup_end %s must equal died_on %s for a participant who died",
                date(end), date(died)));
      }
    }
    String id = row.valid(ID);
    if (id != null && unique(state.participants, state.participantLine, id, ID, "participant_id")) {
      state.participantCluster.add(cluster);
      state.baseline.add(baseline);
      state.followupEnd.add(end);
      state.withdrawn.add(withdrawn);
      state.died.add(died);
    }
  }

  private static boolean outside(int day, int from, int to) {
    return (from != TrialState.NONE && day < from) || (to != TrialState.NONE && day > to);
  }

  private static String period(int from, int to) {
    return "(baseline_date "
        + (from == TrialState.NONE ? "?" : date(from))
        + " to followup_end "
        + (to == TrialState.NONE ? "?" : date(to))
        + ")";
  }
}
