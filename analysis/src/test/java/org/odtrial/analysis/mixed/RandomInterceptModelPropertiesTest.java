package org.odtrial.analysis.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.linear.LinearFit;
import org.odtrial.analysis.linear.LinearRegression;

class RandomInterceptModelPropertiesTest {
  private static final JsonNode LMM = RFixture.load("mixed-lmm.json").get("lmm");

  @Test
  void rowOrderDoesNotMatter() {
    JsonNode in = RFixture.find(LMM, "ChickWeight").get("input");
    double[] y = RFixture.vector(in.get("y"));
    double[][] x = RFixture.matrix(in.get("X"));
    String[] cl = RFixture.strings(in.get("cluster"));
    List<String> terms = RFixture.names(in.get("colnames"));
    int n = y.length;
    double[] yr = new double[n];
    double[][] xr = new double[n][];
    String[] cr = new String[n];
    for (int i = 0; i < n; i++) {
      int j = (int) ((i * 7919L) % n); // a permutation: 7919 is prime and does not divide n
      yr[i] = y[j];
      xr[i] = x[j];
      cr[i] = cl[j];
    }
    MixedFit a = RandomInterceptModel.of(y, x, terms, cl).fit();
    MixedFit b = RandomInterceptModel.of(yr, xr, terms, cr).fit();

    assertRelative("theta", b.theta(), a.theta(), 1e-9);
    assertRelative("fixef", b.fixedEffects(), a.fixedEffects(), 1e-9);
  }

  @Test
  void singularFitEqualsOrdinaryLeastSquares() {
    JsonNode in = RFixture.find(LMM, "example.BPRS.m12.lmm").get("input");
    double[] y = RFixture.vector(in.get("y"));
    double[][] x = RFixture.matrix(in.get("X"));
    List<String> terms = RFixture.names(in.get("colnames"));

    MixedFit mm = RandomInterceptModel.of(y, x, terms, RFixture.strings(in.get("cluster"))).fit();
    LinearFit lm = LinearRegression.of(y, x, terms).fit();

    assertThat(mm.singular()).isTrue();
    assertThat(mm.theta()).isZero();
    assertThat(mm.icc()).isZero();
    assertRelative("fixef", mm.fixedEffects(), lm.coefficients(), 1e-10);
    assertRelative("se", mm.se(), lm.se(), 1e-10);
    assertRelative("sigma", mm.sigma(), lm.sigma(), 1e-10);
  }

  @Test
  void missingValuesAreDroppedWithANote() {
    double[] y = {1, 2, Double.NaN, 4, 5, 7, 6, 9};
    double[][] x = {{1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 1}, {1, 1}, {1, 1}, {1, Double.NaN}};
    String[] cl = {"a", "a", "b", "b", "c", "c", "d", "d"};

    MixedFit fit = RandomInterceptModel.of(y, x, List.of("(Intercept)", "armOD"), cl).fit();

    assertThat(fit.n()).isEqualTo(6);
    assertThat(fit.notes()).anyMatch(n -> n.contains("2 of 8 rows dropped"));
    assertThatThrownBy(() -> RandomInterceptModel.of(y, x, List.of("(Intercept)"), cl))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesDesignsLme4Refuses() {
    double[] y = {1, 2, 3, 4};
    double[][] x = {{1, 0}, {1, 0}, {1, 1}, {1, 1}};
    List<String> terms = List.of("(Intercept)", "armOD");

    assertThatThrownBy(
            () -> RandomInterceptModel.of(y, x, terms, new String[] {"a", "a", "a", "a"}).fit())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 clusters");
    assertThatThrownBy(
            () -> RandomInterceptModel.of(y, x, terms, new String[] {"a", "b", "c", "d"}).fit())
        .isInstanceOf(IllegalArgumentException.class);
    double[][] collinear = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
    assertThatThrownBy(
            () ->
                RandomInterceptModel.of(y, collinear, terms, new String[] {"a", "a", "b", "b"})
                    .fit())
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("rank deficient");
  }
}
