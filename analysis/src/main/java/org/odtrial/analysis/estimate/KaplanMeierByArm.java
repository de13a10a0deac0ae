package org.odtrial.analysis.estimate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.survival.ConfType;
import org.odtrial.analysis.survival.KaplanMeier;
import org.odtrial.analysis.survival.KaplanMeierFit;

/**
 * The Kaplan-Meier curve of time to relapse per arm, as the relapse rows and the report's figure
 * both use it.
 */
public final class KaplanMeierByArm {
  static final double CONF_LEVEL = 0.95;

  private KaplanMeierByArm() {}

  /**
   * Fits per arm (OD then TAU; an arm with no participants is left out), with the plan's interval
   * transform.
   */
  public static Map<String, KaplanMeierFit> of(AnalysisData data, AnalysisPlan plan) {
    Map<String, KaplanMeierFit> fits = new LinkedHashMap<>();
    for (String arm : Arms.BOTH) {
      List<Participant> in = data.participants().stream().filter(p -> p.arm().equals(arm)).toList();
      if (!in.isEmpty()) {
        fits.put(
            arm,
            KaplanMeier.of(RelapseRows.times(in), RelapseRows.events(in))
                .withConfType(confType(plan.kmConfType()))
                .withConfLevel(CONF_LEVEL)
                .fit());
      }
    }
    return fits;
  }

  static ConfType confType(String planValue) {
    return switch (planValue) {
      case "log" -> ConfType.LOG;
      case "log-log" -> ConfType.LOG_LOG;
      case "plain" -> ConfType.PLAIN;
      default -> throw new IllegalArgumentException("unknown conf type " + planValue);
    };
  }
}
