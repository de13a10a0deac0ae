package org.odtrial.analysis.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.ingest.contract.Instrument;

class PlanReaderTest {
  @TempDir Path dir;

  @Test
  void defaultPlanIsVersion2WithTheFlatSettingsOfVersion1AndQprAndBprs() {
    AnalysisPlan p = AnalysisPlan.defaults();
    assertThat(p.name()).isEqualTo("default");
    assertThat(p.horizonDays()).isEqualTo(730);
    assertThat(p.kmTimesDays()).containsExactly(365, 730);
    assertThat(p.kmConfType()).isEqualTo("log");
    assertThat(p.covariates()).containsExactly("age", "sex", "prior_admissions");
    assertThat(p.recovery())
        .containsExactly(Map.entry("QPR", List.of(12, 24)), Map.entry("BPRS", List.of(12, 24)));
    assertThat(p.permutation()).isEqualTo(new AnalysisPlan.Permutation(10_000, 20_261_124L));
    assertThat(p.subgroups()).containsExactly("sex", "diagnosis");
    assertThat(p.toJson()).startsWith("{\n  \"plan_version\": 2,\n  \"name\": \"default\",\n");
  }

  @Test
  void aVersion1PlanIsReadAsTheVersion2DefaultWithItsFieldsOverriding() {
    String v1 =
        "{\n  \"name\": \"trial SAP v1\",\n  \"horizon_days\": 365,\n  \"km_times_days\": [180,"
            + " 365],\n  \"km_conf_type\": \"log-log\",\n  \"covariates\": [\"age\"],\n "
            + " \"recovery\": {\"BPRS\": [12]}\n}\n";
    AnalysisPlan p = PlanReader.read(v1, "v1.json");
    assertThat(p.name()).isEqualTo("trial SAP v1");
    assertThat(p.horizonDays()).isEqualTo(365);
    assertThat(p.kmConfType()).isEqualTo("log-log");
    assertThat(p.recovery()).containsExactly(Map.entry("BPRS", List.of(12)));
    assertThat(p.permutation()).isEqualTo(AnalysisPlan.defaults().permutation());
    assertThat(p.subgroups()).isEqualTo(AnalysisPlan.defaults().subgroups());
    // its estimands are the default ones, built from its own instruments and months
    assertThat(p.estimands())
        .extracting(Estimand::id)
        .containsExactly(
            "relapse",
            "relapse_or_death",
            "relapse_censored_at_death",
            "relapse_free_time",
            "admissions",
            "bed_days",
            "BPRS_m12",
            "BPRS_m12_cace");
    assertThat(p.estimand("BPRS_m12").orElseThrow().mainAnalysis())
        .isEqualTo(RowId.recovery("BPRS", 12, RecoveryAnalysis.MMRM));
    // its canonical form is a version-2 plan, which reads back to the same plan
    assertThat(p.toJson()).startsWith("{\n  \"plan_version\": 2,\n");
    AnalysisPlan again = PlanReader.read(p.toJson(), "again");
    assertThat(again).isEqualTo(p);
    assertThat(again.sha256()).isEqualTo(p.sha256());
    // every row of the default plan's kinds is computed for it
    assertThat(p.rowIds())
        .contains(
            RowId.RELAPSE_FINEGRAY,
            RowId.RELAPSE_PERMUTATION,
            RowId.coxInteraction("diagnosis"),
            RowId.recovery("BPRS", 12, RecoveryAnalysis.TIPPING));
  }

  @Test
  void aVersion2PlanWithoutEstimandsGetsTheDefaultOnesForItsInstruments() {
    AnalysisPlan p =
        PlanReader.read("{\"plan_version\": 2, \"recovery\": {\"SPS\": [6, 18]}}", "p.json");
    assertThat(p.estimands())
        .extracting(Estimand::id)
        .endsWith("SPS_m6", "SPS_m6_cace", "SPS_m18", "SPS_m18_cace");
    assertThat(p.estimand("SPS_m18").orElseThrow().label())
        .isEqualTo("Social support (SPS) at month 18");
  }

  @Test
  void theDefaultEstimandsPassTheReadersChecksForEveryInstrument() {
    // the default estimands are built in code; written out and read back, every rule checks them
    for (Instrument i : Instrument.values()) {
      AnalysisPlan p =
          PlanReader.read(
              "{\"recovery\": {\"" + i.name() + "\": [3, 12, 60]}, \"subgroups\": []}", "p");
      assertThat(PlanReader.read(p.toJson(), "written")).isEqualTo(p);
    }
    AnalysisPlan none = PlanReader.read("{\"recovery\": {}}", "p");
    assertThat(none.estimands()).hasSize(6);
    assertThat(PlanReader.read(none.toJson(), "written")).isEqualTo(none);
  }

  @Test
  void permutationSettingsOverrideOneByOne() {
    AnalysisPlan seed = PlanReader.read("{\"permutation\": {\"seed\": 7}}", "p.json");
    assertThat(seed.permutation()).isEqualTo(new AnalysisPlan.Permutation(10_000, 7));
    AnalysisPlan draws =
        PlanReader.read("{\"permutation\": {\"draws\": 50000, \"seed\": 9007199254740991}}", "p");
    assertThat(draws.permutation()).isEqualTo(new AnalysisPlan.Permutation(50_000, (1L << 53) - 1));
    assertThat(draws.toJson())
        .contains("\"permutation\": {\"draws\": 50000, \"seed\": 9007199254740991}");
    assertThat(PlanReader.read(draws.toJson(), "again")).isEqualTo(draws);
    assertThat(draws.sha256()).isNotEqualTo(AnalysisPlan.defaults().sha256());
  }

  @Test
  void subgroupsAreReadInOrderAndMayBeEmpty() {
    assertThat(PlanReader.read("{\"subgroups\": [\"diagnosis\", \"ethnicity\"]}", "p").subgroups())
        .containsExactly("diagnosis", "ethnicity");
    AnalysisPlan none = PlanReader.read("{\"subgroups\": []}", "p");
    assertThat(none.subgroups()).isEmpty();
    assertThat(none.toJson()).contains("\"subgroups\": [],\n");
    assertThat(PlanReader.read(none.toJson(), "p")).isEqualTo(none);
    assertThat(none.sha256()).isNotEqualTo(AnalysisPlan.defaults().sha256());
  }

  @Test
  void canonicalJsonReadsBackToTheSamePlanAndHash() throws Exception {
    AnalysisPlan p = AnalysisPlan.defaults();
    Path f = dir.resolve("plan.json");
    Files.writeString(f, p.toJson());
    AnalysisPlan back = PlanReader.read(f);
    assertThat(back).isEqualTo(p);
    assertThat(back.sha256()).isEqualTo(p.sha256()).hasSize(64);
  }

  @Test
  void missingKeysKeepDefaultsAndChangesChangeTheHash() throws Exception {
    Path f = dir.resolve("p.json");
    Files.writeString(
        f,
        "{\"name\": \"sensitivity\", \"horizon_days\": 365, \"recovery\": {\"QPR\": [12], \"BPRS\":"
            + " [12]}}");
    AnalysisPlan p = PlanReader.read(f);
    assertThat(p.horizonDays()).isEqualTo(365);
    assertThat(p.kmTimesDays()).containsExactly(365, 730);
    assertThat(p.recovery().keySet()).containsExactly("QPR", "BPRS");
    assertThat(p.sha256()).isNotEqualTo(AnalysisPlan.defaults().sha256());
    assertThat(AnalysisPlan.defaults().withHorizonDays(365).sha256())
        .isNotEqualTo(AnalysisPlan.defaults().sha256());
  }

  @Test
  void multipleImputationSettingsAreReadOverTheDefaults() {
    AnalysisPlan.MultipleImputation d = AnalysisPlan.defaults().multipleImputation();
    assertThat(d.imputations()).isEqualTo(20);
    assertThat(d.seed()).isEqualTo(20261124L);
    assertThat(d.tippingDeltas())
        .containsExactly(
            -10.0, -8.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0,
            10.0);
    AnalysisPlan p =
        PlanReader.read(
            "{\"multiple_imputation\": {\"imputations\": 50, \"tipping_deltas\": [-2.5, 0.1, 4]}}",
            "p");
    assertThat(p.multipleImputation())
        .isEqualTo(new AnalysisPlan.MultipleImputation(50, 20261124L, List.of(-2.5, 0.1, 4.0)));
    assertThat(p.toJson())
        .contains(
            "  \"multiple_imputation\": {\"imputations\": 50, \"seed\": 20261124,"
                + " \"tipping_deltas\": [-2.5, 0.1, 4]},\n  \"estimands\": [\n");
    AnalysisPlan back = PlanReader.read(p.toJson(), "p");
    assertThat(back).isEqualTo(p);
    assertThat(back.sha256()).isEqualTo(p.sha256()).isNotEqualTo(AnalysisPlan.defaults().sha256());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"horizon\": 730}                         | unknown key \"horizon\"",
        "{\"horizon_days\": \"730\"}                | horizon_days must be a whole number",
        "{\"horizon_days\": 0}                      | horizon_days must be a whole number of days"
            + " from 1 to 3653",
        "{\"horizon_days\": 730.5}                  | horizon_days must be a whole number",
        "{\"km_times_days\": [730, 365]}            | must be in increasing order",
        "{\"km_times_days\": [365, 365]}            | lists 365 twice",
        "{\"km_conf_type\": \"loglog\"}             | km_conf_type must be one of log, log-log,"
            + " plain",
        "{\"covariates\": [\"postcode\"]}           | covariates names \"postcode\"; covariates"
            + " are age, sex, prior_admissions, ethnicity, diagnosis",
        "{\"covariates\": [\"age\", \"age\"]}       | covariates lists \"age\" twice",
        "{\"recovery\": {\"QPRX\": [12]}}           | unknown instrument \"QPRX\"",
        "{\"recovery\": {\"QPR\": [61]}}            | recovery.QPR values must be from 1 to 60",
        "{\"subgroups\": \"sex\"}                   | subgroups must be a list such as [\"sex\","
            + " \"diagnosis\"]",
        "{\"subgroups\": [\"age\"]}                 | subgroups names \"age\"; subgroup variables"
            + " are sex, ethnicity, diagnosis",
        "{\"subgroups\": [\"sex\", \"sex\"]}        | subgroups lists \"sex\" twice",
        "{\"subgroups\": [1]}                     | subgroups must be a text in quotes, got 1",
        "{\"multiple_imputation\": 20}              | multiple_imputation must be an object",
        "{\"multiple_imputation\": {\"m\": 5}}      | unknown key \"multiple_imputation.m\";"
            + " multiple_imputation may set imputations, seed, tipping_deltas",
        "{\"multiple_imputation\": {\"imputations\": 1}} | multiple_imputation.imputations must be"
            + " from 2 to 1000, got 1",
        "{\"multiple_imputation\": {\"imputations\": 2.5}} | multiple_imputation.imputations must"
            + " be a whole number",
        "{\"multiple_imputation\": {\"seed\": -1}}  | multiple_imputation.seed must be a whole"
            + " number from 0 to 9007199254740991, got -1",
        "{\"multiple_imputation\": {\"seed\": 9007199254740992}} | multiple_imputation.seed must"
            + " be a whole number",
        "{\"multiple_imputation\": {\"tipping_deltas\": []}} | tipping_deltas must be a non-empty"
            + " list",
        "{\"multiple_imputation\": {\"tipping_deltas\": [1, 0, 2]}} | values must be non-zero",
        "{\"multiple_imputation\": {\"tipping_deltas\": [2, 1]}} | must be in increasing order"
            + " without repeats",
        "{\"multiple_imputation\": {\"tipping_deltas\": [1, 1]}} | must be in increasing order"
            + " without repeats",
        "{\"multiple_imputation\": {\"tipping_deltas\": [\"1\"]}} | must hold numbers (score"
            + " points), got \"1\"",
        "{\"multiple_imputation\": {\"tipping_deltas\": [1001]}} | within -1000 to 1000 score"
            + " points, got 1001",
        "[1, 2]                                     | must be one JSON object",
        "{\"name\": \"a\", \"name\": \"b\"}         | is not valid JSON",
        "{\"name\": \"a\"} x                        | is not valid JSON",
        "{\"name\": \"\"}                           | name must be a non-empty text",
        "{\"permutation\": 10000}                  | permutation must be an object",
        "{\"permutation\": {\"n\": 10}}             | unknown key \"permutation.n\"",
        "{\"permutation\": {\"draws\": 999}}        | permutation.draws must be from 1000 to"
            + " 10000000, got 999",
        "{\"permutation\": {\"draws\": 1e4}}        | permutation.draws must be a whole number",
        "{\"permutation\": {\"seed\": -1}}          | permutation.seed must be a whole number"
            + " from 0 to 9007199254740991",
        "{\"permutation\": {\"seed\": 9007199254740992}} | permutation.seed must be a whole"
            + " number",
        "{\"permutation\": {\"seed\": \"1\"}}       | permutation.seed must be a whole number"
      })
  void badPlansAreClearErrors(String json, String message) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, json);
    assertThatThrownBy(() -> PlanReader.read(f))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("plan bad.json: ")
        .hasMessageContaining(message);
  }

  @Test
  void missingFileIsAClearError() {
    assertThatThrownBy(() -> PlanReader.read(dir.resolve("nope.json")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("cannot read plan file");
  }
}
