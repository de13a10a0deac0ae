package org.odtrial.analysis.robust;

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
import org.odtrial.analysis.internal.StudentT;

/**
 * CR2 with Satterthwaite df against clubSandwich 0.5.8 (smallsample-cr2.json, written by
 * src/test/R/smallsample-cr2.R), on the working model R's fit hands to clubSandwich (so this tests
 * CR2 alone; the fits themselves are tested elsewhere). Tolerances: 1e-6 relative for the
 * covariance, se and df; 1e-4 for p-values.
 */
public class Cr2AgreesWithRTest {
  private static final JsonNode CASES = RFixture.load("smallsample-cr2.json").get("cases");

  /** The working model of an R case: an lm's residuals, or a glm's mu, variance and mu.eta. */
  public static WorkingModel workingModel(JsonNode c) {
    JsonNode in = c.get("input");
    JsonNode w = c.get("working");
    double[][] x = RFixture.matrix(in.get("X"));
    String[] cl = RFixture.strings(in.get("cluster"));
    double[][] bread = RFixture.matrix(w.get("bread"));
    if (c.get("kind").asText().equals("lm")) {
      return WorkingModel.leastSquares(x, RFixture.vector(w.get("residual")), cl, bread);
    }
    double[] y = RFixture.vector(in.get("y"));
    double[] mu = RFixture.vector(w.get("mu"));
    double[] muEta = RFixture.vector(w.get("mu_eta"));
    double[][] xt = new double[x.length][];
    double[] e = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      xt[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        xt[i][j] = muEta[i] * x[i][j];
      }
      e[i] = y[i] - mu[i];
    }
    return new WorkingModel(xt, RFixture.vector(w.get("variance")), e, cl, bread);
  }

  public static Cr2 cr2(JsonNode c) {
    List<String> terms = RFixture.names(c.get("input").get("colnames"));
    return Cr2.of(workingModel(c), terms, RFixture.vector(value(c.get("values"), "coefficients")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sleepstudy",
        "ChickWeight",
        "trial.four.lm",
        "trial.ones.lm",
        "trial.lone.lm",
        "trial.four.nb",
        "trial.twelve.nb",
        "trial.ones.poisson",
        "quine.nb",
        "example.QPR.m12",
        "example.QPR.m24",
        "example.BPRS.m12",
        "example.admissions.nb",
        "example.bed_days.nb"
      })
  void matchesClubSandwich(String name) {
    JsonNode c = RFixture.find(CASES, name);
    check(name, cr2(c), c.get("values"), c.get("input").get("colnames"));
  }

  /** vcov, se, Satterthwaite df and p of every term against R's values {@code v}. */
  public static void check(String name, Cr2 cr2, JsonNode v, JsonNode colnames) {
    assertMatrix(name + " vcov", cr2.vcov(), RFixture.matrix(value(v, "vcov")), 1e-6);
    assertRelative(name + " se", cr2.se(), RFixture.vector(value(v, "se")), 1e-6);
    double[] df = RFixture.vector(value(v, "df"));
    double[] p = RFixture.vector(value(v, "p_value"));
    List<String> terms = RFixture.names(colnames);
    for (int j = 0; j < terms.size(); j++) {
      StudentT t = cr2.coefficient(terms.get(j));
      assertRelative(name + " df " + terms.get(j), t.df(), df[j], 1e-6);
      assertRelative(name + " p " + terms.get(j), t.pValue(), p[j], 1e-4);
    }
  }

  @Test
  void aContrastHasItsOwnSatterthwaiteDf() {
    JsonNode c = RFixture.find(CASES, "ChickWeight");
    JsonNode v = c.get("values");
    StudentT t = cr2(c).contrast(RFixture.vector(value(v, "contrast")));

    assertRelative("se", t.se(), value(v, "contrast_se").asDouble(), 1e-6);
    assertRelative("df", t.df(), value(v, "contrast_df").asDouble(), 1e-6);
  }

  @Test
  void aClusterOfItsOwnArmHasASingularAdjustmentAndTheGeneralisedInverseIsUsed() {
    Cr2 lone = cr2(RFixture.find(CASES, "trial.lone.lm"));
    Cr2 four = cr2(RFixture.find(CASES, "trial.four.lm"));

    assertThat(lone.singularClusters()).isEqualTo(1);
    assertThat(four.singularClusters()).isZero();
  }

  /**
   * Where a glm's adjustment matrix is singular, clubSandwich's answer is rounding noise (its
   * absolute eigenvalue threshold 1e-12 meets a null eigenvalue of size 1e-16 x max(v)^2): the same
   * fit with its rows reordered gives other se and df. odtrial's null directions come from the
   * other clusters' information without cancellation; it agrees with clubSandwich's own code run
   * with a scale-free threshold, which does not depend on the row order.
   */
  @ParameterizedTest
  @ValueSource(strings = {"quine.nb.byAge", "trial.lone.nb"})
  void singularGlmAdjustmentsMatchTheScaleFreeGeneralisedInverse(String name) {
    JsonNode c = RFixture.find(CASES, name);
    Cr2 cr2 = cr2(c);
    JsonNode exact = c.get("values_exact");
    check(name + " exact", cr2, exact, c.get("input").get("colnames"));
    assertThat(cr2.singularClusters()).isPositive();

    // R's default answer depends on the order of the rows, and differs from the exact one
    double[] exactDf = RFixture.vector(value(exact, "df"));
    double spread = 0;
    for (JsonNode order : c.get("values_row_orders")) {
      double[] df = RFixture.vector(order.get("df"));
      for (int j = 0; j < df.length; j++) {
        spread = Math.max(spread, Math.abs(df[j] - exactDf[j]) / exactDf[j]);
      }
    }
    assertThat(spread).as("relative spread of R's df over row orders").isGreaterThan(0.3);
  }
}
