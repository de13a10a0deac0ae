package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Meeting;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Quantiles;

/**
 * Open Dialogue fidelity of a group of participants (an arm, a site, a cluster), defined once for results.json and
 * the report: meetings and participants are those of the analysis window (meetings dated in [baseline - 30, end]).
 *
 * @param participants participants in the group
 * @param withMeeting participants with at least one meeting
 * @param meetings meetings held
 * @param shareTwoPractitioners share of meetings with two or more practitioners (NaN without meetings)
 * @param medianDaysToFirstMeeting median over participants with a meeting of first meeting date - baseline (R type 7)
 * @param shareFirstWithin1Day share of participants with a meeting whose first meeting was at most 1 day after baseline
 * @param meanNetworkMembers mean network members present per meeting
 */
public record Fidelity(
    int participants,
    int withMeeting,
    long meetings,
    double shareTwoPractitioners,
    double medianDaysToFirstMeeting,
    double shareFirstWithin1Day,
    double meanNetworkMembers) {

  /** Fidelity of the participants that {@code member} selects. */
  public static Fidelity of(AnalysisData data, Predicate<Participant> member) {
    List<Participant> ps = data.participants();
    boolean[] in = new boolean[ps.size()];
    int participants = 0;
    List<Double> firstDays = new ArrayList<>();
    int within1 = 0;
    for (int i = 0; i < ps.size(); i++) {
      Participant p = ps.get(i);
      in[i] = member.test(p);
      if (in[i]) {
        participants++;
        if (p.daysToFirstMeeting() != null) {
          firstDays.add(p.daysToFirstMeeting().doubleValue());
          within1 += p.daysToFirstMeeting() <= 1 ? 1 : 0;
        }
      }
    }
    long meetings = 0;
    long twoOrMore = 0;
    long members = 0;
    for (Meeting m : data.meetings()) {
      if (in[m.participantIndex()]) {
        meetings++;
        twoOrMore += m.practitioners() >= 2 ? 1 : 0;
        members += m.networkMembers();
      }
    }
    double median = firstDays.isEmpty()
        ? Double.NaN
        : Quantiles.of(firstDays.stream().mapToDouble(Double::doubleValue).toArray()).type7(0.5);
    return new Fidelity(
        participants,
        firstDays.size(),
        meetings,
        meetings == 0 ? Double.NaN : (double) twoOrMore / meetings,
        median,
        firstDays.isEmpty() ? Double.NaN : (double) within1 / firstDays.size(),
        meetings == 0 ? Double.NaN : (double) members / meetings);
  }
}
