package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Fidelity;
import org.odtrial.analysis.descriptive.Summary;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Rows {@code meetings} (per arm) and {@code meetings.fidelity} (OD arm): delivery of network
 * meetings.
 */
final class MeetingRows {
  private MeetingRows() {}

  static List<Estimate> of(AnalysisData data) {
    List<Estimate> rows = new ArrayList<>();
    for (String arm : Arms.BOTH) {
      double[] counts =
          data.participants().stream()
              .filter(p -> p.arm().equals(arm))
              .mapToDouble(Participant::meetings)
              .toArray();
      Estimate e =
          Estimate.of(RowId.MEETINGS, "meetings_per_participant").withArm(arm).withN(counts.length);
      if (counts.length == 0) {
        rows.add(e.notEstimable("no participants in the " + arm + " arm"));
        continue;
      }
      Summary s = Summary.of(counts);
      rows.add(
          e.withExtra("mean", s.mean())
              .withExtra("sd", s.sd())
              .withExtra("median", s.median())
              .withExtra("q1", s.q1())
              .withExtra("q3", s.q3())
              .withExtra("share_any", s.shareAboveZero()));
    }
    Fidelity f = Fidelity.of(data, Participant::isOd);
    Estimate fidelity =
        Estimate.of(RowId.MEETINGS_FIDELITY, "fidelity")
            .withArm(Arms.OD)
            .withN(f.participants())
            .withExtra("meetings", (long) f.meetings())
            .withExtra("share_two_practitioners", f.shareTwoPractitioners())
            .withExtra("median_days_to_first_meeting", f.medianDaysToFirstMeeting())
            .withExtra("share_first_within_1_day", f.shareFirstWithin1Day())
            .withExtra("mean_network_members", f.meanNetworkMembers());
    rows.add(f.meetings() == 0 ? fidelity.withNote("no network meetings in the OD arm") : fidelity);
    return rows;
  }
}
