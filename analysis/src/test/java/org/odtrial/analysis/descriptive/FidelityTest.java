package org.odtrial.analysis.descriptive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.ExampleTrialData;
import org.odtrial.analysis.data.Participant;

class FidelityTest {
  @Test
  void everyGroupAtOnceEqualsEachGroupOnItsOwn() {
    AnalysisData data = ExampleTrialData.derive(730);
    Map<String, Fidelity> byCluster = Fidelity.byGroup(data, Participant::clusterId);
    assertThat(byCluster).hasSize(12);
    byCluster.forEach(
        (cluster, f) ->
            assertThat(f).isEqualTo(Fidelity.of(data, p -> p.clusterId().equals(cluster))));
    Map<String, Fidelity> odOnly = Fidelity.byGroup(data, p -> p.isOd() ? "OD" : null);
    assertThat(odOnly.keySet()).containsExactly("OD");
    assertThat(odOnly.get("OD")).isEqualTo(Fidelity.of(data, Participant::isOd));
    // no one selected: zero counts and no shares
    assertThat(Fidelity.of(data, p -> false))
        .isEqualTo(new Fidelity(0, 0, 0, null, null, null, null, null));
  }
}
