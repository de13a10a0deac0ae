package org.odtrial.analysis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.odtrial.analysis.fixtures.RFixture;
import org.odtrial.analysis.glm.CountData;
import org.odtrial.analysis.glm.CountFit;
import org.odtrial.analysis.glm.CountRegressionAgreesWithRTest;
import org.odtrial.analysis.glm.NegativeBinomialRegression;
import org.odtrial.analysis.glm.PoissonRegression;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.LinearFit;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.KenwardRogerAgreesWithRTest;
import org.odtrial.analysis.mixed.KenwardRogerFit;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;
import org.odtrial.analysis.robust.Cr2;
import org.odtrial.analysis.robust.Cr2AgreesWithRTest;

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
    smallSample();
    WORST.forEach((k, w) -> System.out.printf(Locale.ROOT, "%-32s %.1e%n", k, w));
  }

  /** CR2 (smallsample-cr2.json), Kenward-Roger (mixed-kr.json), ML theta (counts-nb-ml.json). */
  private static void smallSample() {
    for (JsonNode c : RFixture.load("smallsample-cr2.json").get("cases")) {
      JsonNode v = c.has("values_exact") ? c.get("values_exact") : c.get("values");
      Cr2 cr2 = Cr2AgreesWithRTest.cr2(c);
      List<String> terms = RFixture.names(c.get("input").get("colnames"));
      double[] df = new double[terms.size()];
      double[] p = new double[terms.size()];
      for (int j = 0; j < terms.size(); j++) {
        df[j] = cr2.coefficient(terms.get(j)).df();
        p[j] = cr2.coefficient(terms.get(j)).pValue();
      }
      String k = "CR2 " + c.get("kind").asText() + " ";
      note(k + "se", cr2.se(), v, "se");
      note(k + "Satterthwaite df", df, v, "df");
      note(k + "p", p, v, "p_value");
    }
    for (JsonNode c : RFixture.load("mixed-kr.json").get("cases")) {
      KenwardRogerFit kr = KenwardRogerAgreesWithRTest.atRsVarianceComponents(c);
      List<String> terms = RFixture.names(c.get("input").get("colnames"));
      double[] se = new double[terms.size()];
      double[] df = new double[terms.size()];
      for (int j = 0; j < terms.size(); j++) {
        se[j] = kr.fixedEffect(terms.get(j)).se();
        df[j] = kr.fixedEffect(terms.get(j)).df();
      }
      note("KR (at lmer's components) se", se, c.get("values"), "se");
      note("KR (at lmer's components) df", df, c.get("values"), "df");
      if (!c.has("values_tight")) {
        continue;
      }
      JsonNode in = c.get("input");
      MixedFit f =
          RandomInterceptModel.of(
                  RFixture.vector(in.get("y")),
                  RFixture.matrix(in.get("X")),
                  terms,
                  RFixture.strings(in.get("groups").get(c.get("components").get(0).asText())))
              .fit();
      for (int j = 0; j < terms.size(); j++) {
        se[j] = f.kenwardRoger().fixedEffect(terms.get(j)).se();
        df[j] = f.kenwardRoger().fixedEffect(terms.get(j)).df();
      }
      for (String set : new String[] {"values_tight", "values"}) {
        String k =
            "KR (our REML fit vs lmer " + (set.equals("values") ? "default" : "tight") + ") ";
        note(k + "se", se, c.get(set), "se");
        note(k + "df", df, c.get(set), "df");
      }
    }
    for (JsonNode c : RFixture.load("counts-nb-ml.json").get("cases")) {
      if (!c.get("values").has("theta_ml")) {
        continue;
      }
      JsonNode v = c.get("values");
      CountFit f = NegativeBinomialRegression.of(CountRegressionAgreesWithRTest.data(c)).fit();
      note("NB ML theta", new double[] {f.theta()}, v, "theta_ml");
      note("NB ML coef", f.coefficients(), v, "coefficients");
      note("NB ML robust se", f.robustSe(), v, "robust_se");
      note("NB ML log-likelihood", new double[] {f.twoLogLik() / 2}, v, "loglik_ml");
    }
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
