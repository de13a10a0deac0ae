package org.odtrial.analysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertMatrix;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;

/**
 * REML random-intercept fits against mixed-lmm.json (src/test/R/mixed-lmm.R). "tight" values come
 * from lmer with optimiser tolerances at the limit of double precision, i.e. the exact REML
 * optimum; "default" values from lmer's default control (as expected-results.json), which stops a
 * little short of it. Tolerances: 1e-6 relative for estimates, se and variance components against
 * both; Satterthwaite df 1e-6 (tight) and p-values 1e-4.
 */
class RandomInterceptModelAgreesWithRTest {
  private static final JsonNode CASES = RFixture.load("mixed-lmm.json").get("lmm");

  static MixedFit fit(JsonNode c) {
    JsonNode in = c.get("input");
    return RandomInterceptModel.of(
            RFixture.vector(in.get("y")),
            RFixture.matrix(in.get("X")),
            RFixture.names(in.get("colnames")),
            RFixture.strings(in.get("cluster")))
        .fit();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "Dyestuff",
        "Dyestuff2",
        "ChickWeight",
        "generated",
        "example.QPR.m12.lmm",
        "example.QPR.m24.lmm",
        "example.BPRS.m12.lmm"
      })
  void matchesLmerAndLmerTest(String name) {
    JsonNode c = RFixture.find(CASES, name);
    MixedFit fit = fit(c);
    String term = c.get("term").asText();
    FixedEffect fe = fit.fixedEffect(term);
    for (String set : new String[] {"values_tight", "values_default"}) {
      JsonNode v = c.get(set);
      String w = name + " " + set + " ";
      assertRelative(w + "fixef", fit.fixedEffects(), RFixture.vector(value(v, "fixef")), 1e-6);
      assertRelative(w + "se", fit.se(), RFixture.vector(value(v, "se")), 1e-6);
      assertMatrix(w + "vcov", fit.vcov(), RFixture.matrix(value(v, "vcov")), 1e-6);
      assertRelative(w + "theta", fit.theta(), value(v, "theta").asDouble(), 1e-6);
      assertRelative(w + "sigma", fit.sigma(), value(v, "sigma").asDouble(), 1e-6);
      assertRelative(w + "var_cluster", fit.varCluster(), value(v, "var_cluster").asDouble(), 1e-6);
      assertRelative(
          w + "var_residual", fit.varResidual(), value(v, "var_residual").asDouble(), 1e-6);
      assertRelative(w + "icc", fit.icc(), value(v, "icc").asDouble(), 1e-6);
      assertRelative(w + "REML", fit.remlCriterion(), value(v, "reml_criterion").asDouble(), 1e-9);
      assertThat(fit.singular()).as(w + "singular").isEqualTo(value(v, "singular").asBoolean());
      assertRelative(
          w + "df",
          fe.df(),
          value(v, "df_satterthwaite").asDouble(),
          set.equals("values_tight") ? 1e-6 : 1e-5);
      assertRelative(w + "t", fe.tValue(), value(v, "t_value").asDouble(), 1e-6);
      assertRelative(w + "p", fe.pValue(), value(v, "p_value").asDouble(), 1e-4);
      assertRelative(w + "ci low", fe.ciLow(), value(v, "ci_low").asDouble(), 1e-6);
      assertRelative(w + "ci high", fe.ciHigh(), value(v, "ci_high").asDouble(), 1e-6);
    }
    if (fit.singular()) {
      assertThat(fit.theta()).isZero();
      assertThat(fit.varCluster()).isZero();
      assertThat(fit.notes()).anyMatch(n -> n.contains("singular"));
    }
  }
}
