package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;

/**
 * End to end on the example trial: upload -> derived data -> every row of the plan -> results.json,
 * compared with R's answers in expected-results.json (R 4.2.2, survival 3.5.3, MASS 7.3.58.2,
 * sandwich 3.0.2, lme4 1.1.31; the R call of each row is in analysis-results.md). Tolerances: 1e-6
 * relative for estimates, standard errors, limits, theta and variance components; 1e-4 relative for
 * p-values; 1e-8 absolute where R's value is exactly 0 (a boundary fit); counts exactly.
 */
class ExampleTrialResultsTest {
  private static final Set<String> P_VALUES = Set.of("p_value");
  private static final Set<String> EXACT = Set.of("n", "events", "clusters", "df");
  private static JsonNode expected;
  private static JsonNode actual;

  @BeforeAll
  static void run() throws Exception {
    try (InputStream in =
        ExampleTrialResultsTest.class.getResourceAsStream("/example-trial/expected-results.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    // The default plan, plus BPRS at month 12 as the example's R script computed it.
    AnalysisPlan plan =
        PlanReader.read("{\"recovery\": {\"QPR\": [12, 24], \"BPRS\": [12]}}", "example plan");
    AnalysisData data = Derivation.of(plan.horizonDays()).derive(ExampleTrialSource.upload());
    Results results = Analysis.of(plan).run(data, 1, "0".repeat(64), "1.0.0");
    actual = new ObjectMapper().readTree(ResultsJson.toJson(results));
  }

  @Test
  void everyRowOfRsAnswersIsReproduced() {
    List<String> compared = new ArrayList<>();
    for (JsonNode want : expected.get("estimates")) {
      JsonNode got = find(want);
      assertThat(got).as("row %s", key(want)).isNotNull();
      for (var f : want.properties()) {
        String name = f.getKey();
        JsonNode w = f.getValue();
        if (name.equals("id") || name.equals("arm") || name.equals("time_days")) {
          continue;
        }
        JsonNode g = got.get(name);
        assertThat(g).as("%s %s", key(want), name).isNotNull();
        if (w.isTextual() || w.isBoolean()) {
          assertThat(g).as("%s %s", key(want), name).isEqualTo(w);
        } else if (EXACT.contains(name)) {
          assertThat(g.asLong()).as("%s %s", key(want), name).isEqualTo(w.asLong());
        } else {
          double tol = P_VALUES.contains(name) ? 1e-4 : 1e-6;
          double a = g.asDouble();
          double b = w.asDouble();
          if (b == 0) {
            assertThat(Math.abs(a)).as("%s %s (R: 0)", key(want), name).isLessThanOrEqualTo(1e-8);
          } else {
            assertThat(Math.abs(a - b) / Math.abs(b))
                .as("%s %s: %s vs R %s", key(want), name, a, b)
                .isLessThanOrEqualTo(tol);
          }
        }
        compared.add(key(want) + " " + name);
      }
    }
    assertThat(compared).hasSizeGreaterThan(120);
  }

  @Test
  void rowsComeInPlanOrderWithNoneMissing() {
    List<String> ids = new ArrayList<>();
    actual.get("estimates").forEach(e -> ids.add(e.get("id").asText()));
    assertThat(ids)
        .containsSubsequence(
            "relapse.km",
            "relapse.logrank",
            "relapse.cox",
            "relapse.cox_adjusted",
            "relapse.rmst",
            "admissions.nb",
            "bed_days.nb",
            "recovery.QPR.m12",
            "recovery.QPR.m12.lmm",
            "recovery.QPR.m24",
            "recovery.QPR.m24.lmm",
            "recovery.BPRS.m12",
            "recovery.BPRS.m12.lmm",
            "meetings",
            "meetings.fidelity");
    assertThat(actual.get("plan").get("horizon_days").asInt()).isEqualTo(730);
  }

  @Test
  void boundaryFitsSayTheyAreSingular() {
    JsonNode m24 = find("recovery.QPR.m24.lmm");
    assertThat(m24.get("singular").asBoolean()).isTrue();
    assertThat(m24.get("note").asText()).contains("singular");
  }

  private static JsonNode find(String id) {
    for (JsonNode e : actual.get("estimates")) {
      if (e.get("id").asText().equals(id)) {
        return e;
      }
    }
    return null;
  }

  private static JsonNode find(JsonNode want) {
    for (JsonNode e : actual.get("estimates")) {
      if (key(e).equals(key(want))) {
        return e;
      }
    }
    return null;
  }

  private static String key(JsonNode e) {
    return e.get("id").asText()
        + (e.has("arm") ? "/" + e.get("arm").asText() : "")
        + (e.has("time_days") ? "@" + e.get("time_days").asText() : "");
  }
}
