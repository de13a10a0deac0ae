package org.odtrial.analysis.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.internal.StudentT;

/**
 * The maximum-likelihood negative binomial fit where glm.nb does not converge, against
 * counts-nb-ml.json (src/test/R/counts-nb-ml.R): R's glm(family = negative.binomial(theta_ml)) at
 * the root of the profile score, and R's own logLik evaluated at odtrial's theta and at glm.nb's
 * final theta. Tolerances: 1e-6 relative for theta, coefficients, se, CR2 se and df; 1e-9 for
 * log-likelihoods; 1e-4 for p-values.
 */
class CountRegressionMaximumLikelihoodTest {
  private static final JsonNode CASES = RFixture.load("counts-nb-ml.json").get("cases");

  @ParameterizedTest
  @ValueSource(strings = {"beddays.runaway", "beddays.alternation"})
  void whereGlmNbDivergesTheProfileMaximumIsReported(String name) {
    JsonNode c = RFixture.find(CASES, name);
    JsonNode v = c.get("values");
    CountData data = CountRegressionAgreesWithRTest.data(c);

    CountFit glmNb = NegativeBinomialRegression.of(data).withMaximumLikelihoodSearch(false).fit();
    CountFit fit = NegativeBinomialRegression.of(data).fit();
    System.out.printf(Locale.ROOT, "%s: odtrial theta_ml = %.17g%n", name, fit.theta());

    // glm.nb fails here in Java as in R
    assertThat(RFixture.names(c.get("glm_nb_warnings"))).contains("iteration limit reached");
    assertThat(value(c.get("glm_nb"), "converged").asBoolean()).isFalse();
    assertThat(glmNb.converged()).isFalse();
    assertThat(glmNb.notes()).anyMatch(n -> n.contains("glm.nb does not converge"));

    assertThat(fit.family()).isEqualTo("negative binomial");
    assertThat(fit.converged()).isTrue();
    assertThat(fit.notes())
        .anyMatch(n -> n.contains("glm.nb does not converge") && n.contains("maximum-likelihood"));
    assertRelative("theta", fit.theta(), value(v, "theta_ml").asDouble(), 1e-6);
    assertRelative("SE theta", fit.seTheta(), value(v, "se_theta").asDouble(), 1e-6);
    assertRelative("loglik", fit.twoLogLik() / 2, value(v, "loglik_ml").asDouble(), 1e-9);
    assertRelative(
        "coefficients", fit.coefficients(), RFixture.vector(value(v, "coefficients")), 1e-6);
    assertRelative("se", fit.se(), RFixture.vector(value(v, "se")), 1e-6);
    assertRelative("robust se", fit.robustSe(), RFixture.vector(value(v, "robust_se")), 1e-6);
    RateRatio rr = fit.rateRatio("armOD");
    assertRelative("rate ratio", rr.estimate(), value(v, "rate_ratio").asDouble(), 1e-6);
    assertRelative("p", rr.pValue(), value(v, "p_value").asDouble(), 1e-4);
    double[] cr2Se = RFixture.vector(value(v, "cr2_se"));
    double[] cr2Df = RFixture.vector(value(v, "cr2_df"));
    StudentT t = fit.cr2().coefficient("armOD");
    assertRelative("CR2 se", t.se(), cr2Se[1], 1e-6);
    assertRelative("CR2 df", t.df(), cr2Df[1], 1e-6);

    // R's own logLik: higher at odtrial's theta (the value printed above, copied into the R
    // script; the profile is flat at its maximum, so 1e-9 is the same point) than at glm.nb's
    // final theta
    assertRelative("theta R evaluated", fit.theta(), value(v, "odtrial_theta").asDouble(), 1e-9);
    double atOdtrial = value(v, "loglik_at_odtrial_theta").asDouble();
    double atGlmNb = value(v, "loglik_at_glm_nb_theta").asDouble();
    assertThat(atOdtrial).isGreaterThan(atGlmNb);
    assertThat(atOdtrial).isGreaterThan(value(c.get("glm_nb"), "loglik").asDouble());
    assertRelative("R's logLik at odtrial's theta", atOdtrial, fit.twoLogLik() / 2, 1e-9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"equidispersed", "insurance"})
  void whereTheProfileRisesTowardsInfinityPoissonIsReported(String name) {
    JsonNode c = RFixture.find(CASES, name);
    JsonNode v = c.get("values");
    // R: glm.nb's theta runs away; the profile log-likelihood rises with theta, below the Poisson
    // log-likelihood, its limit; the overdispersion score at the Poisson fit is negative
    assertThat(RFixture.names(c.get("glm_nb_warnings"))).contains("iteration limit reached");
    double[] profile = RFixture.vector(value(v, "profile_loglik"));
    double poisson = value(v, "poisson_loglik").asDouble();
    for (int i = 1; i < profile.length; i++) {
      assertThat(profile[i]).isGreaterThan(profile[i - 1]).isLessThan(poisson);
    }
    assertThat(value(v, "overdispersion_score").asDouble()).isNegative();

    CountFit fit = NegativeBinomialRegression.of(CountRegressionAgreesWithRTest.data(c)).fit();

    assertThat(fit.family()).isEqualTo("poisson");
    assertThat(fit.theta()).isNull();
    assertThat(fit.notes())
        .anyMatch(n -> n.contains("rises towards theta = infinity") && n.contains("Poisson"));
    assertRelative(
        "coefficients", fit.coefficients(), RFixture.vector(value(v, "coefficients")), 1e-6);
    assertRelative("robust se", fit.robustSe(), RFixture.vector(value(v, "robust_se")), 1e-6);
    assertRelative("loglik", fit.twoLogLik() / 2, poisson, 1e-9);
  }
}
