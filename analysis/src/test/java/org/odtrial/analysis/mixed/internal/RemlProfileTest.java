package org.odtrial.analysis.mixed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.linear.internal.Clusters;

/** The analytic theta-derivatives of the profiled REML criterion against central differences. */
class RemlProfileTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05, 0.4, 1.3, 7.0})
  void analyticDerivativesMatchFiniteDifferences(double theta) {
    JsonNode in =
        RFixture.find(RFixture.load("mixed-lmm.json").get("lmm"), "ChickWeight").get("input");
    Clusters cl = Clusters.of(RFixture.strings(in.get("cluster")));
    RemlProfile prof =
        new RemlProfile(
            RFixture.vector(in.get("y")), RFixture.matrix(in.get("X")), cl.index(), cl.count());
    int n = prof.n();
    int p = prof.p();
    double h = 1e-5;
    RemlProfile.Point at = prof.at(theta);
    RemlProfile.Point up = prof.at(theta + h);
    RemlProfile.Point down = prof.at(theta - h);

    double d1 = (up.criterion(n, p) - down.criterion(n, p)) / (2 * h);
    double d2 = (up.criterionD1(n, p) - down.criterionD1(n, p)) / (2 * h);
    double r2d2 = (up.r2d1() - down.r2d1()) / (2 * h);

    assertThat(at.criterionD1(n, p))
        .isCloseTo(d1, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(d1))));
    assertThat(at.criterionD2(n, p))
        .isCloseTo(d2, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(d2))));
    assertThat(at.r2d2())
        .isCloseTo(r2d2, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(r2d2))));
  }
}
