package org.odtrial.analysis.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.plan.Estimand.Event;
import org.odtrial.analysis.plan.Estimand.Strategy;
import org.odtrial.analysis.results.RowId;

/**
 * The estimands of a plan file: every kind of mistake is refused with a message that names the key
 * and says what is allowed; the default plan, changed one value at a time, is the starting point.
 * Estimands of the default plan, by index: 0 relapse, 1 relapse_or_death, 2
 * relapse_censored_at_death, 3 relapse_free_time, 4 admissions, 5 bed_days, 6 QPR_m12, 7
 * QPR_m12_cace, 8 QPR_m24, ..., 10 BPRS_m12, ...
 */
class EstimandReaderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** The default plan as a JSON tree, changed by {@code change}. */
  private static String plan(Consumer<ObjectNode> change) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(AnalysisPlan.defaults().toJson());
    change.accept(root);
    return MAPPER.writeValueAsString(root);
  }

  private static ObjectNode estimand(ObjectNode root, int i) {
    return (ObjectNode) root.get("estimands").get(i);
  }

  private static Arguments bad(String what, Consumer<ObjectNode> change, String message) {
    return Arguments.of(what, change, message);
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        bad(
            "estimands without plan_version",
            r -> r.remove("plan_version"),
            "estimands are a version-2 key: the plan must say \"plan_version\": 2"),
        bad(
            "plan_version 1",
            r -> r.put("plan_version", 1),
            "plan_version must be 2, got 1 (a version-1 plan has no plan_version: leave the key"
                + " out)"),
        bad("plan_version as text", r -> r.put("plan_version", "2"), "plan_version must be 2"),
        bad(
            "estimands not a list",
            r -> r.putObject("estimands"),
            "estimands: must be a non-empty list of estimands"),
        bad(
            "no estimands",
            r -> r.putArray("estimands"),
            "estimands: must be a non-empty list of estimands"),
        bad(
            "an estimand that is not an object",
            r -> ((ArrayNode) r.get("estimands")).set(0, 5),
            "estimands[0]: must be an object with the keys id, label, primary"),
        bad(
            "unknown key",
            r -> estimand(r, 1).put("strategy", "composite"),
            "estimands[1]: unknown key \"strategy\"; an estimand may set id, label, primary,"
                + " supplementary_to, population"),
        bad(
            "missing summary",
            r -> estimand(r, 0).remove("summary"),
            "estimands[0]: missing \"summary\"; every estimand names id, label, primary,"
                + " population, variable, intercurrent_events, summary, main_analysis"),
        bad(
            "id not starting with a letter",
            r -> estimand(r, 0).put("id", "1relapse"),
            "estimands[0].id: must start with a letter"),
        bad(
            "id twice",
            r -> estimand(r, 1).put("id", "relapse"),
            "estimands[1].id: \"relapse\" is also the id of estimands[0]"),
        bad(
            "empty label",
            r -> estimand(r, 0).put("label", " "),
            "estimands[0].label: must be a non-empty text of at most 200 characters"),
        bad(
            "primary as text",
            r -> estimand(r, 0).put("primary", "yes"),
            "estimands[0].primary: must be true or false, got \"yes\""),
        bad(
            "another population",
            r -> estimand(r, 0).put("population", "per_protocol"),
            "estimands[0].population: \"per_protocol\" is not one of all_randomised (all"
                + " randomised participants, analysed in the arm they were randomised to"),
        bad(
            "variable as text",
            r -> estimand(r, 0).put("variable", "relapse"),
            "estimands[0].variable: must be an object such as {\"outcome\": \"relapse\"}"),
        bad(
            "variable with an unknown key",
            r -> ((ObjectNode) estimand(r, 0).get("variable")).put("timepoint", 730),
            "estimands[0].variable: unknown key \"timepoint\"; a variable may set outcome,"
                + " instrument, month"),
        bad(
            "variable without outcome",
            r -> ((ObjectNode) estimand(r, 0).get("variable")).remove("outcome"),
            "estimands[0].variable: missing \"outcome\" (one of relapse, admissions, bed_days,"
                + " score)"),
        bad(
            "unknown outcome",
            r -> ((ObjectNode) estimand(r, 0).get("variable")).put("outcome", "remission"),
            "estimands[0].variable.outcome: \"remission\" is not one of relapse, admissions,"
                + " bed_days, score"),
        bad(
            "relapse with a month",
            r -> ((ObjectNode) estimand(r, 0).get("variable")).put("month", 12),
            "estimands[0].variable.month: applies to a score only; relapse is analysed up to the"
                + " plan's horizon_days"),
        bad(
            "score without a month",
            r -> ((ObjectNode) estimand(r, 6).get("variable")).remove("month"),
            "estimands[6].variable: a score names its instrument and month"),
        bad(
            "score month as text",
            r -> ((ObjectNode) estimand(r, 6).get("variable")).put("month", "12"),
            "estimands[6].variable.month: must be a whole number, got \"12\""),
        bad(
            "instrument the plan does not analyse",
            r -> ((ObjectNode) estimand(r, 6).get("variable")).put("instrument", "SPS"),
            "estimands[6].variable.instrument: \"SPS\" is not analysed by this plan: the recovery"
                + " key decides which instruments and months are analysed, and it names QPR,"
                + " BPRS; add it there"),
        bad(
            "month the plan does not analyse",
            r -> ((ObjectNode) estimand(r, 6).get("variable")).put("month", 6),
            "estimands[6].variable.month: QPR at month 6 is not analysed by this plan:"
                + " recovery.QPR lists 12, 24; add the month there"),
        bad(
            "withdrawal as an intercurrent event",
            r -> ((ObjectNode) estimand(r, 6).get("intercurrent_events")).put("withdrawal", "x"),
            "estimands[6].intercurrent_events: unknown event \"withdrawal\"; the intercurrent"
                + " events are death, treatment_received (a missed interview is missing data,"
                + " not an intercurrent event: see missing_data)"),
        bad(
            "no strategy for treatment received",
            r ->
                ((ObjectNode) estimand(r, 0).get("intercurrent_events"))
                    .remove("treatment_received"),
            "estimands[0].intercurrent_events: missing \"treatment_received\": an estimand says"
                + " how it handles each intercurrent event (death, treatment_received)"),
        bad(
            "unknown strategy",
            r -> ((ObjectNode) estimand(r, 0).get("intercurrent_events")).put("death", "ignore"),
            "estimands[0].intercurrent_events.death: \"ignore\" is not one of hypothetical,"
                + " composite, competing_risks, while_alive, treatment_policy, principal_stratum"),
        bad(
            "while alive for relapse",
            r ->
                ((ObjectNode) estimand(r, 0).get("intercurrent_events"))
                    .put("death", "while_alive"),
            "estimands[0].intercurrent_events.death: \"while_alive\" is not a strategy odtrial's"
                + " rows implement for relapse; allowed: hypothetical, composite, competing_risks"
                + " (for time to relapse the while-alive strategy is competing_risks"),
        bad(
            "composite for admissions",
            r -> ((ObjectNode) estimand(r, 4).get("intercurrent_events")).put("death", "composite"),
            "estimands[4].intercurrent_events.death: \"composite\" is not a strategy odtrial's"
                + " rows implement for admissions; allowed: while_alive (hospital use is counted"
                + " over follow-up, which ends at death"),
        bad(
            "competing risks for a score",
            r ->
                ((ObjectNode) estimand(r, 6).get("intercurrent_events"))
                    .put("death", "competing_risks"),
            "estimands[6].intercurrent_events.death: \"competing_risks\" is not a strategy"
                + " odtrial's rows implement for QPR at month 12; allowed: hypothetical (there is"
                + " no score after death"),
        bad(
            "CACE for relapse",
            r ->
                ((ObjectNode) estimand(r, 0).get("intercurrent_events"))
                    .put("treatment_received", "principal_stratum"),
            "estimands[0].intercurrent_events.treatment_received: \"principal_stratum\" is not a"
                + " strategy odtrial's rows implement for relapse; allowed: treatment_policy (the"
                + " complier average causal effect is computed for questionnaire scores"),
        bad(
            "missing data for relapse",
            r -> estimand(r, 0).put("missing_data", "missing_at_random"),
            "estimands[0].missing_data: relapse comes from service records, not interviews;"
                + " missing_data applies to scores only"),
        bad(
            "a score without missing data",
            r -> estimand(r, 6).remove("missing_data"),
            "estimands[6]: missing \"missing_data\": a score's estimand says how its main"
                + " analysis handles missed interviews"),
        bad(
            "missing not at random for a main analysis",
            r -> estimand(r, 6).put("missing_data", "missing_not_at_random"),
            "estimands[6].missing_data: \"missing_not_at_random\" is the assumption of a"
                + " sensitivity analysis"),
        bad(
            "unknown summary",
            r -> estimand(r, 0).put("summary", "odds_ratio"),
            "estimands[0].summary: \"odds_ratio\" is not one of hazard_ratio,"
                + " subdistribution_hazard_ratio, rmst_difference, rate_ratio, mean_difference"),
        bad(
            "a summary no row estimates for the strategy",
            r -> estimand(r, 0).put("summary", "hazard_ratio"),
            "estimands[0].summary: \"hazard_ratio\" is not estimated by any row for relapse with"
                + " death competing_risks and treatment_received treatment_policy; allowed:"
                + " subdistribution_hazard_ratio"),
        bad(
            "main analysis not a row id",
            r -> estimand(r, 0).put("main_analysis", "relapse cox"),
            "estimands[0].main_analysis: must be a results row id such as \"relapse.cox\", got"
                + " \"relapse cox\""),
        bad(
            "main analysis not computed",
            r -> estimand(r, 2).put("main_analysis", "relapse.coxx"),
            "estimands[2].main_analysis: \"relapse.coxx\" is not a row this plan computes"
                + " (docs/results.md lists every row id)"),
        bad(
            "main analysis at a month not analysed",
            r -> estimand(r, 6).put("main_analysis", "recovery.QPR.m6.mmrm"),
            "estimands[6].main_analysis: \"recovery.QPR.m6.mmrm\" is not a row this plan computes"
                + " (month 6 of QPR is not in recovery.QPR)"),
        bad(
            "main analysis of an instrument not analysed",
            r -> estimand(r, 6).put("main_analysis", "recovery.SPS.m12.mmrm"),
            "(SPS is not in recovery)"),
        bad(
            "a subgroup row",
            r -> estimand(r, 2).put("main_analysis", "relapse.cox.subgroup.sex.female"),
            "\"relapse.cox.subgroup.sex.female\" is not a row this plan computes (a subgroup's"
                + " hazard ratio is for another population"),
        bad(
            "a per-arm row",
            r -> estimand(r, 2).put("main_analysis", "relapse.km.robust"),
            "estimands[2].main_analysis: \"relapse.km.robust\" is Kaplan-Meier survival per arm,"
                + " not an analysis of the arm effect"),
        bad(
            "an assumption check",
            r -> estimand(r, 2).put("main_analysis", "relapse.ph_test"),
            "\"relapse.ph_test\" is the proportional-hazards check, not an analysis of the arm"
                + " effect"),
        bad(
            "delivery",
            r -> estimand(r, 2).put("main_analysis", "meetings"),
            "\"meetings\" is network meetings, not an analysis of the arm effect"),
        bad(
            "another variable",
            r -> estimand(r, 2).put("main_analysis", "admissions.nb"),
            "estimands[2].main_analysis: \"admissions.nb\" analyses admissions, this estimand's"
                + " variable is relapse"),
        bad(
            "a test as main analysis",
            r ->
                estimand(r, 0)
                    .put("main_analysis", "relapse.gray")
                    .putArray("sensitivity_analyses"),
            "estimands[0].main_analysis: \"relapse.gray\" is Gray's test (ignores clustering),"
                + " which does not estimate the subdistribution hazard ratio; a main analysis"
                + " estimates the estimand's summary (rows: relapse.finegray); list it under"
                + " sensitivity_analyses"),
        bad(
            "the tipping point as main analysis",
            r ->
                estimand(r, 6)
                    .put("main_analysis", "recovery.QPR.m12.tipping")
                    .putArray("sensitivity_analyses"),
            "\"recovery.QPR.m12.tipping\" is the tipping-point analysis, which does not estimate"
                + " the mean difference"),
        bad(
            "main analysis of another summary",
            r -> estimand(r, 2).put("main_analysis", "relapse.rmst.robust"),
            "estimands[2].main_analysis: \"relapse.rmst.robust\" estimates rmst_difference, this"
                + " estimand's summary is hazard_ratio (rows: relapse.cox, relapse.cox_adjusted,"
                + " relapse.cox_stratified)"),
        bad(
            "main analysis of complete cases under missing at random",
            r ->
                estimand(r, 6)
                    .put("main_analysis", "recovery.QPR.m12.cr2")
                    .putArray("sensitivity_analyses"),
            "estimands[6].main_analysis: \"recovery.QPR.m12.cr2\" analyses complete_cases, this"
                + " estimand's missing_data is missing_at_random (rows: recovery.QPR.m12.mmrm,"
                + " recovery.QPR.m12.mi)"),
        bad(
            "sensitivity analyses not a list",
            r -> estimand(r, 0).put("sensitivity_analyses", "relapse.gray"),
            "estimands[0].sensitivity_analyses: must be a list of results row ids"),
        bad(
            "a sensitivity analysis twice",
            r -> ((ArrayNode) estimand(r, 0).get("sensitivity_analyses")).add("relapse.gray"),
            "estimands[0].sensitivity_analyses[1]: \"relapse.gray\" is listed twice"),
        bad(
            "the main analysis as a sensitivity analysis",
            r -> ((ArrayNode) estimand(r, 0).get("sensitivity_analyses")).add("relapse.finegray"),
            "estimands[0].sensitivity_analyses[1]: \"relapse.finegray\" is the main analysis"),
        bad(
            "the composite as a sensitivity analysis of competing risks",
            r ->
                ((ArrayNode) estimand(r, 0).get("sensitivity_analyses"))
                    .add("relapse_or_death.cox"),
            "estimands[0].sensitivity_analyses[1]: \"relapse_or_death.cox\" handles death by the"
                + " composite strategy, this estimand by competing_risks: an analysis of another"
                + " estimand is a supplementary analysis; write it as an estimand of its own with"
                + " \"supplementary_to\": \"relapse\""),
        bad(
            "another summary as a sensitivity analysis",
            r ->
                ((ArrayNode) estimand(r, 2).get("sensitivity_analyses")).add("relapse.rmst.robust"),
            "estimands[2].sensitivity_analyses[4]: \"relapse.rmst.robust\" estimates"
                + " rmst_difference, this estimand's summary is hazard_ratio: another summary is"
                + " another estimand, so its analysis is a supplementary analysis; write it as an"
                + " estimand of its own with \"supplementary_to\": \"relapse\""),
        bad(
            "CACE as a sensitivity analysis of treatment policy",
            r ->
                ((ArrayNode) estimand(r, 6).get("sensitivity_analyses"))
                    .add("recovery.QPR.m12.cace"),
            "estimands[6].sensitivity_analyses[4]: \"recovery.QPR.m12.cace\" handles"
                + " treatment_received by the principal_stratum strategy, this estimand by"
                + " treatment_policy: an analysis of another estimand is a supplementary analysis;"
                + " write it as an estimand of its own with \"supplementary_to\": \"QPR_m12\""),
        bad(
            "another month as a sensitivity analysis",
            r ->
                ((ArrayNode) estimand(r, 6).get("sensitivity_analyses")).add("recovery.QPR.m24.mi"),
            "estimands[6].sensitivity_analyses[4]: \"recovery.QPR.m24.mi\" analyses QPR at month"
                + " 24, this estimand's variable is QPR at month 12"),
        bad(
            "supplementary_to an unknown estimand",
            r -> estimand(r, 1).put("supplementary_to", "relapsee"),
            "estimands[1].supplementary_to: \"relapsee\" is not the id of an estimand of this"
                + " plan; ids: relapse, relapse_or_death"),
        bad(
            "supplementary_to itself",
            r -> estimand(r, 1).put("supplementary_to", "relapse_or_death"),
            "estimands[1].supplementary_to: an estimand does not supplement itself"),
        bad(
            "supplementary_to a supplementary estimand",
            r -> estimand(r, 2).put("supplementary_to", "relapse_or_death"),
            "estimands[2].supplementary_to: \"relapse_or_death\" is itself supplementary (to"
                + " \"relapse\"); name the estimand it supplements"),
        bad(
            "supplementary_to as a number",
            r -> estimand(r, 1).put("supplementary_to", 0),
            "estimands[1].supplementary_to: must be a text in quotes, got 0"),
        bad(
            "a primary supplementary estimand",
            r -> estimand(r, 1).put("primary", true),
            "estimands[1].supplementary_to: a primary estimand supplements none"),
        bad(
            "a supplementary estimand of another variable",
            r -> estimand(r, 4).put("supplementary_to", "relapse"),
            "estimands[4].supplementary_to: a supplementary estimand asks \"relapse\"'s question"
                + " another way, so its variable is the same (relapse), not admissions"),
        bad(
            "a supplementary estimand that is the same estimand",
            r -> {
              ObjectNode e = estimand(r, 1);
              ((ObjectNode) e.get("intercurrent_events")).put("death", "competing_risks");
              e.put("summary", "subdistribution_hazard_ratio");
              e.put("main_analysis", "relapse.finegray");
            },
            "estimands[1]: defines the same estimand as estimands[0] (\"relapse\"): same"
                + " variable, strategies and summary; list its analyses as that estimand's"
                + " sensitivity analyses"),
        bad(
            "no primary estimand",
            r -> estimand(r, 0).put("primary", false),
            "estimands: no estimand is primary; mark the primary one \"primary\": true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void everyKindOfMistakeNamesTheKeyAndWhatIsAllowed(
      String what, Consumer<ObjectNode> change, String message) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, plan(change));
    assertThatThrownBy(() -> PlanReader.read(f))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("plan bad.json: ")
        .hasMessageContaining(message);
  }

  @Test
  void aPlanWithItsOwnEstimandsKeepsThemInItsOrder() throws Exception {
    String json =
        "{\"plan_version\": 2, \"recovery\": {\"QPR\": [12]}, \"estimands\": [\n"
            + "{\"id\": \"qpr\", \"label\": \"Recovery at 12 months\", \"primary\": true,"
            + " \"population\": \"all_randomised\", \"variable\": {\"month\": 12, \"instrument\":"
            + " \"QPR\", \"outcome\": \"score\"}, \"intercurrent_events\": {\"treatment_received\":"
            + " \"treatment_policy\", \"death\": \"hypothetical\"}, \"missing_data\":"
            + " \"complete_cases\", \"summary\": \"mean_difference\", \"main_analysis\":"
            + " \"recovery.QPR.m12.cr2\", \"sensitivity_analyses\": [\"recovery.QPR.m12.mmrm\","
            + " \"recovery.QPR.m12.tipping\"]},\n"
            + "{\"id\": \"relapse\", \"label\": \"Relapse\", \"primary\": true, \"population\":"
            + " \"all_randomised\", \"variable\": {\"outcome\": \"relapse\"},"
            + " \"intercurrent_events\": {\"death\": \"hypothetical\", \"treatment_received\":"
            + " \"treatment_policy\"}, \"summary\": \"hazard_ratio\", \"main_analysis\":"
            + " \"relapse.cox_stratified\"}]}";
    AnalysisPlan p = PlanReader.read(json, "own.json");
    assertThat(p.estimands()).extracting(Estimand::id).containsExactly("qpr", "relapse");
    Estimand qpr = p.estimands().get(0);
    assertThat(qpr.primary()).isTrue();
    assertThat(qpr.supplementary()).isFalse();
    assertThat(qpr.intercurrentEvents())
        .containsExactly(
            java.util.Map.entry(Event.DEATH, Strategy.HYPOTHETICAL),
            java.util.Map.entry(Event.TREATMENT_RECEIVED, Strategy.TREATMENT_POLICY));
    assertThat(qpr.analyses())
        .extracting(RowId::value)
        .containsExactly(
            "recovery.QPR.m12.cr2", "recovery.QPR.m12.mmrm", "recovery.QPR.m12.tipping");
    assertThat(p.estimands().get(1).sensitivityAnalyses()).isEmpty();
    // canonical: keys in their fixed order, whatever order the file used; reads back the same
    String canonical = p.toJson();
    assertThat(canonical)
        .contains(
            "      \"variable\": {\"outcome\": \"score\", \"instrument\": \"QPR\", \"month\":"
                + " 12},\n"
                + "      \"intercurrent_events\": {\"death\": \"hypothetical\","
                + " \"treatment_received\": \"treatment_policy\"},\n"
                + "      \"missing_data\": \"complete_cases\",\n")
        .contains("      \"sensitivity_analyses\": []\n    }\n  ]\n}\n");
    assertThat(PlanReader.read(canonical, "again")).isEqualTo(p);
    assertThat(PlanReader.read(canonical, "again").sha256()).isEqualTo(p.sha256());
  }

  @Test
  void theEstimandsAreCheckedAgainstTheFlatSettingsOfTheSameFile() {
    // recovery read from the same file decides which score estimands are allowed
    String onlyQpr12 =
        "{\"plan_version\": 2, \"recovery\": {\"QPR\": [12]}, \"estimands\": "
            + estimandsOf(AnalysisPlan.defaults())
            + "}";
    assertThatThrownBy(() -> PlanReader.read(onlyQpr12, "p.json"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("estimands[8].variable.month: QPR at month 24 is not analysed");
  }

  @Test
  void subgroupVariablesDecideWhichInteractionRowsExist() {
    AnalysisPlan p = PlanReader.read("{\"subgroups\": [\"ethnicity\"]}", "p");
    assertThat(p.rowIds())
        .contains(RowId.coxInteraction("ethnicity"))
        .doesNotContain(RowId.coxInteraction("sex"));
  }

  private static String estimandsOf(AnalysisPlan p) {
    String json = p.toJson();
    return json.substring(json.indexOf("\"estimands\": ") + 13, json.lastIndexOf('}'));
  }

  @Test
  void estimandFieldsAreTheCanonicalKeysInOrder() {
    assertThat(AnalysisPlan.defaults().estimands().get(1).fields().keySet())
        .containsExactly(
            "id",
            "label",
            "primary",
            "supplementary_to",
            "population",
            "variable",
            "intercurrent_events",
            "summary",
            "main_analysis",
            "sensitivity_analyses");
    assertThat(List.copyOf(AnalysisPlan.defaults().estimands().get(6).fields().keySet()))
        .contains("missing_data");
  }
}
