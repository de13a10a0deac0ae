package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;

/** The curves handed to the report are the fits behind the relapse.cif rows. */
class CumulativeIncidenceByArmTest {

  @Test
  void curvesAreTheRowsFits() {
    AnalysisData data = Derivation.of(730).derive(ExampleTrialSource.upload());
    Map<String, CumulativeIncidenceFit> curves = CumulativeIncidenceByArm.of(data);
    assertThat(curves.keySet()).containsExactly("OD", "TAU");
    List<Estimate> rows =
        Analysis.of(AnalysisPlan.defaults()).run(data, 1, "0".repeat(64), "test").estimates();
    for (Map.Entry<String, CumulativeIncidenceFit> e : curves.entrySet()) {
      CumulativeIncidenceFit f = e.getValue();
      double[] t = f.time();
      double[] est = f.estimate();
      for (int j = 1; j < t.length; j++) {
        assertThat(t[j]).isGreaterThan(t[j - 1]);
        assertThat(est[j]).isGreaterThan(est[j - 1]);
      }
      assertThat(java.util.Arrays.stream(f.variance()).min().orElse(0)).isNotNegative();
      assertThat(f.lastTime()).isGreaterThanOrEqualTo(t[t.length - 1]);
      for (int days : List.of(365, 730)) {
        Estimate row =
            IntercurrentEventAndSubgroupRowsRTest.row(rows, "relapse.cif", e.getKey(), days);
        assertThat(row.estimate()).isEqualTo(f.at(days).orElseThrow().estimate());
        assertThat(row.se()).isEqualTo(f.at(days).orElseThrow().se());
      }
    }
  }
}
