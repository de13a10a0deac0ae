package org.odtrial.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.Estimand;

class ResultsTableTest {
  private static final Estimate FINEGRAY =
      Estimate.of(RowId.RELAPSE_FINEGRAY, "subdistribution_hazard_ratio")
          .withContrast("OD vs TAU")
          .withEstimate(0.8637)
          .withSe(0.2014)
          .withCi(0.582, 1.282)
          .withPValue(0.467)
          .withN(600);
  private static final Estimate GRAY =
      Estimate.of(RowId.RELAPSE_GRAY, "chisq").withEstimate(1.423).withDf(1.0).withPValue(0.233);
  private static final Estimate KR =
      Estimate.of(RowId.ADMISSIONS_NB_CR2, "rate_ratio")
          .withEstimate(0.9094)
          .withCi(0.5055, 1.636)
          .withSe(0.2755)
          .withDf(14.9812)
          .withPValue(0.735);
  private static final Estimate RMST_OD =
      Estimate.of(RowId.RELAPSE_RMST_ROBUST, "rmst").withArm("OD").withEstimate(500.0);
  private static final Estimate RMST_DIFF =
      Estimate.of(RowId.RELAPSE_RMST_ROBUST, "rmst_difference")
          .withArm("difference")
          .withEstimate(19.96);

  private static Results results() {
    List<Estimand> estimands = AnalysisPlan.defaults().estimands();
    return new Results(
        "1.0.0",
        1,
        "ab",
        false,
        "default",
        "cd",
        730,
        List.of(FINEGRAY, GRAY, RMST_OD, RMST_DIFF, KR),
        List.of(),
        estimands.subList(0, 5));
  }

  @Test
  void everyRowShowsItsDegreesOfFreedom() {
    assertThat(ResultsTable.HEADER).containsSubsequence("se", "df", "p");
    String[] kr =
        ResultsTable.rows(results()).stream()
            .filter(r -> r[0].equals("admissions.nb.cr2"))
            .findFirst()
            .orElseThrow();
    assertThat(kr[ResultsTable.HEADER.indexOf("df")]).isEqualTo("14.98");
    String[] gray = ResultsTable.rows(results()).get(1);
    assertThat(gray[ResultsTable.HEADER.indexOf("df")]).isEqualTo("1");
  }

  @Test
  void eachEstimandListsItsMainThenItsSensitivityAnalyses() {
    var analyses = ResultsTable.analyses(results());
    assertThat(analyses.keySet())
        .extracting(Estimand::id)
        .containsExactly(
            "relapse",
            "relapse_or_death",
            "relapse_censored_at_death",
            "relapse_free_time",
            "admissions");
    List<String[]> relapse = analyses.values().iterator().next();
    assertThat(relapse.get(0)).startsWith("main", "relapse.finegray", "0.8637", "0.582 to 1.282");
    assertThat(relapse.get(1)).startsWith("sensitivity", "relapse.gray", "1.423");
    // the RMST estimand's row is the difference, not an arm
    List<String[]> rmst = analyses.get(results().estimands().get(3));
    assertThat(rmst.get(0)).startsWith("main", "relapse.rmst.robust", "19.96");
    // a row the results do not hold says so
    List<String[]> composite = analyses.get(results().estimands().get(1));
    assertThat(composite.get(0)[ResultsTable.ANALYSIS_HEADER.size() - 1])
        .isEqualTo("not in these results");
  }

  @Test
  void textAndMarkdownShowTheEstimandsBeforeEveryRow() {
    String text = ResultsTable.text(results());
    assertThat(text)
        .startsWith(
            "Estimands\n\nrelapse (primary): Time to first relapse, death a competing risk\n")
        .contains(
            "  population: all randomised participants, by arm as randomised\n"
                + "  variable: time to first relapse within 730 days\n"
                + "  death: competing risks (no relapse after death)\n"
                + "  treatment received: treatment policy (as randomised, whatever was received)\n"
                + "  summary: subdistribution hazard ratio\n")
        .contains("relapse_or_death (supplementary to relapse): Time to first relapse or death\n")
        .contains("admissions (secondary): Admissions to acute care\n")
        .contains("\nEvery row\n\nid ");
    String md = ResultsTable.markdown(results());
    assertThat(md)
        .contains(
            "## Estimands\n\n"
                + "### relapse (primary): Time to first relapse, death a competing risk\n\n"
                + "- population: ")
        .contains("| analysis | row | estimate | 95% CI | se | df | p | n | note |\n")
        .contains(
            "| main | relapse.finegray | 0.8637 | 0.582 to 1.282 | 0.2014 |  | 0.467 | 600 |  |\n")
        .contains(
            "## Every row\n\n| id | arm | time | estimand | estimate | 95% CI | se | df | p |");
  }

  @Test
  void resultsWithoutEstimandsShowOnlyTheRows() {
    Results r =
        new Results("1.0.0", 1, "ab", false, "p", "cd", 730, List.of(GRAY), List.of(), List.of());
    assertThat(ResultsTable.text(r)).startsWith("id ").doesNotContain("Estimands");
    assertThat(ResultsTable.markdown(r)).doesNotContain("## Estimands");
  }
}
