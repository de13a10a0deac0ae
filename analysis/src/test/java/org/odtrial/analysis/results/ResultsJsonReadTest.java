package org.odtrial.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.estimate.Analysis;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;

/** results.json read back: the same bytes when written again, and a clear error for any other. */
class ResultsJsonReadTest {
  /**
   * Every version-2 row group, a second instrument, subgroups (the default plan's) and a
   * Kaplan-Meier time beyond follow-up, which makes rows warn.
   */
  private static final AnalysisPlan EVERY_ROW =
      PlanReader.read(
          "{\"km_times_days\": [365, 730, 1000], \"recovery\": {\"QPR\": [12, 24], \"BPRS\":"
              + " [12]}}",
          "every-row plan");

  private static Results results(List<Estimate> rows, List<String> warnings) {
    return new Results(
        "1.0.0",
        3,
        "ab".repeat(32),
        false,
        "default",
        "cd".repeat(32),
        730,
        rows,
        warnings,
        AnalysisPlan.defaults().estimands());
  }

  private static String roundTrip(Results r) {
    String json = ResultsJson.toJson(r);
    String again = ResultsJson.toJson(ResultsJson.read(json, "results.json"));
    assertThat(again).isEqualTo(json);
    return json;
  }

  @Test
  void theExampleTrialsResultsReadBackToTheSameBytes() {
    AnalysisData data = Derivation.of(EVERY_ROW.horizonDays()).derive(ExampleTrialSource.upload());
    Results r = Analysis.of(EVERY_ROW).run(data, 1, "0".repeat(64), "1.0.0");
    String json = roundTrip(r);
    Results back = ResultsJson.read(json, "results.json");
    // every kind of row is there: the plan's row ids, subgroup and interaction rows included
    assertThat(new TreeSet<>(back.estimates().stream().map(e -> e.id().value()).toList()))
        .isEqualTo(new TreeSet<>(r.estimates().stream().map(e -> e.id().value()).toList()))
        .contains(
            "relapse.cox.interaction.sex",
            "relapse.cox.subgroup.sex.male",
            "recovery.BPRS.m12.tipping",
            "relapse.permutation",
            "relapse.cif");
    assertThat(back.warnings()).isEqualTo(r.warnings()).isNotEmpty();
    assertThat(back.estimands()).isEqualTo(r.estimands()).isNotEmpty();
    // fields and numbers are the very same values; extras too, whole ones as Long
    for (int i = 0; i < r.estimates().size(); i++) {
      Estimate want = r.estimates().get(i);
      Estimate got = back.estimates().get(i);
      assertThat(withoutExtras(got)).as("row %d", i).isEqualTo(withoutExtras(want));
      assertThat(got.extras().keySet()).containsExactlyElementsOf(want.extras().keySet());
      want.extras().forEach((k, v) -> assertThat(got.extras().get(k)).isEqualTo(wider(v)));
    }
  }

  private static Estimate withoutExtras(Estimate e) {
    return new Estimate(
        e.id(),
        e.estimand(),
        e.contrast(),
        e.arm(),
        e.timeDays(),
        e.estimate(),
        e.se(),
        e.ciLow(),
        e.ciHigh(),
        e.pValue(),
        e.df(),
        e.n(),
        e.events(),
        e.clusters(),
        e.method(),
        e.note(),
        Map.of());
  }

  /** A value as JSON keeps it: whole numbers as Long, lists and maps element by element. */
  private static Object wider(Object v) {
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ResultsJsonReadTest::wider).toList();
    }
    return v;
  }

  @Test
  void everyKindOfValueReadsBackExactly() {
    List<Object> withNull = new ArrayList<>(Arrays.asList(1.5, null, -0.0));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a", 1L);
    nested.put("b", List.of("x", 2.0));
    List<Estimate> rows =
        List.of(
            Estimate.of(RowId.RELAPSE_COX, "hazard_ratio")
                .withContrast("OD vs TAU")
                .withEstimate(2.82879384806159E17)
                .withSe(1e-300)
                .withCi(0.1, 1.0 / 3)
                .withPValue(4.9e-324)
                .withDf(1.0)
                .withN(640)
                .withEvents(301)
                .withClusters(32)
                .withMethod("Cox PH, \"Efron\" ties\\ é ✓ \t\n\u0001")
                .withExtra("model_se", 730.0)
                .withExtra("allocations", 6L)
                .withExtra("exact", true)
                .withExtra("family", "negative binomial")
                .withExtra("levels", List.of("female", "male"))
                .withExtra("deltas", withNull)
                .withExtra("months", List.of(12, 24))
                .withExtra("map", nested)
                .withExtra("nothing", null),
            Estimate.of(RowId.ADMISSIONS_NB_CR2, "rate_ratio")
                .withEstimate(1.0)
                .withDf(5.734)
                .notEstimable("no events in the OD arm"),
            Estimate.of(RowId.RELAPSE_KM, "survival")
                .withArm("TAU")
                .withTimeDays(365)
                .withEstimate(-3.37298094428936)
                .withNote("a note"),
            Estimate.of(RowId.MEETINGS, "meetings_per_participant").withArm("OD"));
    String json = roundTrip(results(rows, List.of("a warning", "another: ünïcode")));
    Results back = ResultsJson.read(json, "results.json");
    Estimate cox = back.estimates().get(0);
    assertThat(cox.estimate()).isEqualTo(2.82879384806159E17);
    assertThat(cox.pValue()).isEqualTo(4.9e-324);
    assertThat(cox.df()).isEqualTo(1.0);
    assertThat(cox.method()).isEqualTo("Cox PH, \"Efron\" ties\\ é ✓ \t\n\u0001");
    assertThat(cox.extras().get("model_se")).isEqualTo(730.0);
    assertThat(cox.extras().get("allocations")).isEqualTo(6L);
    assertThat(cox.extras().get("deltas")).isEqualTo(withNull);
    assertThat((List<?>) cox.extras().get("deltas")).element(2).isEqualTo(-0.0);
    assertThat(cox.extras()).containsEntry("nothing", null).containsEntry("map", nested);
    assertThat(back.estimates().get(1).estimate()).isNull();
    assertThat(back.estimates().get(1).note()).isEqualTo("no events in the OD arm");
    assertThat(back.estimates().get(1).df()).isEqualTo(5.734);
    assertThat(back.estimates().get(2).timeDays()).isEqualTo(365);
    assertThat(back.estimands()).isEqualTo(AnalysisPlan.defaults().estimands());
  }

  @Test
  void blindedResultsSayTheyAre() {
    Results r =
        new Results(
            "1.0.0",
            2,
            "ab",
            true,
            "mine",
            "cd",
            365,
            List.of(Estimate.of(RowId.RELAPSE_COX, "hazard_ratio").withArm("Arm A")),
            List.of(),
            List.of());
    roundTrip(r);
    Results back = ResultsJson.read(ResultsJson.toJson(r), "x");
    assertThat(back.blinded()).isTrue();
    assertThat(back.load()).isEqualTo(2);
    assertThat(back.horizonDays()).isEqualTo(365);
    assertThat(back.planName()).isEqualTo("mine");
  }

  @Test
  void aFileReadsAsItsText(@TempDir Path tmp) throws Exception {
    Results r = results(List.of(Estimate.of(RowId.RELAPSE_COX, "hazard_ratio")), List.of());
    Path f = tmp.resolve("results.json");
    Files.writeString(f, ResultsJson.toJson(r), StandardCharsets.UTF_8);
    assertThat(ResultsJson.toJson(ResultsJson.read(f))).isEqualTo(ResultsJson.toJson(r));
    Path latin1 = tmp.resolve("latin1.json");
    Files.write(
        latin1, "{\"odtrial_version\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ResultsJson.read(latin1))
        .isInstanceOf(AnalysisException.class)
        .hasMessage(latin1 + ": not a results.json: the file is not UTF-8 text");
  }

  /** The reader's message for {@code json}. */
  private static String error(String json) {
    try {
      ResultsJson.read(json, "in.json");
    } catch (AnalysisException e) {
      return e.getMessage();
    }
    throw new AssertionError("read without error: " + json);
  }

  /** A valid results.json with one text replaced. */
  private static String changed(String from, String to) {
    String json =
        ResultsJson.toJson(
            results(
                List.of(
                    Estimate.of(RowId.RELAPSE_COX, "hazard_ratio")
                        .withEstimate(0.74)
                        .withSe(0.12)
                        .withN(640)),
                List.of("w")));
    assertThat(json).contains(from);
    return json.replace(from, to);
  }

  @Test
  void anythingElseIsAClearErrorNamingThePlace() {
    assertThat(error("")).isEqualTo("in.json: not a results.json: the file is empty");
    assertThat(error("   \n")).isEqualTo("in.json: not a results.json: the file is empty");
    assertThat(error("{\"results_version\": 2,"))
        .startsWith("in.json: not a results.json: invalid JSON at line 1, column");
    assertThat(error("load,sha256\n1,ab\n"))
        .startsWith(
            "in.json: not a results.json: invalid JSON at line 1, column 5: Unrecognized token"
                + " 'load'");
    assertThat(error("[1, 2]"))
        .isEqualTo(
            "in.json: not a results.json of odtrial: the file: must be an object, got a list");
    assertThat(error("{\"plan_version\": 2, \"horizon_days\": 730}"))
        .isEqualTo(
            "in.json: not a results.json of odtrial: the file: unknown key \"plan_version\"; it has"
                + " results_version, odtrial_version, data, plan, estimands, estimates, warnings");
    assertThat(error(changed("\"results_version\": 2", "\"results_version\": 1")))
        .isEqualTo(
            "in.json: not a results.json of odtrial: results_version 1 is not the version this"
                + " odtrial reads (2); run 'odtrial analyse' with this odtrial to write the"
                + " results again");
    assertThat(error(changed("\"results_version\": 2", "\"results_version\": \"2\"")))
        .contains("\"results_version\" must be a whole number");
    assertThat(error(changed("{\n  \"results_version\": 2,", "{")))
        .endsWith("the file: missing \"results_version\"");
    assertThat(
            error(
                changed(
                    "{\n  \"results_version\": 2,",
                    "{\"results_version\": 2,\n  \"results_version\": 2,")))
        .isEqualTo("in.json: not a results.json: results_version: the key is given twice");
    assertThat(error(changed("\"se\": 0.12", "\"se\": \"0.12\"")))
        .endsWith("estimates[0].se: must be a number, got \"0.12\"");
    assertThat(error(changed("\"se\": 0.12", "\"se\": null")))
        .endsWith("estimates[0].se: must be a number, got null");
    assertThat(error(changed("\"estimate\": 0.74", "\"estimate\": null")))
        .endsWith("estimates[0].estimate: null without a note saying why");
    assertThat(error(changed("\"n\": 640", "\"n\": 640.5")))
        .endsWith("estimates[0].n: must be a whole number, got 640.5");
    assertThat(error(changed("\"n\": 640", "\"n\": 99999999999999999999999")))
        .endsWith("estimates[0].n: 99999999999999999999999 is out of range");
    assertThat(error(changed("\"se\": 0.12", "\"se\": 1e999")))
        .endsWith("estimates[0].se: 1e999 is out of range");
    assertThat(error(changed("\"id\": \"relapse.cox\"", "\"id\": \"relapse cox\"")))
        .endsWith("estimates[0].id: not a results row id: relapse cox");
    assertThat(error(changed("\"load\": 3", "\"load\": 0")))
        .endsWith("data.load: must be at least 1, got 0");
    assertThat(error(changed("\"blinded\": false", "\"blinded\": \"no\"")))
        .endsWith("data.blinded: must be true or false, got \"no\"");
    assertThat(error(changed("\"blinded\": false", "\"blinded\": false, \"seal\": 1")))
        .endsWith("data: unknown key \"seal\"; it has load, sha256, blinded");
    assertThat(error(changed("\"horizon_days\": 730", "\"horizon_days\": [730]")))
        .endsWith("plan.horizon_days: must be a whole number, got a list");
    assertThat(error(changed("\"warnings\": [\n    \"w\"", "\"warnings\": [\n    7")))
        .endsWith("warnings[0]: must be a text, got 7");
    assertThat(error(changed("\"summary\": \"hazard_ratio\"", "\"summary\": \"odds_ratio\"")))
        .contains("estimands[1].summary: \"odds_ratio\" is not one of hazard_ratio,");
    assertThat(error(changed("\"primary\": true", "\"primary\": true, \"colour\": \"red\"")))
        .contains("estimands[0]: unknown key \"colour\"");
    assertThat(error(changed("\"main_analysis\": \"relapse.finegray\"", "\"main_analysis\": 3")))
        .contains("estimands[0].main_analysis: must be a text, got 3");
    assertThat(error(changed("\"w\"", "\"w\"") + "{}\n"))
        .isEqualTo("in.json: not a results.json: more JSON follows the results object");
  }
}
