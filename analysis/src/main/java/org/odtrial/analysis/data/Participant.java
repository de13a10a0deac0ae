package org.odtrial.analysis.data;

import java.time.LocalDate;

/**
 * One participant's derived analysis data, as data contract v1 ("Derived analysis data") defines
 * it.
 *
 * @param participantId pseudonymous id
 * @param clusterId randomised cluster
 * @param siteId the cluster's site
 * @param arm {@code OD} or {@code TAU}
 * @param baselineDate time zero
 * @param end earliest of followup_end, died_on and baseline + horizon
 * @param relapse whether a relapse (first episode starting in (baseline, end]) was observed
 * @param relapseDays days from baseline to relapse, or to end when censored
 * @param admissions episodes of either setting starting in (baseline, end]
 * @param bedDays inpatient nights inside (baseline, end]
 * @param followupYears (end - baseline) / 365.25
 * @param age age at baseline
 * @param sex sex code
 * @param ethnicity ethnicity code or null
 * @param diagnosis diagnosis code or null
 * @param priorAdmissions prior admissions or null when not recorded
 * @param died whether the participant died on or before end
 * @param withdrawn whether the participant withdrew from research interviews
 * @param meetings network meetings dated in [baseline - 30, end]
 * @param daysToFirstMeeting first such meeting's date minus baseline, or null without a meeting
 */
public record Participant(
    String participantId,
    String clusterId,
    String siteId,
    String arm,
    LocalDate baselineDate,
    LocalDate end,
    boolean relapse,
    int relapseDays,
    int admissions,
    int bedDays,
    double followupYears,
    int age,
    String sex,
    String ethnicity,
    String diagnosis,
    Integer priorAdmissions,
    boolean died,
    boolean withdrawn,
    int meetings,
    Integer daysToFirstMeeting) {

  public boolean isOd() {
    return "OD".equals(arm);
  }
}
