package org.odtrial.analysis.descriptive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Meeting;
import org.odtrial.analysis.data.Participant;

/**
 * Network-meeting delivery and fidelity of a group of participants (an arm, a site, a cluster). The
 * one place the fidelity definitions live, for the {@code meetings.fidelity} results rows and the
 * report's site and cluster rows:
 *
 * <ul>
 *   <li>share of meetings with at least {@value #MIN_PRACTITIONERS} practitioners, over the group's
 *       meetings;
 *   <li>median days from baseline to the first meeting, over participants with a meeting;
 *   <li>share of participants with a meeting whose first meeting is at most {@value
 *       #FIRST_MEETING_WITHIN_DAYS} day after baseline (days_to_first_meeting &lt;= 1, so meetings
 *       before baseline count);
 *   <li>mean network members per meeting.
 * </ul>
 *
 * Meetings are those of {@link AnalysisData#meetings()} (dated in [baseline - 30, end]). A share or
 * mean with an empty denominator is null.
 *
 * @param participants participants in the group
 * @param participantsWithMeeting those with at least one meeting
 * @param meetings meetings of the group
 * @param meanMeetings mean meetings per participant (null without participants)
 * @param shareTwoPractitioners share of meetings with 2+ practitioners
 * @param medianDaysToFirstMeeting median days_to_first_meeting (R's median)
 * @param shareFirstWithin1Day share of participants with a meeting whose first is within 1 day of
 *     baseline
 * @param meanNetworkMembers mean network members per meeting
 */
public record Fidelity(
    int participants,
    int participantsWithMeeting,
    int meetings,
    Double meanMeetings,
    Double shareTwoPractitioners,
    Double medianDaysToFirstMeeting,
    Double shareFirstWithin1Day,
    Double meanNetworkMembers) {

  public static final int MIN_PRACTITIONERS = 2;
  public static final int FIRST_MEETING_WITHIN_DAYS = 1;

  /** Fidelity of the participants {@code who} selects. */
  public static Fidelity of(AnalysisData data, Predicate<Participant> who) {
    List<Participant> ps = data.participants();
    boolean[] in = new boolean[ps.size()];
    int n = 0;
    List<Double> firstDays = new ArrayList<>();
    int within = 0;
    for (int i = 0; i < ps.size(); i++) {
      Participant p = ps.get(i);
      if (who.test(p)) {
        in[i] = true;
        n++;
        if (p.daysToFirstMeeting() != null) {
          firstDays.add(p.daysToFirstMeeting().doubleValue());
          if (p.daysToFirstMeeting() <= FIRST_MEETING_WITHIN_DAYS) {
            within++;
          }
        }
      }
    }
    int meetings = 0;
    int twoPractitioners = 0;
    long members = 0;
    for (Meeting m : data.meetings()) {
      if (in[m.participantIndex()]) {
        meetings++;
        members += m.networkMembers();
        if (m.practitioners() >= MIN_PRACTITIONERS) {
          twoPractitioners++;
        }
      }
    }
    int withMeeting = firstDays.size();
    double[] first = firstDays.stream().mapToDouble(Double::doubleValue).toArray();
    return new Fidelity(
        n,
        withMeeting,
        meetings,
        n == 0 ? null : (double) meetings / n,
        meetings == 0 ? null : (double) twoPractitioners / meetings,
        withMeeting == 0 ? null : Quantiles.of(first).type7(0.5),
        withMeeting == 0 ? null : (double) within / withMeeting,
        meetings == 0 ? null : (double) members / meetings);
  }
}
