package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.Estimand;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.analysis.results.RowId;

/**
 * The default plan on the example trial: every row an estimand names is in the results, and the
 * rows the plan says it computes ({@link AnalysisPlan#rowIds()}, which the plan reader checks
 * estimands against) are exactly the rows it computes.
 */
class EstimandRowsExampleTrialTest {
  private static AnalysisPlan plan;
  private static Results results;

  @BeforeAll
  static void run() {
    plan = AnalysisPlan.defaults();
    AnalysisData data =
        Derivation.of(plan.horizonDays())
            .withInstruments(plan.recovery().keySet())
            .derive(ExampleTrialSource.upload());
    results = Analysis.of(plan).run(data, 1, "0".repeat(64), "test");
  }

  @Test
  void everyRowAnEstimandNamesIsInTheResults() {
    int checked = 0;
    for (Estimand e : results.estimands()) {
      for (RowId id : e.analyses()) {
        assertThat(results.contrast(id)).as("%s: %s", e.id(), id).isPresent();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
    assertThat(results.estimands()).isEqualTo(plan.estimands());
  }

  @Test
  void theRowsThePlanSaysItComputesAreTheRowsItComputes() {
    Set<RowId> computed = new LinkedHashSet<>();
    for (Estimate e : results.estimates()) {
      if (!e.id().value().startsWith("relapse.cox.subgroup.")) {
        computed.add(e.id());
      }
    }
    Set<RowId> said = plan.rowIds();
    assertThat(computed).containsExactlyInAnyOrderElementsOf(said);
  }

  @Test
  void resultsJsonWritesEachEstimandBesideTheNumbers() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(results));
    assertThat(List.of(root.fieldNames().next())).containsExactly("results_version");
    JsonNode estimands = root.get("estimands");
    assertThat(estimands).hasSize(plan.estimands().size());
    JsonNode primary = estimands.get(0);
    assertThat(primary.get("id").asText()).isEqualTo("relapse");
    assertThat(primary.get("primary").asBoolean()).isTrue();
    assertThat(primary.get("population").asText()).isEqualTo("all_randomised");
    assertThat(primary.get("variable").get("outcome").asText()).isEqualTo("relapse");
    assertThat(primary.get("intercurrent_events").get("death").asText())
        .isEqualTo("competing_risks");
    assertThat(primary.get("intercurrent_events").get("treatment_received").asText())
        .isEqualTo("treatment_policy");
    assertThat(primary.get("summary").asText()).isEqualTo("subdistribution_hazard_ratio");
    assertThat(primary.get("main_analysis").asText()).isEqualTo("relapse.finegray");
    assertThat(primary.get("sensitivity_analyses").get(0).asText()).isEqualTo("relapse.gray");
    assertThat(estimands.get(1).get("supplementary_to").asText()).isEqualTo("relapse");
    // the estimands come before the estimates, after the plan they belong to
    List<String> keys = new java.util.ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "results_version",
            "odtrial_version",
            "data",
            "plan",
            "estimands",
            "estimates",
            "warnings");
  }
}
