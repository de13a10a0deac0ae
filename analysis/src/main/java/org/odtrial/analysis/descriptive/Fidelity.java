package org.odtrial.analysis.descriptive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    return byGroup(data, p -> who.test(p) ? Boolean.TRUE : null)
        .getOrDefault(Boolean.TRUE, new Accumulator().fidelity());
  }

  /**
   * Fidelity of every group at once, in one pass over the participants and one over the meetings (a
   * report's cluster rows cost what one arm's row costs): {@code group} gives a participant's
   * group, or null to leave the participant out. Groups in order of their first participant.
   */
  public static <K> Map<K, Fidelity> byGroup(AnalysisData data, Function<Participant, K> group) {
    List<Participant> ps = data.participants();
    Map<K, Accumulator> acc = new LinkedHashMap<>();
    Accumulator[] of = new Accumulator[ps.size()];
    for (int i = 0; i < ps.size(); i++) {
      Participant p = ps.get(i);
      K k = group.apply(p);
      if (k != null) {
        Accumulator a = acc.computeIfAbsent(k, x -> new Accumulator());
        of[i] = a;
        a.participant(p);
      }
    }
    for (Meeting m : data.meetings()) {
      Accumulator a = of[m.participantIndex()];
      if (a != null) {
        a.meeting(m);
      }
    }
    Map<K, Fidelity> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, a.fidelity()));
    return out;
  }

  /** One group's counts, from which its figures follow. */
  private static final class Accumulator {
    int n;
    int within;
    final List<Double> firstDays = new ArrayList<>();
    int meetings;
    int twoPractitioners;
    long members;

    void participant(Participant p) {
      n++;
      if (p.daysToFirstMeeting() != null) {
        firstDays.add(p.daysToFirstMeeting().doubleValue());
        if (p.daysToFirstMeeting() <= FIRST_MEETING_WITHIN_DAYS) {
          within++;
        }
      }
    }

    void meeting(Meeting m) {
      meetings++;
      members += m.networkMembers();
      if (m.practitioners() >= MIN_PRACTITIONERS) {
        twoPractitioners++;
      }
    }

    Fidelity fidelity() {
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
}
