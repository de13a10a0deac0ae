package org.odtrial.analysis.estimate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.competing.CumulativeIncidence;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;

/**
 * The cumulative incidence of relapse per arm with death as a competing risk, as the {@code
 * relapse.cif} rows and the report's curves both use it: status 1 = relapse, 2 = death before
 * relapse within the horizon, 0 = censored, at {@code relapse_days}.
 */
public final class CumulativeIncidenceByArm {
  /** Status code of a relapse. */
  public static final int RELAPSE = 1;

  /** Status code of a death before relapse within the horizon (the competing event). */
  public static final int DEATH = 2;

  private CumulativeIncidenceByArm() {}

  /**
   * The curve of relapse per arm (OD then TAU; an arm with no participants is left out): jump
   * times, estimates and cuminc's variances, {@link CumulativeIncidenceFit#at} for any time.
   */
  public static Map<String, CumulativeIncidenceFit> of(AnalysisData data) {
    Map<String, CumulativeIncidenceFit> fits = new LinkedHashMap<>();
    for (String arm : Arms.BOTH) {
      List<Participant> in = data.participants().stream().filter(p -> p.arm().equals(arm)).toList();
      if (!in.isEmpty()) {
        fits.put(arm, CumulativeIncidence.of(times(in), status(in)).forCause(RELAPSE).fit());
      }
    }
    return fits;
  }

  /** The competing-risks status of a participant: relapse first, else death, else censored. */
  static int status(Participant p) {
    return p.relapse() ? RELAPSE : p.died() ? DEATH : 0;
  }

  static int[] status(List<Participant> ps) {
    return ps.stream().mapToInt(CumulativeIncidenceByArm::status).toArray();
  }

  static double[] times(List<Participant> ps) {
    return HazardRatioRow.times(ps);
  }
}
