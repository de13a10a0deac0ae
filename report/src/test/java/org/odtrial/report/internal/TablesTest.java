package org.odtrial.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.report.Blinding;
import org.odtrial.report.ExampleReport;
import org.odtrial.report.ReportInput;
import org.odtrial.report.ReportWriter;

/**
 * The tables against R's own values for the example trial (expected-results.json and
 * expected-results-v2.json): which rows are primary, what stands beside what, how each number is
 * printed.
 */
class TablesTest {
  @TempDir Path tmp;

  private static List<Table> tables(ReportInput in) {
    return Tables.all(new Context(in));
  }

  private static Table table(List<Table> tables, String key) {
    return tables.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
  }

  /** The rows with this label, in order. */
  private static List<Row> rows(Table t, String label) {
    return t.rows().stream().filter(r -> r.label().equals(label)).toList();
  }

  private static Row row(Table t, String label) {
    List<Row> r = rows(t, label);
    assertThat(r).as("rows \"%s\" of %s", label, t.key()).isNotEmpty();
    return r.get(0);
  }

  private static String cell(Table t, Row r, String column) {
    for (int j = 0; j < t.columns().size(); j++) {
      if (t.columns().get(j).header().equals(column)) {
        return r.cells().get(j).text();
      }
    }
    throw new AssertionError("no column " + column + " in " + t.key());
  }

  private static String ci(JsonNode r, double scale, int decimals) {
    String f = "%." + decimals + "f";
    return String.format(
        Locale.ROOT,
        f + " (" + f + " to " + f + ")",
        scale * r.get("estimate").asDouble(),
        scale * r.get("ci_low").asDouble(),
        scale * r.get("ci_high").asDouble());
  }

  private static String p(JsonNode r) {
    return String.format(Locale.ROOT, "%.3f", r.get("p_value").asDouble());
  }

  private static String chisq(JsonNode r) {
    return String.format(
        Locale.ROOT, "χ² %.2f, %d df", r.get("estimate").asDouble(), r.get("df").asInt());
  }

  private static String footnote(Table t, Row r) {
    assertThat(r.notes()).as("footnote of %s", r.label()).hasSize(1);
    return r.notes().get(0);
  }

  @Test
  void relapseTableShowsTheRowsThatAllowForClusteringAsPrimaryAndTheOthersLabelledSo() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "relapse");
    List<Row> km12 = rows(t, "Relapse-free survival at 12 months, % (95% CI)");
    assertThat(km12).extracting(Row::id).containsExactly(RowId.RELAPSE_KM_ROBUST, RowId.RELAPSE_KM);
    assertThat(cell(t, km12.get(0), "OD"))
        .isEqualTo(ci(ExampleReport.row("relapse.km.robust", "OD", 365), 100, 1));
    assertThat(cell(t, km12.get(1), "TAU"))
        .isEqualTo(ci(ExampleReport.row("relapse.km", "TAU", 365), 100, 1));
    assertThat(footnote(t, km12.get(0))).contains("robust to clustering");
    assertThat(footnote(t, km12.get(1))).contains("ignores clustering");
    List<Row> logrank = rows(t, "Log-rank test");
    assertThat(logrank)
        .extracting(Row::id)
        .containsExactly(RowId.RELAPSE_LOGRANK_ROBUST, RowId.RELAPSE_LOGRANK);
    JsonNode robust = ExampleReport.row("relapse.logrank.robust");
    assertThat(cell(t, logrank.get(0), "Effect (95% CI)")).isEqualTo(chisq(robust));
    assertThat(cell(t, logrank.get(0), "p value")).isEqualTo(p(robust));
    // the unclustered rows sit under their own heading, after every primary row
    int heading = t.rows().indexOf(row(t, "Ignoring clustering (for comparison only)"));
    assertThat(t.rows().indexOf(logrank.get(1))).isGreaterThan(heading);
    assertThat(t.rows().indexOf(km12.get(1))).isGreaterThan(heading);
    assertThat(t.rows().subList(heading + 1, t.rows().size()))
        .extracting(Row::id)
        .containsOnly(RowId.RELAPSE_KM, RowId.RELAPSE_RMST, RowId.RELAPSE_LOGRANK);
    // restricted mean: per arm (SE) and the difference with its CI, from the robust rows
    Row rmst =
        rows(
                t,
                "Restricted mean relapse-free time to 24 months, days (SE); difference"
                    + " (95% CI)")
            .get(0);
    assertThat(rmst.id()).isEqualTo(RowId.RELAPSE_RMST_ROBUST);
    assertThat(cell(t, rmst, "Effect (95% CI)"))
        .isEqualTo(ci(ExampleReport.row("relapse.rmst.robust", "difference", 730), 1, 1));
    assertThat(cell(t, rmst, "OD")).isEqualTo("488.6 (SE 56.8)");
  }

  @Test
  void randomisationPValueStandsUnderTheCoxPValueAndThePhCheckUnderTheHazardRatios() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "relapse");
    List<RowId> ids = t.rows().stream().map(Row::id).toList();
    int cox = ids.indexOf(RowId.RELAPSE_COX);
    assertThat(ids.get(cox + 1)).isEqualTo(RowId.RELAPSE_PERMUTATION);
    Row perm = t.rows().get(cox + 1);
    assertThat(perm.label()).isEqualTo("Randomisation test");
    assertThat(cell(t, perm, "Effect (95% CI)")).isEqualTo("exact, 1 allocation");
    assertThat(cell(t, perm, "p value")).isEqualTo("1.000");
    assertThat(footnote(t, perm)).contains("Randomisation test", "re-allocation");
    Row hr = t.rows().get(cox);
    assertThat(cell(t, hr, "Effect (95% CI)"))
        .isEqualTo(ci(ExampleReport.row("relapse.cox"), 1, 2));
    assertThat(cell(t, hr, "p value")).isEqualTo(p(ExampleReport.row("relapse.cox")));
    int ph = ids.indexOf(RowId.RELAPSE_PH_TEST);
    assertThat(ph).isGreaterThan(ids.indexOf(RowId.RELAPSE_COX_STRATIFIED));
    assertThat(ids.indexOf(RowId.RELAPSE_COX_STRATIFIED))
        .isGreaterThan(ids.indexOf(RowId.RELAPSE_COX_ADJUSTED));
    assertThat(cell(t, t.rows().get(ph), "Effect (95% CI)"))
        .isEqualTo(chisq(ExampleReport.row("relapse.ph_test")));
    // a row R could not estimate says so, with R's reason in its footnote
    Row stratified = t.rows().get(ids.indexOf(RowId.RELAPSE_COX_STRATIFIED));
    assertThat(cell(t, stratified, "Effect (95% CI)")).isEqualTo("not estimable");
    assertThat(footnote(t, stratified))
        .contains("Not estimable: every site has only one arm: no within-site contrast");
  }

  @Test
  void withoutVersion2RowsTheUnclusteredRowsArePrimaryAndSayTheyIgnoreClustering() {
    Table t = table(tables(ExampleReport.inputV1(Blinding.none())), "relapse");
    assertThat(rows(t, "Relapse-free survival at 12 months, % (95% CI)"))
        .extracting(Row::id)
        .containsExactly(RowId.RELAPSE_KM);
    assertThat(rows(t, "Ignoring clustering (for comparison only)")).isEmpty();
    assertThat(t.general()).anyMatch(n -> n.contains("ignore clustering"));
    assertThat(t.rows()).extracting(Row::id).doesNotContain(RowId.RELAPSE_PERMUTATION);
  }

  @Test
  void hospitalTableShowsTheSmallSampleRateRatiosBesideTheLargeSampleOnes() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "hospitalisation");
    List<RowId> ids = t.rows().stream().map(Row::id).toList();
    for (RowId[] pair :
        List.of(
            new RowId[] {RowId.ADMISSIONS_NB, RowId.ADMISSIONS_NB_CR2},
            new RowId[] {RowId.BED_DAYS_NB, RowId.BED_DAYS_NB_CR2})) {
      int large = ids.indexOf(pair[0]);
      assertThat(ids.get(large + 1)).isEqualTo(pair[1]);
      Row small = t.rows().get(large + 1);
      JsonNode r = ExampleReport.row(pair[1].toString());
      assertThat(small.label()).isEqualTo("Rate ratio, small-sample correction");
      assertThat(cell(t, small, "Rate ratio (95% CI)")).isEqualTo(ci(r, 1, 2));
      assertThat(cell(t, small, "p value")).isEqualTo(p(r));
      assertThat(footnote(t, small))
          .contains(
              "CR2", String.format(Locale.ROOT, "%.1f degrees of freedom", r.get("df").asDouble()));
    }
    assertThat(footnote(t, row(t, "Rate ratio"))).contains("dispersion theta = 4.219");
  }

  @Test
  void recoveryTableShowsTheSmallSampleDifferencesBesideTheLargeSampleOnes() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "recovery");
    List<RowId> ids = t.rows().stream().map(Row::id).toList();
    int ancova = ids.indexOf(RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.ANCOVA));
    assertThat(ids.subList(ancova, ancova + 4))
        .containsExactly(
            RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.ANCOVA),
            RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.CR2),
            RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.LMM),
            RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.LMM_KR));
    assertThat(t.rows().get(ancova).label()).isEqualTo("Difference at 12 months");
    Row kr = t.rows().get(ancova + 3);
    assertThat(cell(t, kr, "Mean difference (95% CI)"))
        .isEqualTo(ci(ExampleReport.row("recovery.QPR.m12.lmm_kr"), 1, 2));
    assertThat(cell(t, kr, "p value")).isEqualTo(p(ExampleReport.row("recovery.QPR.m12.lmm_kr")));
    // a negative mean difference; the singular mixed model's ICC carries a footnote saying so
    Row m24 = t.rows().get(ids.indexOf(RowId.recovery("QPR", 24, RowId.RecoveryAnalysis.LMM)));
    assertThat(cell(t, m24, "Mean difference (95% CI)")).isEqualTo("-3.37 (SE 2.87)");
    Cell icc = m24.cells().get(4);
    assertThat(icc.text()).isEqualTo("0.000");
    assertThat(icc.notes()).singleElement().asString().startsWith("Singular fit");
  }

  @Test
  void sensitivityTablePutsEachEstimandsSensitivityAnalysesBesideItsMainAnalysis() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "sensitivity");
    String est = "Estimate (95% CI)";
    String main = "Main analysis: estimate (95% CI)";
    // the primary estimand: Fine-Gray, with Gray's test and the supplementary estimands beside it
    Row primary =
        row(
            t,
            "Time to first relapse, death a competing risk (primary); main analysis:"
                + " subdistribution hazard ratio, death as a competing risk");
    assertThat(primary.heading()).isTrue();
    assertThat(primary.notes()).singleElement().asString().startsWith("Competing-risks strategy");
    String fineGray = ci(ExampleReport.row("relapse.finegray"), 1, 2);
    Row gray = row(t, "Gray's test, death as a competing risk");
    assertThat(gray.id()).isEqualTo(RowId.RELAPSE_GRAY);
    assertThat(cell(t, gray, est)).isEqualTo(chisq(ExampleReport.row("relapse.gray")));
    assertThat(cell(t, gray, "p value")).isEqualTo(p(ExampleReport.row("relapse.gray")));
    assertThat(cell(t, gray, main)).isEqualTo(fineGray);
    assertThat(cell(t, gray, "Main analysis: p value"))
        .isEqualTo(p(ExampleReport.row("relapse.finegray")));
    Row composite = row(t, "Supplementary estimand: Time to first relapse or death");
    assertThat(composite.id()).isEqualTo(RowId.RELAPSE_OR_DEATH_COX);
    assertThat(cell(t, composite, est))
        .isEqualTo(ci(ExampleReport.row("relapse_or_death.cox"), 1, 2));
    assertThat(cell(t, composite, main)).isEqualTo(fineGray);
    Row rmst =
        row(t, "Supplementary estimand: Mean relapse-free time up to the horizon, death censored");
    assertThat(cell(t, rmst, est))
        .isEqualTo(ci(ExampleReport.row("relapse.rmst.robust", "difference", 730), 1, 1));
    // a supplementary estimand with sensitivity analyses of its own has its own section
    String cox = ci(ExampleReport.row("relapse.cox"), 1, 2);
    Row stratified = row(t, "Hazard ratio, stratified by site");
    assertThat(cell(t, stratified, est)).isEqualTo(Cells.NOT_ESTIMABLE);
    assertThat(footnote(t, stratified)).contains("Not estimable");
    assertThat(cell(t, stratified, main)).isEqualTo(cox);
    Row permutation = row(t, "Randomisation test");
    assertThat(cell(t, permutation, est)).isEqualTo("exact, 1 allocation");
    assertThat(cell(t, permutation, "p value"))
        .isEqualTo(p(ExampleReport.row("relapse.permutation")));
    // recovery: the repeated-measures model is the main analysis; multiple imputation is not in
    // these results, and the table says so instead of leaving it out
    Row mi =
        rows(t, "Mean difference, multiple imputation of missing scores").stream()
            .filter(r -> RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.MI).equals(r.id()))
            .findFirst()
            .orElseThrow();
    assertThat(cell(t, mi, est)).isEqualTo(EstimandsTable.NOT_ESTIMATED);
    assertThat(mi.cells().get(0).notes())
        .singleElement()
        .asString()
        .startsWith("Not estimated: the results hold no row");
    String mmrm = ci(ExampleReport.row("recovery.QPR.m12.mmrm"), 1, 2);
    assertThat(cell(t, mi, main)).isEqualTo(mmrm);
    Row cr2 =
        rows(t, "Mean difference, ANCOVA with small-sample correction").stream()
            .filter(r -> RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.CR2).equals(r.id()))
            .findFirst()
            .orElseThrow();
    assertThat(cell(t, cr2, est)).isEqualTo(ci(ExampleReport.row("recovery.QPR.m12.cr2"), 1, 2));
    assertThat(cell(t, cr2, main)).isEqualTo(mmrm);
    Row cace =
        row(
            t,
            "Supplementary estimand: Recovery (QPR) at month 12, among those who would receive"
                + " Open Dialogue");
    assertThat(cell(t, cace, est)).isEqualTo(ci(ExampleReport.row("recovery.QPR.m12.cace"), 1, 2));
    assertThat(cell(t, cace, main)).isEqualTo(mmrm);
    // every estimand of the default plan is in the table: a section or a supplementary row
    assertThat(t.general()).noneMatch(g -> g.startsWith("Estimands without"));
    // cumulative incidence with death competing, beside 1 - Kaplan-Meier with death censored
    Row cif = row(t, "OD at 12 months, death as a competing risk");
    JsonNode c = ExampleReport.row("relapse.cif", "OD", 365);
    JsonNode s = ExampleReport.row("relapse.km.robust", "OD", 365);
    assertThat(cell(t, cif, est))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "%.1f (SE %.1f)",
                100 * c.get("estimate").asDouble(),
                100 * c.get("se").asDouble()));
    assertThat(cell(t, cif, main))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "%.1f (%.1f to %.1f)",
                100 * (1 - s.get("estimate").asDouble()),
                100 * (1 - s.get("ci_high").asDouble()),
                100 * (1 - s.get("ci_low").asDouble())));
  }

  @Test
  void estimandsTableHasOneRowPerEstimandInPlainWords() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Table t = table(tables(in), "estimands");
    assertThat(t.rows()).hasSize(in.plan().estimands().size());
    Row relapse = t.rows().get(0);
    assertThat(relapse.label())
        .isEqualTo("Time to first relapse, death a competing risk (primary)");
    assertThat(cell(t, relapse, "Population"))
        .isEqualTo("all randomised participants, by arm as randomised");
    assertThat(cell(t, relapse, "Variable")).isEqualTo("time to first relapse within 730 days");
    assertThat(cell(t, relapse, "Intercurrent events and missing data"))
        .isEqualTo("death: competing risks; treatment received: treatment policy");
    assertThat(cell(t, relapse, "Summary measure")).isEqualTo("subdistribution hazard ratio");
    assertThat(cell(t, relapse, "Main analysis"))
        .isEqualTo("Subdistribution hazard ratio, death as a competing risk");
    assertThat(cell(t, relapse, "Sensitivity analyses"))
        .isEqualTo("Gray's test, death as a competing risk");
    // each strategy's meaning is a footnote of the cell
    assertThat(t.rows().get(0).cells().get(2).notes())
        .containsExactly(
            "Competing risks: no relapse after death.",
            "Treatment policy: as randomised, whatever was received.");
    Row composite = row(t, "Time to first relapse or death");
    assertThat(composite.notes())
        .containsExactly("Supplementary to \"Time to first relapse, death a competing risk\".");
    assertThat(cell(t, composite, "Sensitivity analyses")).isEqualTo("none");
    Row qpr = row(t, "Recovery (QPR) at month 12");
    assertThat(cell(t, qpr, "Variable"))
        .isEqualTo("Questionnaire about the Process of Recovery (QPR) score at month 12");
    assertThat(cell(t, qpr, "Intercurrent events and missing data"))
        .isEqualTo(
            "death: hypothetical; treatment received: treatment policy; missed interviews:"
                + " missing at random");
    assertThat(cell(t, qpr, "Main analysis"))
        .isEqualTo("Mean difference, mixed model for repeated measures (all visits)");
    // the rows these results lack are marked, and the footnote says why
    assertThat(cell(t, qpr, "Sensitivity analyses"))
        .isEqualTo(
            "Mean difference, multiple imputation of missing scores (not estimated);"
                + " Tipping point: shift of imputed scores that changes the conclusion (not"
                + " estimated); Mean difference, ANCOVA with small-sample correction; Mean"
                + " difference, mixed model with Kenward-Roger correction");
    assertThat(qpr.cells().get(5).notes()).containsExactly(EstimandsTable.notEstimated());
    // labels, never ids: no cell names a results row
    for (Row r : t.rows()) {
      for (Cell c : r.cells()) {
        assertThat(c.text()).doesNotContainPattern("[a-z_]+\\.[a-z_]+");
      }
    }
  }

  @Test
  void everyRowAnEstimandMayNameHasAPlainLabel() {
    for (RowId id : ExampleReport.PLAN.rowIds()) {
      assertThat(RowLabels.of(id)).as(id.value()).doesNotContain("unknown", ".");
    }
    assertThat(RowLabels.of(RowId.coxSubgroup("diagnosis", "F20")))
        .isEqualTo("Hazard ratio in the subgroup diagnosis F20");
  }

  @Test
  void anEstimandWhoseRowsTheResultsLackSaysNotEstimatedAndWhy() {
    AnalysisPlan plan =
        PlanReader.read(
            """
            {"plan_version": 2, "recovery": {"QPR": [12]}, "estimands": [
              {"id": "hr", "label": "Relapse, death censored", "primary": true,
               "population": "all_randomised", "variable": {"outcome": "relapse"},
               "intercurrent_events": {"death": "hypothetical",
                                       "treatment_received": "treatment_policy"},
               "summary": "hazard_ratio", "main_analysis": "relapse.cox",
               "sensitivity_analyses": ["relapse.cox_adjusted", "relapse.permutation"]},
              {"id": "adm", "label": "Admissions", "primary": false,
               "population": "all_randomised", "variable": {"outcome": "admissions"},
               "intercurrent_events": {"death": "while_alive",
                                       "treatment_received": "treatment_policy"},
               "summary": "rate_ratio", "main_analysis": "admissions.nb"}]}
            """,
            "test plan");
    ReportInput full = ExampleReport.input(Blinding.none());
    ReportInput in =
        ExampleReport.input(
            Blinding.none(),
            plan,
            full.results().estimates().stream()
                .filter(e -> !e.id().equals(RowId.RELAPSE_COX))
                .filter(e -> !e.id().equals(RowId.RELAPSE_PERMUTATION))
                .toList(),
            List.of());
    List<Table> t = tables(in);
    Table estimands = table(t, "estimands");
    Row hr = row(estimands, "Relapse, death censored (primary)");
    assertThat(cell(estimands, hr, "Main analysis"))
        .isEqualTo("Hazard ratio, unadjusted (not estimated)");
    assertThat(cell(estimands, hr, "Sensitivity analyses"))
        .isEqualTo(
            "Hazard ratio, adjusted for baseline covariates; Randomisation test (not estimated)");
    Table s = table(t, "sensitivity");
    Row heading =
        row(s, "Relapse, death censored (primary); main analysis: hazard ratio, unadjusted");
    assertThat(heading.notes()).containsExactly(EstimandsTable.notEstimated());
    Row adjusted = row(s, "Hazard ratio, adjusted for baseline covariates");
    assertThat(cell(s, adjusted, "Estimate (95% CI)"))
        .isEqualTo(ci(ExampleReport.row("relapse.cox_adjusted"), 1, 2));
    assertThat(cell(s, adjusted, "Main analysis: estimate (95% CI)"))
        .isEqualTo(EstimandsTable.NOT_ESTIMATED);
    assertThat(cell(s, row(s, "Randomisation test"), "Estimate (95% CI)"))
        .isEqualTo(EstimandsTable.NOT_ESTIMATED);
    // an estimand with nothing beside its main analysis is named under the table
    assertThat(s.general())
        .contains(
            "Estimands without sensitivity analyses or supplementary estimands in the plan:"
                + " Admissions.");
    // and every format renders it
    ReportWriter.of(in).writeTo(tmp);
    assertThat(tmp.resolve("report.html")).content().contains("not estimated");
  }

  @Test
  void theTippingPointIsAShiftInScorePointsAndBlindedItsSizeOnly() {
    RowId tippingId = RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.TIPPING);
    Estimate tipping =
        Estimate.of(tippingId, "tipping_point")
            .withEstimate(-4.0)
            .withMethod("the imputed scores of OD participants shifted by each delta")
            .withExtra("deltas", List.of(-4.0, 4.0))
            .withExtra("estimates", List.of(0.4, 4.9))
            .withExtra("p_values", List.of(0.64, 0.001))
            .withExtra("imputed_od", 60L)
            .withExtra("imputations", 20L);
    List<Estimate> rows =
        new ArrayList<>(ExampleReport.input(Blinding.none()).results().estimates());
    rows.add(tipping);
    String label = "Tipping point: shift of imputed scores that changes the conclusion";
    Table open =
        table(tables(ExampleReport.input(Blinding.none(), rows, List.of())), "sensitivity");
    Row shown =
        rows(open, label).stream().filter(r -> tippingId.equals(r.id())).findFirst().orElseThrow();
    assertThat(cell(open, shown, "Estimate (95% CI)")).isEqualTo("-4.0 score points");
    assertThat(cell(open, shown, "p value")).isEmpty();
    // the shift applies to OD's scores: blinded, its sign would tell which label is OD
    for (String od : List.of("Arm A", "Arm B")) {
      Blinding b = Blinding.of(od);
      Table blinded = table(tables(ExampleReport.input(b, rows, List.of())), "sensitivity");
      Row r =
          rows(blinded, label).stream()
              .filter(x -> tippingId.equals(x.id()))
              .findFirst()
              .orElseThrow();
      assertThat(cell(blinded, r, "Estimate (95% CI)")).isEqualTo("4.0 score points");
      Estimate e = b.apply(tipping);
      assertThat(e.estimate()).isEqualTo(4.0);
      assertThat(e.extras()).containsOnlyKeys("imputations");
      assertThat(e.method())
          .isEqualTo("the imputed scores of the intervention participants shifted by each delta");
    }
  }

  @Test
  void blindedEstimandTablesNameNoArmAndKeepTheContrastsDirection() {
    List<Table> t = tables(ExampleReport.input(Blinding.of("Arm B")));
    Table estimands = table(t, "estimands");
    Row cace =
        row(
            estimands,
            "Recovery (QPR) at month 12, among those who would receive the intervention");
    assertThat(cace.cells().get(2).notes())
        .contains(
            "Principal stratum: those who would receive the intervention if offered it: complier"
                + " average causal effect.");
    assertThat(estimands.general().get(0)).contains("Arm A vs Arm B");
    // OD is Arm B: the complier effect is negated like every other difference
    Table s = table(t, "sensitivity");
    JsonNode c = ExampleReport.row("recovery.QPR.m12.cace");
    assertThat(
            cell(
                s,
                row(
                    s,
                    "Supplementary estimand: Recovery (QPR) at month 12, among those who would"
                        + " receive the intervention"),
                "Estimate (95% CI)"))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "%.2f (%.2f to %.2f)",
                -c.get("estimate").asDouble(),
                -c.get("ci_high").asDouble(),
                -c.get("ci_low").asDouble()));
    for (Table x : List.of(estimands, s)) {
      for (Row r : x.rows()) {
        assertThat(r.label()).doesNotContainIgnoringCase("open dialogue");
        r.cells().forEach(cell -> assertThat(cell.text()).doesNotContain("Open Dialogue"));
      }
    }
  }

  @Test
  void subgroupTableShowsEveryLevelInRsOrderWithTheTestsOfInteraction() {
    Table t = table(tables(ExampleReport.input(Blinding.none())), "subgroups");
    List<String> labels = t.rows().stream().map(Row::label).toList();
    assertThat(labels)
        .containsSubsequence(
            "All participants", "Sex", "Test of interaction", "female", "male", "other")
        .containsSubsequence(
            "Diagnosis",
            "Test of interaction",
            "psychosis",
            "bipolar",
            "depression",
            "personality",
            "anxiety",
            "other");
    Row diagnosis =
        t.rows().stream()
            .filter(r -> RowId.coxInteraction("diagnosis").equals(r.id()))
            .findFirst()
            .orElseThrow();
    assertThat(cell(t, diagnosis, "Hazard ratio (95% CI)"))
        .isEqualTo(chisq(ExampleReport.row("relapse.cox.interaction.diagnosis")));
    assertThat(cell(t, diagnosis, "p value")).isEqualTo("0.018");
    Row anxiety =
        t.rows().stream()
            .filter(r -> RowId.coxSubgroup("diagnosis", "anxiety").equals(r.id()))
            .findFirst()
            .orElseThrow();
    JsonNode a = ExampleReport.row("relapse.cox.subgroup.diagnosis.anxiety");
    assertThat(cell(t, anxiety, "Hazard ratio (95% CI)")).isEqualTo(ci(a, 1, 2));
    assertThat(cell(t, anxiety, "Participants (relapses)")).isEqualTo("51 (30)");
    Row other =
        t.rows().stream()
            .filter(r -> RowId.coxSubgroup("sex", "other").equals(r.id()))
            .findFirst()
            .orElseThrow();
    assertThat(cell(t, other, "Hazard ratio (95% CI)")).isEqualTo("not estimable");
    assertThat(footnote(t, other)).contains("Not estimable: no events in the");
  }

  @Test
  void consortTableCountsEveryStagePerArmAndTheAnalysedAddUpToTheResultsRows() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Table t = table(tables(in), "consort");
    assertThat(t.rows().stream().map(Row::label))
        .contains(
            "Randomised",
            "Recruited",
            "Withdrew from research interviews",
            "Died during follow-up",
            "Assessed at 12 months",
            "Assessed at 24 months",
            "Time to relapse",
            "QPR at 24 months");
    int analysed = t.rows().indexOf(row(t, "Analysed"));
    List<Row> rows = t.rows().subList(analysed + 1, t.rows().size());
    assertThat(rows).hasSize(6);
    for (Row r : rows) {
      long od = Long.parseLong(r.cells().get(0).text().replace(",", ""));
      long tau = Long.parseLong(r.cells().get(1).text().replace(",", ""));
      long total = Long.parseLong(r.cells().get(2).text().replace(",", ""));
      assertThat(od + tau).as(r.label()).isEqualTo(total);
      Estimate e =
          in.results().estimates().stream().filter(x -> x.id().equals(r.id())).findFirst().get();
      assertThat(total).as(r.label()).isEqualTo(e.n());
    }
    Row qpr12 = row(t, "QPR at 12 months");
    assertThat(qpr12.cells()).extracting(Cell::text).containsExactly("86", "96", "182");
    assertThat(row(t, "Recruited").cells())
        .extracting(Cell::text)
        .containsExactly("132", "148", "280");
  }

  @Test
  void labelsArePlainWordsAndPValuesAreNeverZero() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Set<String> ids = new java.util.HashSet<>();
    in.results().estimates().forEach(e -> ids.add(e.id().toString()));
    int pValues = 0;
    for (Table t : tables(in)) {
      for (Row r : t.rows()) {
        for (String id : ids) {
          assertThat(r.label()).as("label in %s", t.key()).doesNotContain(id);
        }
        for (int j = 0; j < t.columns().size(); j++) {
          if (t.columns().get(j).header().endsWith("p value")) {
            String p = r.cells().get(j).text();
            assertThat(p).doesNotMatch("0\\.0+").doesNotContain("e-", "E-");
            pValues += p.isEmpty() ? 0 : 1;
          }
        }
      }
    }
    assertThat(pValues).isGreaterThan(30);
    // R's p of 3.6e-6 for the BPRS complier effect
    Table s = table(tables(in), "sensitivity");
    Row cace =
        s.rows().stream()
            .filter(r -> RowId.recovery("BPRS", 12, RowId.RecoveryAnalysis.CACE).equals(r.id()))
            .findFirst()
            .orElseThrow();
    assertThat(cell(s, cace, "p value")).isEqualTo("<0.001");
  }

  @Test
  void blindedTablesShowEveryContrastAsArmAVersusArmB() {
    // OD is Arm B: the contrast shown is TAU vs OD, ratios inverted, differences negated
    List<Table> t = tables(ExampleReport.input(Blinding.of("Arm B")));
    Table relapse = table(t, "relapse");
    JsonNode cox = ExampleReport.row("relapse.cox");
    String inverted =
        String.format(
            Locale.ROOT,
            "%.2f (%.2f to %.2f)",
            1 / cox.get("estimate").asDouble(),
            1 / cox.get("ci_high").asDouble(),
            1 / cox.get("ci_low").asDouble());
    assertThat(cell(relapse, row(relapse, "Hazard ratio, unadjusted"), "Effect (95% CI)"))
        .isEqualTo(inverted);
    assertThat(relapse.columns().get(0).header()).isEqualTo("Arm A");
    JsonNode fg = ExampleReport.row("relapse.finegray");
    Table s = table(t, "sensitivity");
    assertThat(
            cell(
                s,
                row(s, "Gray's test, death as a competing risk"),
                "Main analysis: estimate (95% CI)"))
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "%.2f (%.2f to %.2f)",
                1 / fg.get("estimate").asDouble(),
                1 / fg.get("ci_high").asDouble(),
                1 / fg.get("ci_low").asDouble()));
    Table recovery = table(t, "recovery");
    assertThat(
            cell(
                recovery,
                rows(recovery, "Small-sample correction").get(0),
                "Mean difference (95% CI)"))
        .isEqualTo("-2.57 (-5.75 to 0.61)");
  }

  @Test
  void tidyCsvHasOneValuePerCellAndAColumnPerStatistic() throws Exception {
    ReportInput in = ExampleReport.input(Blinding.none());
    Path written = ExampleReport.reportFolder();
    Set<String> text =
        Set.of(
            "section",
            "label",
            "group",
            "row_id",
            "arm",
            "note",
            // the estimands table: each estimand's definition in its codes
            "estimand_id",
            "supplementary_to",
            "population",
            "variable",
            "death",
            "treatment_received",
            "missing_data",
            "summary",
            "main_analysis",
            "sensitivity_analyses");
    for (Table t : tables(in)) {
      List<String> lines = Files.readAllLines(written.resolve(t.fileName() + ".csv"));
      List<String> header = List.of(lines.get(0).split(","));
      assertThat(header.subList(0, 4)).containsExactly("section", "label", "group", "row_id");
      assertThat(header).doesNotHaveDuplicates();
      for (String line : lines.subList(1, lines.size())) {
        List<String> cells = csv(line);
        assertThat(cells).as(line).hasSize(header.size());
        assertThat(cells.get(1)).as("label").doesNotStartWith(" ").isNotBlank();
        for (int j = 0; j < header.size(); j++) {
          if (!text.contains(header.get(j))) {
            assertThat(cells.get(j))
                .as("%s of %s in %s", header.get(j), cells.get(1), t.key())
                .matches("NA|true|false|-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?");
          }
        }
      }
    }
    // the effect and its p-value are one observation
    assertThat(Files.readString(written.resolve("table-3-relapse.csv")))
        .contains(
            "Hazard ratio, unadjusted\",effect,relapse.cox,NA,NA,0.59505250904456,NA,"
                + "0.290974639438249,1.21690154579733,NA,NA,0.154981505758459,NA");
  }

  /** A CSV line's fields (quotes handled; no embedded line breaks in these files). */
  private static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          b.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          b.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out;
  }

  @Test
  void footnotesAreLetteredInReadingOrderOncePerText() {
    Table t =
        Table.of(
            "k",
            1,
            "T",
            "",
            List.of(Column.of("A")),
            List.of(
                Row.of("x", List.of(Cell.of("1").withNote("second"))).withNote("first"),
                Row.of("y", List.of(Cell.of("2"))).withNote("second"),
                Row.of("z", List.of(Cell.of("3"))).withNote("third")),
            List.of("general"));
    assertThat(t.notes())
        .containsExactly(
            new Note("", "general"),
            new Note("a", "first"),
            new Note("b", "second"),
            new Note("c", "third"));
    assertThat(t.marks(t.rows().get(1).notes())).isEqualTo("b");
    assertThat(Table.letter(26)).isEqualTo("aa");
  }

  @Test
  void numbersHaveJournalFormats() {
    assertThat(Fmt.p(0.00099)).isEqualTo("<0.001");
    assertThat(Fmt.p(3.6e-6)).isEqualTo("<0.001");
    assertThat(Fmt.p(0.001)).isEqualTo("0.001");
    assertThat(Fmt.p(0.0015)).isEqualTo("0.002");
    assertThat(Fmt.p(0.9996)).isEqualTo(">0.999");
    assertThat(Fmt.p(1.0)).isEqualTo("1.000");
    assertThat(Fmt.pText(0.155)).isEqualTo("p = 0.155");
    assertThat(Fmt.pText(1e-5)).isEqualTo("p < 0.001");
    assertThat(Fmt.num(-0.004, 2)).isEqualTo("0.00");
    assertThat(Fmt.num(-3.37298, 2)).isEqualTo("-3.37");
    assertThat(Fmt.num(13391.4, 0)).isEqualTo("13,391");
    assertThat(Fmt.num(null, 2)).isEqualTo("NA");
    assertThat(Fmt.count(2340)).isEqualTo("2,340");
    assertThat(Fmt.withCi(0.6, 0.29, 1.22, 0.37, 2)).isEqualTo("0.60 (0.29 to 1.22)");
    assertThat(Fmt.countPct(1, 3)).isEqualTo("1 (33.3%)");
    assertThat(Fmt.chisq(1.976, 1.0)).isEqualTo("χ² 1.98, 1 df");
    assertThat(Fmt.df(7.6478)).isEqualTo("7.6");
    assertThat(Fmt.time(365)).isEqualTo("12 months");
    assertThat(Fmt.time(730)).isEqualTo("24 months");
    assertThat(Fmt.time(400)).isEqualTo("400 days");
    assertThat(Fmt.monthDays(6)).isEqualTo(182);
    assertThat(Fmt.monthDays(18)).isEqualTo(547);
  }
}
