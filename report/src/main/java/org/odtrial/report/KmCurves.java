package org.odtrial.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.estimate.KaplanMeierByArm;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.survival.KaplanMeierFit;

/**
 * The report's Kaplan-Meier curves: the same fits as the relapse.km rows, with numbers at risk at
 * five ticks.
 */
public final class KmCurves {
  /** Ticks at 0, a quarter, half, three quarters and all of the horizon. */
  static final int TICKS = 4;

  private KmCurves() {}

  public static List<KmCurve> of(AnalysisData data, AnalysisPlan plan) {
    int[] ticks = new int[TICKS + 1];
    for (int i = 0; i <= TICKS; i++) {
      ticks[i] = (int) Math.round(i * (double) plan.horizonDays() / TICKS);
    }
    List<KmCurve> curves = new ArrayList<>();
    for (Map.Entry<String, KaplanMeierFit> e : KaplanMeierByArm.of(data, plan).entrySet()) {
      KaplanMeierFit f = e.getValue();
      int[] atRisk = new int[ticks.length];
      for (int i = 0; i < ticks.length; i++) {
        atRisk[i] = f.nRiskAt(ticks[i]);
      }
      curves.add(new KmCurve(e.getKey(), f.time(), f.surv(), f.lower(), f.upper(), ticks, atRisk));
    }
    return curves;
  }
}
