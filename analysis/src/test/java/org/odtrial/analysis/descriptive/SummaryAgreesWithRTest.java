package org.odtrial.analysis.descriptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;
import static org.odtrial.analysis.fixtures.RFixture.value;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.fixtures.RFixture;

/**
 * Summaries and type-7 quantiles against counts-descriptive.json (src/test/R/counts-descriptive.R),
 * 1e-12 relative.
 */
class SummaryAgreesWithRTest {
  private static final JsonNode FILE = RFixture.load("counts-descriptive.json");
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "precip",
        "rivers",
        "warpbreaks.breaks",
        "quine.Days",
        "example.meetings.OD",
        "example.meetings.TAU"
      })
  void matchesMeanSdQuantileType7(String name) {
    JsonNode c = RFixture.find(FILE.get("cases"), name);
    JsonNode v = c.get("values");
    double[] x = RFixture.vector(c.get("x"));

    Summary s = Summary.of(x);

    assertThat(s.n()).isEqualTo(value(v, "n").asInt());
    assertRelative("mean", s.mean(), value(v, "mean").asDouble(), TOL);
    assertRelative("sd", s.sd(), value(v, "sd").asDouble(), TOL);
    assertRelative("median", s.median(), value(v, "median").asDouble(), TOL);
    assertRelative("q1", s.q1(), value(v, "q1").asDouble(), TOL);
    assertRelative("q3", s.q3(), value(v, "q3").asDouble(), TOL);
    assertRelative("min", s.min(), value(v, "min").asDouble(), TOL);
    assertRelative("max", s.max(), value(v, "max").asDouble(), TOL);
    assertRelative("share > 0", s.shareAboveZero(), value(v, "share_above_zero").asDouble(), TOL);
    double[] probs = RFixture.vector(FILE.get("probs"));
    double[] expected = RFixture.vector(value(v, "quantiles"));
    Quantiles q = Quantiles.of(x);
    for (int i = 0; i < probs.length; i++) {
      assertRelative("quantile " + probs[i], q.type7(probs[i]), expected[i], TOL);
    }
  }

  @Test
  void singleValueHasNoSdLikeR() {
    JsonNode v = RFixture.find(FILE.get("cases"), "single").get("values");
    assertThat(value(v, "sd").isNull()).isTrue();

    Summary s = Summary.of(new double[] {42});

    assertThat(s.sd()).isNaN();
    assertThat(s.median()).isEqualTo(value(v, "median").asDouble());
  }

  @Test
  void rejectsMissingValuesAndEmptyInput() {
    assertThatThrownBy(() -> Summary.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantiles.of(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantiles.of(new double[] {1, 2}).type7(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
