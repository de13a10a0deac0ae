package org.odtrial.analysis.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.fixtures.RFixture;

class CountRegressionHardCasesTest {
  private static final JsonNode CASES = RFixture.load("counts-glm.json").get("cases");

  @Test
  void iterationLimitIsReportedAsNonConvergenceAndTheSearchFindsTheMaximum() {
    JsonNode c = RFixture.find(CASES, "quine.nb");
    CountData data = CountRegressionAgreesWithRTest.data(c);
    IrlsControl two = new IrlsControl(1e-8, 2);

    CountFit glmNb =
        NegativeBinomialRegression.of(data)
            .withControl(two)
            .withMaximumLikelihoodSearch(false)
            .fit();
    CountFit ml = NegativeBinomialRegression.of(data).withControl(two).fit();

    assertThat(glmNb.converged()).isFalse();
    assertThat(glmNb.notes()).anyMatch(n -> n.contains("does not converge"));
    // glm.nb stopped after 2 alternations; the profile search lands on glm.nb's full answer
    assertThat(ml.converged()).isTrue();
    assertThat(ml.notes()).anyMatch(n -> n.contains("maximum-likelihood fit"));
    RFixture.assertRelative(
        "theta", ml.theta(), RFixture.value(c.get("values"), "theta").asDouble(), 1e-6);
    RFixture.assertRelative(
        "coefficients",
        ml.coefficients(),
        RFixture.vector(RFixture.value(c.get("values"), "coefficients")),
        1e-6);
  }

  @Test
  void fitsAreImmutableAndIndependentOfTheCallersArrays() {
    double[] y = {0, 1, 3, 0, 2, 5, 1, 0, 4, 2};
    double[][] x = new double[10][];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {1, i % 2};
    }
    CountData data = CountData.of(y, x, List.of("(Intercept)", "armOD"));
    CountFit before = PoissonRegression.of(data).fit();
    y[0] = 100;
    x[1][1] = 0;
    CountFit after = PoissonRegression.of(data).fit();
    after.coefficients()[0] = 42;

    assertThat(after.coefficients()).containsExactly(before.coefficients());
    assertThat(data.withOffset(new double[10])).isNotSameAs(data);
    assertThat(before.robustSe()).isNull();
    assertThat(before.rateRatio("armOD").se()).isEqualTo(before.se()[1]);
  }

  @Test
  void rejectsInvalidInput() {
    double[][] x = {{1, 0}, {1, 1}};
    List<String> terms = List.of("(Intercept)", "armOD");
    assertThatThrownBy(() -> CountData.of(new double[] {1, -1}, x, terms))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2");
    assertThatThrownBy(() -> CountData.of(new double[] {1}, x, terms))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CountData.of(new double[] {1, 2}, x, terms)
                    .withOffset(new double[] {0, Double.NEGATIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(
            () -> CountData.of(new double[] {1, 2}, x, terms).withClusters(new String[] {"a"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IrlsControl(0, 25)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void referenceArmWithoutEventsIsAlsoNonEstimable() {
    double[] y = {0, 0, 0, 0, 2, 5, 1, 3};
    double[][] x = new double[8][];
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {1, i < 4 ? 0 : 1};
    }
    CountFit fit = PoissonRegression.of(CountData.of(y, x, List.of("(Intercept)", "armOD"))).fit();

    assertThat(fit.rateRatio("armOD").estimate()).isNull();
    assertThat(fit.notes()).anyMatch(n -> n.contains("armOD = 0") && n.contains("infinity"));
  }
}
