package org.odtrial.analysis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.glm.CountData;
import org.odtrial.analysis.glm.CountFit;
import org.odtrial.analysis.glm.NegativeBinomialRegression;
import org.odtrial.analysis.glm.PoissonRegression;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.LinearFit;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;

/**
 * Prints the largest relative difference from R per quantity over all reference cases (for the
 * report and docs; the tests enforce the tolerances). Run with the test classpath.
 */
public final class AgreementReport {
  private static final Map<String, Double> WORST = new TreeMap<>();

  private AgreementReport() {}

  public static void main(String[] args) {
    for (JsonNode c : RFixture.load("counts-glm.json").get("cases")) {
      String name = c.get("name").asText();
      if (name.startsWith("no_events")
          || name.equals("equidispersed.nb")
          || name.equals("insurance.nb")) {
        continue;
      }
      JsonNode in = c.get("input");
      CountData d =
          CountData.of(
              RFixture.vector(in.get("y")),
              RFixture.matrix(in.get("X")),
              RFixture.names(in.get("colnames")));
      if (in.has("offset")) {
        d = d.withOffset(RFixture.vector(in.get("offset")));
      }
      d = d.withClusters(RFixture.strings(in.get("cluster")));
      JsonNode v = c.get("values");
      boolean nb = name.endsWith(".nb");
      CountFit f = nb ? NegativeBinomialRegression.of(d).fit() : PoissonRegression.of(d).fit();
      String k = nb ? "nb " : "poisson ";
      note(k + "coef", f.coefficients(), v, "coefficients");
      note(k + "se", f.se(), v, "se");
      note(k + "robust se", f.robustSe(), v, "robust_se");
      if (nb) {
        note(k + "theta", new double[] {f.theta()}, v, "theta");
        note(k + "SE theta", new double[] {f.seTheta()}, v, "se_theta");
        note(k + "twologlik", new double[] {f.twoLogLik()}, v, "twologlik");
      }
      if (v.has("p_value")) {
        note(k + "p (rate ratio)", new double[] {f.rateRatio("armOD").pValue()}, v, "p_value");
      }
    }
    JsonNode mixed = RFixture.load("mixed-lmm.json");
    for (JsonNode c : mixed.get("lm")) {
      JsonNode in = c.get("input");
      LinearFit f =
          LinearRegression.of(
                  RFixture.vector(in.get("y")),
                  RFixture.matrix(in.get("X")),
                  RFixture.names(in.get("colnames")))
              .withClusters(RFixture.strings(in.get("cluster")))
              .fit();
      JsonNode v = c.get("values");
      Coefficient k = f.coefficient(c.get("term").asText());
      note("lm coef", f.coefficients(), v, "coefficients");
      note("lm se", f.se(), v, "se");
      note("lm CR1 se", f.robustSe(), v, "robust_se");
      note("lm p", new double[] {k.pValue()}, v, "p_value");
    }
    for (JsonNode c : mixed.get("lmm")) {
      JsonNode in = c.get("input");
      MixedFit f =
          RandomInterceptModel.of(
                  RFixture.vector(in.get("y")),
                  RFixture.matrix(in.get("X")),
                  RFixture.names(in.get("colnames")),
                  RFixture.strings(in.get("cluster")))
              .fit();
      FixedEffect fe = f.fixedEffect(c.get("term").asText());
      for (String set : new String[] {"values_tight", "values_default"}) {
        JsonNode v = c.get(set);
        String k = "lmm (" + set.substring(7) + ") ";
        note(k + "fixef", f.fixedEffects(), v, "fixef");
        note(k + "se", f.se(), v, "se");
        note(k + "var_cluster", new double[] {f.varCluster()}, v, "var_cluster");
        note(k + "var_residual", new double[] {f.varResidual()}, v, "var_residual");
        note(k + "REML criterion", new double[] {f.remlCriterion()}, v, "reml_criterion");
        note(k + "Satterthwaite df", new double[] {fe.df()}, v, "df_satterthwaite");
        note(k + "p", new double[] {fe.pValue()}, v, "p_value");
      }
    }
    WORST.forEach((k, w) -> System.out.printf(Locale.ROOT, "%-32s %.1e%n", k, w));
  }

  private static void note(String key, double[] actual, JsonNode values, String name) {
    double[] expected = RFixture.vector(RFixture.value(values, name));
    double worst = WORST.getOrDefault(key, 0.0);
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(actual[i] - expected[i]);
      double rel = expected[i] == 0 ? diff : diff / Math.abs(expected[i]);
      worst = Math.max(worst, rel);
    }
    WORST.put(key, worst);
  }
}
