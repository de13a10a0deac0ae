package org.odtrial.analysis.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.fixtures.RFixture.assertMatrix;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.fixtures.RFixture;

/**
 * Two-stage least squares against AER 1.2.10 and sandwich 3.0.2 (recovery-trials.json): the
 * over-identified cigarette demand model of {@code AER::CigarettesSW} (Stock and Watson), both
 * years, clustered by state. Coefficients and covariances 1e-8 relative.
 */
class TwoStageLeastSquaresRTest {
  private static final JsonNode IV = RFixture.load("recovery-trials.json").get("iv");

  @Test
  void cigaretteDemandAgreesWithIvregAndVcovCl() {
    JsonNode in = IV.get("input");
    List<String> terms = RFixture.names(in.get("colnames"));
    double[] y = RFixture.vector(in.get("y"));
    double[][] x = RFixture.matrix(in.get("X"));
    double[][] z = RFixture.matrix(in.get("Z"));
    IvFit cl =
        TwoStageLeastSquares.of(y, x, z, terms)
            .withClusters(RFixture.strings(in.get("cluster")))
            .fit();
    assertRelative(
        "coefficients", cl.coefficients(), RFixture.vector(IV.get("coefficients")), 1e-8);
    assertMatrix("vcovCL HC1", cl.vcov(), RFixture.matrix(IV.get("vcov_cl")), 1e-8);
    assertThat(cl.clusters()).isEqualTo(48);
    IvFit plain = TwoStageLeastSquares.of(y, x, z, terms).fit();
    assertMatrix("vcov", plain.vcov(), RFixture.matrix(IV.get("vcov_model")), 1e-8);
    IvFit.Wald w = cl.coefficient("log(rprice)");
    assertRelative("z", w.z(), w.estimate() / w.se(), 1e-15);
    assertThat(w.ciLow()).isLessThan(w.estimate()).isLessThan(w.ciHigh());
  }

  @Test
  void tooFewInstrumentsOrAConstantRegressorAreRefused() {
    double[] y = {1, 2, 3, 4};
    double[][] x = {{1, 1}, {1, 0}, {1, 1}, {1, 0}};
    assertThatThrownBy(
            () ->
                TwoStageLeastSquares.of(
                    y, x, new double[][] {{1}, {1}, {1}, {1}}, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 instruments cannot identify 2 coefficients");
    double[][] constant = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
    double[][] z = {{1, 0}, {1, 1}, {1, 0}, {1, 1}};
    assertThatThrownBy(() -> TwoStageLeastSquares.of(y, constant, z, List.of("a", "b")).fit())
        .isInstanceOf(ArithmeticException.class);
  }
}
