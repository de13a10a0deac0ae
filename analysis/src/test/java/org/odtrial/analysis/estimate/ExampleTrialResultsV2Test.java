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
 * End to end on the example trial: the version-2 rows against R's answers in
 * expected-results-v2.json (R 4.2.2; survival 3.5.3; MASS 7.3.58.2; sandwich 3.0.2; lme4 1.1.31;
 * lmerTest 3.1.3; pbkrtest 0.5.2; clubSandwich 0.5.8; cmprsk 2.2.11; AER 1.2.10; each row's R call
 * is its {@code r_call}). Tolerances: 1e-6 relative for estimates, standard errors, limits and df;
 * 1e-4 relative for p-values; 1e-8 absolute where R gives exactly 0; counts, flags, labels and
 * lists exactly. A row R could not estimate ({@code "estimate": null}) must be null here too, with
 * a note. Where R's lmer stopped short of the REML optimum, the row carries R's re-minimised point
 * ({@code r_opt_*}) and that is the reference.
 */
class ExampleTrialResultsV2Test {
  private static final Set<String> SKIP = Set.of("id", "arm", "time_days", "note", "method");
  private static final Set<String> P_VALUES = Set.of("p_value");
  private static final Set<String> COUNTS =
      Set.of(
          "n",
          "events",
          "clusters",
          "allocations",
          "compliers",
          "competing_events",
          "deaths",
          "observations",
          "sites",
          "sites_with_both_arms");

  private static JsonNode expected;
  private static JsonNode actual;

  @BeforeAll
  static void run() throws Exception {
    try (InputStream in =
        ExampleTrialResultsV2Test.class.getResourceAsStream(
            "/example-trial/expected-results-v2.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    // The version-1 default plan plus BPRS at month 12, as the example's R script ran it; read as
    // the version-2 default with these fields overriding.
    AnalysisPlan plan =
        PlanReader.read("{\"recovery\": {\"QPR\": [12, 24], \"BPRS\": [12]}}", "example plan");
    AnalysisData data = Derivation.of(plan.horizonDays()).derive(ExampleTrialSource.upload());
    Results results = Analysis.of(plan).run(data, 1, "0".repeat(64), "1.0.0");
    actual = new ObjectMapper().readTree(ResultsJson.toJson(results));
  }

  @Test
  void resultsSayVersion2() {
    assertThat(actual.get("results_version").asInt()).isEqualTo(2);
  }

  @Test
  void everyRowOfRsAnswersIsReproduced() {
    List<String> compared = new ArrayList<>();
    int rows = 0;
    for (JsonNode want : expected.get("estimates")) {
      rows++;
      JsonNode got = find(want);
      assertThat(got).as("row %s", key(want)).isNotNull();
      boolean reminimised = want.has("r_opt_estimate");
      for (var f : want.properties()) {
        String name = f.getKey();
        if (SKIP.contains(name) || name.startsWith("r_")) {
          continue;
        }
        JsonNode w =
            reminimised && want.has("r_opt_" + name) ? want.get("r_opt_" + name) : f.getValue();
        JsonNode g = got.get(name);
        String what = key(want) + " " + name;
        if (w.isNull()) {
          assertThat(g == null || g.isNull()).as(what + " (R: null)").isTrue();
          assertThat(got.get("note")).as(key(want) + " note").isNotNull();
          compared.add(what);
          continue;
        }
        assertThat(g).as(what).isNotNull();
        if (w.isTextual() || w.isBoolean() || w.isArray()) {
          assertThat(g).as(what).isEqualTo(w);
        } else if (COUNTS.contains(name)) {
          assertThat(g.asLong()).as(what).isEqualTo(w.asLong());
        } else {
          double tol = P_VALUES.contains(name) ? 1e-4 : 1e-6;
          double a = g.asDouble();
          double b = w.asDouble();
          if (b == 0) {
            assertThat(Math.abs(a)).as(what + " (R: 0)").isLessThanOrEqualTo(1e-8);
          } else {
            assertThat(Math.abs(a - b) / Math.abs(b))
                .as("%s: %s vs R %s", what, a, b)
                .isLessThanOrEqualTo(tol);
          }
        }
        compared.add(what);
      }
    }
    assertThat(compared.size()).as("fields compared").isGreaterThanOrEqualTo(rows);
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
