package org.odtrial.analysis.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertMatrix;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.robust.Cr2AgreesWithRTest;

/**
 * OLS with CR1 cluster-robust variance against mixed-lmm.json (src/test/R/mixed-lmm.R): 1e-6
 * relative for coefficients and se, 1e-4 for p-values.
 */
class LinearRegressionAgreesWithRTest {
  private static final JsonNode CASES = RFixture.load("mixed-lmm.json").get("lm");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "ChickWeight",
        "generated",
        "example.QPR.m12",
        "example.QPR.m24",
        "example.BPRS.m12"
      })
  void matchesLmWithVcovClHc1(String name) {
    JsonNode c = RFixture.find(CASES, name);
    JsonNode in = c.get("input");
    JsonNode v = c.get("values");
    LinearFit fit =
        LinearRegression.of(
                RFixture.vector(in.get("y")),
                RFixture.matrix(in.get("X")),
                RFixture.names(in.get("colnames")))
            .withClusters(RFixture.strings(in.get("cluster")))
            .fit();
    Coefficient k = fit.coefficient(c.get("term").asText());

    assertRelative("coef", fit.coefficients(), RFixture.vector(value(v, "coefficients")), 1e-6);
    assertRelative("se", fit.se(), RFixture.vector(value(v, "se")), 1e-6);
    assertRelative("robust se", fit.robustSe(), RFixture.vector(value(v, "robust_se")), 1e-6);
    assertMatrix("robust vcov", fit.robustVcov(), RFixture.matrix(value(v, "robust_vcov")), 1e-6);
    assertThat(fit.dfResidual()).isEqualTo(value(v, "df_residual").asInt());
    assertThat(fit.n()).isEqualTo(value(v, "n").asInt());
    assertThat(fit.clusters()).isEqualTo(value(v, "clusters").asInt());
    assertRelative("p", k.pValue(), value(v, "p_value").asDouble(), 1e-4);
    assertRelative("ci low", k.ciLow(), value(v, "ci_low").asDouble(), 1e-6);
    assertRelative("ci high", k.ciHigh(), value(v, "ci_high").asDouble(), 1e-6);
  }

  /** CR2 with Satterthwaite df of the lm against clubSandwich::coef_test (smallsample-cr2.json). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "ChickWeight",
        "trial.four.lm",
        "trial.ones.lm",
        "trial.lone.lm",
        "example.QPR.m12",
        "example.QPR.m24",
        "example.BPRS.m12"
      })
  void cr2MatchesClubSandwich(String name) {
    JsonNode c = RFixture.find(RFixture.load("smallsample-cr2.json").get("cases"), name);
    JsonNode in = c.get("input");
    JsonNode v = c.get("values");
    List<String> terms = RFixture.names(in.get("colnames"));
    LinearFit fit =
        LinearRegression.of(RFixture.vector(in.get("y")), RFixture.matrix(in.get("X")), terms)
            .withClusters(RFixture.strings(in.get("cluster")))
            .fit();
    Cr2AgreesWithRTest.check(name, fit.cr2(), v, in.get("colnames"));
  }
}
