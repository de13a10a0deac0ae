package org.odtrial.analysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.fixtures.RFixture;

class NestedRandomInterceptModelRTest {
  private static final JsonNode KR = RFixture.load("mixed-kr.json").get("cases");

  @Test
  void scratch() {
    JsonNode c = RFixture.find(KR, "mmrm");
    JsonNode in = c.get("input");
    NestedRandomInterceptModel m =
        NestedRandomInterceptModel.of(
            RFixture.vector(in.get("y")),
            RFixture.matrix(in.get("X")),
            RFixture.names(in.get("colnames")),
            RFixture.strings(in.get("groups").get("cluster_id")),
            RFixture.strings(in.get("groups").get("participant_id")));
    NestedMixedFit f = m.fit();
    double[] th = RFixture.vector(value(c.get("values"), "theta"));
    System.out.println(
        java.util.Arrays.toString(f.fixedEffects())
            + " theta "
            + f.thetaParticipant()
            + " "
            + f.thetaCluster()
            + " crit "
            + f.remlCriterion()
            + " critAtR "
            + m.remlCriterion(th[0], th[1])
            + " R "
            + value(c.get("values"), "reml_criterion").asDouble());
    assertThat(f.remlCriterion()).isLessThanOrEqualTo(m.remlCriterion(th[0], th[1]));
  }
}
