package org.odtrial.analysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertMatrix;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;

/**
 * Kenward-Roger against pbkrtest 0.5.2 / lmerTest 3.1.3 (mixed-kr.json, written by
 * src/test/R/mixed-kr.R). At lmer's own variance components the algorithm alone is compared: 1e-8
 * relative for Phi, Phi_A, se and df, 1e-4 for p. Through our REML fit of the random-intercept
 * model (whose optimum lme4 approaches to within about 2e-7 in theta): 1e-6 against the
 * tight-control fit, 1e-5 against the default fit (lmer's default optimiser stops short: our REML
 * criterion is never higher than lmer's), p 1e-4.
 */
public class KenwardRogerAgreesWithRTest {
  private static final JsonNode CASES = RFixture.load("mixed-kr.json").get("cases");

  public static KenwardRoger design(JsonNode c) {
    JsonNode in = c.get("input");
    KenwardRoger kr =
        KenwardRoger.of(
            RFixture.vector(in.get("y")),
            RFixture.matrix(in.get("X")),
            RFixture.names(in.get("colnames")));
    for (JsonNode comp : c.get("components")) {
      kr =
          kr.withRandomIntercept(
              comp.asText(), RFixture.strings(in.get("groups").get(comp.asText())));
    }
    return kr;
  }

  public static KenwardRogerFit atRsVarianceComponents(JsonNode c) {
    JsonNode v = c.get("values");
    return design(c)
        .at(RFixture.vector(value(v, "variances")), value(v, "residual_variance").asDouble());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "Dyestuff",
        "Dyestuff2",
        "ChickWeight",
        "Pastes",
        "Penicillin",
        "trial.four",
        "trial.ones",
        "trial.singular",
        "mmrm",
        "example.QPR.m12",
        "example.QPR.m24",
        "example.BPRS.m12"
      })
  void matchesPbkrtestAtLmersVarianceComponents(String name) {
    JsonNode c = RFixture.find(CASES, name);
    JsonNode v = c.get("values");
    KenwardRogerFit kr = atRsVarianceComponents(c);
    check(name, c, kr, v, 1e-8, 1e-8);
  }

  private static void check(
      String name, JsonNode c, KenwardRogerFit kr, JsonNode v, double tol, double dfTol) {
    assertRelative(name + " beta", kr.beta(), RFixture.vector(value(v, "fixef")), tol);
    assertMatrix(name + " vcov", kr.vcov(), RFixture.matrix(value(v, "vcov")), tol);
    assertMatrix(
        name + " vcovAdj", kr.adjustedVcov(), RFixture.matrix(value(v, "vcov_adjusted")), tol);
    List<String> terms = RFixture.names(c.get("input").get("colnames"));
    double[] se = RFixture.vector(value(v, "se"));
    double[] df = RFixture.vector(value(v, "df"));
    double[] p = RFixture.vector(value(v, "p_value"));
    for (int j = 0; j < terms.size(); j++) {
      FixedEffect f = kr.fixedEffect(terms.get(j));
      assertRelative(name + " se " + terms.get(j), f.se(), se[j], tol);
      assertRelative(name + " df " + terms.get(j), f.df(), df[j], dfTol);
      assertRelative(name + " p " + terms.get(j), f.pValue(), p[j], 1e-4);
    }
  }

  @Test
  void contrastsOfTheRepeatedMeasuresModelMatchContest() {
    JsonNode c = RFixture.find(CASES, "mmrm");
    KenwardRogerFit kr = atRsVarianceComponents(c);
    assertThat(c.get("contrasts").size()).isEqualTo(3);
    for (JsonNode con : c.get("contrasts")) {
      FixedEffect f = kr.contrast("L", RFixture.vector(value(con, "L")));
      assertRelative("estimate", f.estimate(), value(con, "estimate").asDouble(), 1e-8);
      assertRelative("se", f.se(), value(con, "se").asDouble(), 1e-8);
      assertRelative("df", f.df(), value(con, "df").asDouble(), 1e-8);
      assertRelative("p", f.pValue(), value(con, "p_value").asDouble(), 1e-4);
    }
  }

  /**
   * A singular fit (cluster variance 0): pbkrtest keeps the component at gamma = 0 and treats it as
   * estimated, with the variance W[0][0] > 0 of the expected information, so the df stay those of a
   * model with a cluster variance (the comparison with R is in the tests above).
   */
  @ParameterizedTest
  @ValueSource(strings = {"Dyestuff2", "trial.singular", "example.QPR.m24", "example.BPRS.m12"})
  void singularFitsKeepTheZeroComponentAsPbkrtestDoes(String name) {
    JsonNode c = RFixture.find(CASES, name);
    assertThat(value(c.get("values"), "singular").asBoolean()).isTrue();
    KenwardRogerFit kr = atRsVarianceComponents(c);
    assertThat(kr.components()).containsExactly(c.get("components").get(0).asText(), "residual");
    assertThat(kr.varianceCovariance()[0][0]).isPositive();
    assertThat(kr.generalisedInverse()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "Dyestuff",
        "Dyestuff2",
        "ChickWeight",
        "trial.four",
        "trial.ones",
        "trial.singular",
        "example.QPR.m12",
        "example.QPR.m24",
        "example.BPRS.m12"
      })
  void throughOurRandomInterceptFit(String name) {
    JsonNode c = RFixture.find(CASES, name);
    JsonNode in = c.get("input");
    String comp = c.get("components").get(0).asText();
    MixedFit fit =
        RandomInterceptModel.of(
                RFixture.vector(in.get("y")),
                RFixture.matrix(in.get("X")),
                RFixture.names(in.get("colnames")),
                RFixture.strings(in.get("groups").get(comp)))
            .fit();
    check(name + " tight", c, fit.kenwardRoger(), c.get("values_tight"), 1e-6, 1e-6);
    check(name + " default", c, fit.kenwardRoger(), c.get("values"), 1e-5, 1e-5);
    // where we differ from lmer, our point is the better one: a REML criterion no higher
    for (String set : new String[] {"values", "values_tight"}) {
      double r = value(c.get(set), "reml_criterion").asDouble();
      assertThat(fit.remlCriterion()).as(name + " " + set).isLessThanOrEqualTo(r + 1e-12 * r);
    }
  }
}
