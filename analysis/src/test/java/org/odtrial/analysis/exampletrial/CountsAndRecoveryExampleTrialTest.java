package org.odtrial.analysis.exampletrial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.analysis.descriptive.Summary;
import org.odtrial.analysis.fixtures.ExampleTrial;
import org.odtrial.analysis.glm.CountData;
import org.odtrial.analysis.glm.CountFit;
import org.odtrial.analysis.glm.NegativeBinomialRegression;
import org.odtrial.analysis.glm.RateRatio;
import org.odtrial.analysis.linear.Coefficient;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;

/**
 * The example trial's counts, recovery and meetings rows of expected-results.json (copied unchanged
 * from /work/shared/specs/example-trial), computed from its CSV files: 1e-6 relative for estimates,
 * se, theta and variance components, 1e-4 for p-values.
 */
class CountsAndRecoveryExampleTrialTest {
  private static final List<Map<String, String>> DERIVED = ExampleTrial.read("derived.csv");
  private static final List<String> TERMS2 = List.of("(Intercept)", "armOD");
  private static final List<String> TERMS3 = List.of("(Intercept)", "armOD", "score_0");

  static JsonNode expected(String id) {
    try (InputStream in =
        CountsAndRecoveryExampleTrialTest.class.getResourceAsStream(
            "/example-trial/expected-results.json")) {
      for (JsonNode e : new ObjectMapper().readTree(in).get("estimates")) {
        if (e.get("id").asText().equals(id)) {
          return e;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException(id);
  }

  static double od(Map<String, String> row) {
    return row.get("arm").equals("OD") ? 1 : 0;
  }

  static String[] clusters() {
    return DERIVED.stream().map(r -> r.get("cluster_id")).toArray(String[]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {"admissions", "bed_days"})
  void negativeBinomialRateRatio(String outcome) {
    int n = DERIVED.size();
    double[] y = new double[n];
    double[] offset = new double[n];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      Map<String, String> r = DERIVED.get(i);
      y[i] = Double.parseDouble(r.get(outcome));
      offset[i] = Math.log(Double.parseDouble(r.get("followup_years")));
      x[i] = new double[] {1, od(r)};
    }
    CountFit fit =
        NegativeBinomialRegression.of(
                CountData.of(y, x, TERMS2).withOffset(offset).withClusters(clusters()))
            .fit();
    RateRatio rr = fit.rateRatio("armOD");
    JsonNode e = expected(outcome + ".nb");

    assertRelative("rate ratio", rr.estimate(), e.get("estimate").asDouble(), 1e-6);
    assertRelative("se", rr.se(), e.get("se").asDouble(), 1e-6);
    assertRelative("model se", rr.modelSe(), e.get("model_se").asDouble(), 1e-6);
    assertRelative("ci low", rr.ciLow(), e.get("ci_low").asDouble(), 1e-6);
    assertRelative("ci high", rr.ciHigh(), e.get("ci_high").asDouble(), 1e-6);
    assertRelative("p", rr.pValue(), e.get("p_value").asDouble(), 1e-4);
    assertRelative("theta", fit.theta(), e.get("theta").asDouble(), 1e-6);
    assertThat(fit.n()).isEqualTo(e.get("n").asInt());
    assertThat(fit.clusters()).isEqualTo(12);
  }

  /** y = score at month m, baseline = score at month 0, NaN when not assessed. */
  static double[][] recovery(String instrument, int month) {
    Map<String, double[]> scores = new HashMap<>();
    for (Map<String, String> o : ExampleTrial.read("outcomes.csv")) {
      if (!o.get("instrument").equals(instrument)) {
        continue;
      }
      int t = Integer.parseInt(o.get("timepoint"));
      if (t != 0 && t != month) {
        continue;
      }
      double[] s =
          scores.computeIfAbsent(
              o.get("participant_id"), k -> new double[] {Double.NaN, Double.NaN});
      s[t == 0 ? 0 : 1] = Double.parseDouble(o.get("score"));
    }
    double[][] out = new double[DERIVED.size()][];
    for (int i = 0; i < out.length; i++) {
      double[] s =
          scores.getOrDefault(
              DERIVED.get(i).get("participant_id"), new double[] {Double.NaN, Double.NaN});
      out[i] = new double[] {s[1], 1, od(DERIVED.get(i)), s[0]};
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"QPR,12", "QPR,24", "BPRS,12"})
  void ancovaAndMixedModel(String instrument, int month) {
    double[][] rows = recovery(instrument, month);
    double[] y = new double[rows.length];
    double[][] x = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      y[i] = rows[i][0];
      x[i] = new double[] {rows[i][1], rows[i][2], rows[i][3]};
    }
    String id = "recovery." + instrument + ".m" + month;

    Coefficient lm =
        LinearRegression.of(y, x, TERMS3).withClusters(clusters()).fit().coefficient("armOD");
    JsonNode e = expected(id);
    assertRelative(id + " estimate", lm.estimate(), e.get("estimate").asDouble(), 1e-6);
    assertRelative(id + " se", lm.se(), e.get("se").asDouble(), 1e-6);
    assertThat(lm.n()).isEqualTo(e.get("n").asInt());
    assertThat(lm.clusters()).isEqualTo(e.get("clusters").asInt());

    MixedFit mm = RandomInterceptModel.of(y, x, TERMS3, clusters()).fit();
    FixedEffect fe = mm.fixedEffect("armOD");
    JsonNode m = expected(id + ".lmm");
    assertRelative(id + ".lmm estimate", fe.estimate(), m.get("estimate").asDouble(), 1e-6);
    assertRelative(id + ".lmm se", fe.se(), m.get("se").asDouble(), 1e-6);
    assertRelative(id + ".lmm var_cluster", mm.varCluster(), m.get("var_cluster").asDouble(), 1e-6);
    assertRelative(
        id + ".lmm var_residual", mm.varResidual(), m.get("var_residual").asDouble(), 1e-6);
    assertRelative(id + ".lmm icc", mm.icc(), m.get("icc").asDouble(), 1e-6);
    assertThat(mm.n()).isEqualTo(m.get("n").asInt());
    assertThat(mm.singular()).isEqualTo(m.get("singular").asBoolean());
  }

  @Test
  void meetingsPerParticipantByArm() {
    Map<String, Integer> counts = ExampleTrial.meetingsPerParticipant();
    for (String arm : List.of("OD", "TAU")) {
      List<Double> values = new ArrayList<>();
      for (Map<String, String> r : DERIVED) {
        if (r.get("arm").equals(arm)) {
          values.add((double) counts.get(r.get("participant_id")));
        }
      }
      Summary s = Summary.of(values.stream().mapToDouble(Double::doubleValue).toArray());
      JsonNode e = null;
      for (JsonNode c : expectedAll("meetings")) {
        if (c.get("arm").asText().equals(arm)) {
          e = c;
        }
      }
      assertThat(e).isNotNull();
      assertRelative(arm + " mean", s.mean(), e.get("mean").asDouble(), 1e-12);
      assertRelative(arm + " sd", s.sd(), e.get("sd").asDouble(), 1e-12);
      assertRelative(arm + " median", s.median(), e.get("median").asDouble(), 1e-12);
      assertRelative(arm + " q1", s.q1(), e.get("q1").asDouble(), 1e-12);
      assertRelative(arm + " q3", s.q3(), e.get("q3").asDouble(), 1e-12);
      assertRelative(arm + " share", s.shareAboveZero(), e.get("share_any").asDouble(), 1e-12);
    }
  }

  static List<JsonNode> expectedAll(String id) {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in =
        CountsAndRecoveryExampleTrialTest.class.getResourceAsStream(
            "/example-trial/expected-results.json")) {
      for (JsonNode e : new ObjectMapper().readTree(in).get("estimates")) {
        if (e.get("id").asText().equals(id)) {
          out.add(e);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
