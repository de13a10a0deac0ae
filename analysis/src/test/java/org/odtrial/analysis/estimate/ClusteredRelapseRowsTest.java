package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;

/**
 * The cluster-respecting relapse rows end to end (Analysis on a trial's analysis data) against R on
 * the generated cluster trials of survival-clustered.R, where, unlike the example trial, sites hold
 * both arms: the site-stratified Cox model and the permutation test are then estimated. Also the
 * Monte Carlo path through the plan's draws and seed, and the notes of the hard cases.
 */
class ClusteredRelapseRowsTest {
  private static final LocalDate BASELINE = LocalDate.of(2020, 1, 1);
  private static final JsonNode R = readJson("/r/survival-clustered.json");

  @Test
  void siteStratifiedRowsAgreeWithRWhenSitesHoldBothArms() {
    AnalysisData a = design("a", UnaryOperator.identity());
    Results r = run(a, "{\"km_times_days\": [91, 365, 730]}");
    JsonNode km = r("km.gen_a.OD");
    JsonNode s = km.get("summary");
    for (int i = 0; i < 2; i++) {
      Estimate e = row(r, RowId.RELAPSE_KM_ROBUST, "OD", s.get("time").get(i).asInt());
      near(e.estimate(), s.get("surv").get(i), "km surv");
      near(e.se(), s.get("std_err").get(i), "km std.err");
      near(e.ciLow(), s.get("lower").get(i), "km lower");
      near(e.ciHigh(), s.get("upper").get(i), "km upper");
      assertThat(e.clusters()).isEqualTo(km.get("clusters").asInt());
    }
    // 730 days is beyond the OD arm's follow-up: R drops it, and there is no row.
    assertThat(rows(r, RowId.RELAPSE_KM_ROBUST)).noneMatch(e -> e.timeDays() == 730);
    Results loglog = run(a, "{\"km_times_days\": [91, 365], \"km_conf_type\": \"log-log\"}");
    JsonNode tau = r("km.gen_a.TAU.loglog").get("summary");
    for (int i = 0; i < 2; i++) {
      Estimate e = row(loglog, RowId.RELAPSE_KM_ROBUST, "TAU", tau.get("time").get(i).asInt());
      near(e.estimate(), tau.get("surv").get(i), "km surv");
      near(e.ciLow(), tau.get("lower").get(i), "km log-log lower");
      near(e.ciHigh(), tau.get("upper").get(i), "km log-log upper");
    }

    JsonNode rmstOd = r("km.gen_a.OD").get("rmst").get(1);
    JsonNode rmstTau = r("km.gen_a.TAU.loglog").get("rmst").get(0);
    assertThat(rmstOd.get("tau").asInt()).isEqualTo(730);
    Estimate od = row(r, RowId.RELAPSE_RMST_ROBUST, "OD", 730);
    near(od.estimate(), rmstOd.get("rmean"), "rmst OD");
    near(od.se(), rmstOd.get("se"), "rmst OD se");
    Estimate tauRow = row(r, RowId.RELAPSE_RMST_ROBUST, "TAU", 730);
    near(tauRow.se(), rmstTau.get("se"), "rmst TAU se");
    Estimate diff = row(r, RowId.RELAPSE_RMST_ROBUST, "difference", 730);
    double d = rmstOd.get("rmean").asDouble() - rmstTau.get("rmean").asDouble();
    double se = Math.hypot(rmstOd.get("se").asDouble(), rmstTau.get("se").asDouble());
    assertThat(diff.estimate()).isCloseTo(d, within(d));
    assertThat(diff.se()).isCloseTo(se, within(se));
    double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(d / se));
    assertThat(diff.pValue()).isCloseTo(p, within(p));

    JsonNode rs = r("rscore.gen_a.efron");
    Estimate lr = row(r, RowId.RELAPSE_LOGRANK_ROBUST, null, null);
    near(lr.estimate(), rs.get("robscore"), "robust score");
    assertThat(lr.df()).isEqualTo(1.0);
    near(lr.pValue(), rs.get("robscore_p"), "robust score p");
    assertThat(lr.note())
        .startsWith("12 clusters: with fewer than 40")
        .contains("relapse.permutation");
    assertThat(diff.note()).contains("12 clusters: with fewer than 40");

    JsonNode st = r("stratified.gen_a");
    Estimate cox = row(r, RowId.RELAPSE_COX_STRATIFIED, null, null);
    near(cox.estimate(), st.get("hr"), "stratified hr");
    near(cox.se(), st.get("robust_se"), "stratified robust se");
    near(cox.ciLow(), st.get("hr_lower"), "stratified lower");
    near(cox.ciHigh(), st.get("hr_upper"), "stratified upper");
    near(cox.pValue(), st.get("p_value"), "stratified p");
    near((Double) cox.extras().get("model_se"), st.get("model_se"), "stratified model se");
    assertThat(cox.extras()).containsEntry("sites", 3L).containsEntry("sites_with_both_arms", 3L);
    assertThat(cox.note()).isNull();

    JsonNode perm = r("perm.gen_a");
    Estimate pt = row(r, RowId.RELAPSE_PERMUTATION, null, null);
    near(pt.estimate(), perm.get("observed"), "permutation statistic");
    assertThat(pt.pValue()).isEqualTo(perm.get("p_value").asDouble(), within(1e-12));
    assertThat(pt.extras())
        .containsEntry("allocations", 216L)
        .containsEntry("exact", true)
        .containsEntry("statistic", "survdiff chisq")
        .doesNotContainKeys("seed", "draws");

    JsonNode zph = r("zph.gen_a.efron");
    Estimate ph = row(r, RowId.RELAPSE_PH_TEST, null, null);
    near(ph.estimate(), zph.get("chisq").get(0), "ph chisq");
    near(ph.pValue(), zph.get("p").get(0), "ph p");
    assertThat(ph.extras()).containsEntry("transform", "km");
  }

  @Test
  void aSiteWithOneArmAndAnEmptyClusterAreNamed() {
    Results r = run(design("c", UnaryOperator.identity()), "{}");
    Estimate cox = row(r, RowId.RELAPSE_COX_STRATIFIED, null, null);
    near(cox.estimate(), r("stratified.gen_c").get("hr"), "stratified hr, design c");
    assertThat(cox.note()).contains("1 of 3 sites hold both arms");
    Estimate pt = row(r, RowId.RELAPSE_PERMUTATION, null, null);
    assertThat(pt.extras()).containsEntry("allocations", 10L);
    assertThat(pt.pValue()).isEqualTo(r("perm.gen_c").get("p_value").asDouble());
    assertThat(pt.note())
        .contains("1 randomised cluster(s) without participants")
        .contains("1 of 3 sites hold both arms");
  }

  @Test
  void largerExactEnumerationAndNoSiteWithBothArms() {
    Results d = run(design("d", UnaryOperator.identity()), "{}");
    Estimate pt = row(d, RowId.RELAPSE_PERMUTATION, null, null);
    assertThat(pt.extras()).containsEntry("allocations", 63_504L).containsEntry("exact", true);
    assertThat(pt.pValue()).isEqualTo(r("perm.gen_d").get("p_value").asDouble(), within(1e-12));
    near(
        row(d, RowId.RELAPSE_COX_STRATIFIED, null, null).estimate(),
        r("stratified.gen_d").get("hr"),
        "stratified hr, design d");

    Results e = run(design("e", UnaryOperator.identity()), "{}");
    Estimate cox = row(e, RowId.RELAPSE_COX_STRATIFIED, null, null);
    assertThat(cox.estimate()).isNull();
    assertThat(cox.note()).contains("every site has only one arm (site S1 OD, site S2 TAU)");
    assertThat(cox.extras()).containsEntry("sites", 2L).containsEntry("sites_with_both_arms", 0L);
    Estimate one = row(e, RowId.RELAPSE_PERMUTATION, null, null);
    assertThat(one.pValue()).isEqualTo(1.0);
    assertThat(one.extras()).containsEntry("allocations", 1L);
    assertThat(one.note()).contains("the only allocation");
  }

  @Test
  void monteCarloBeyondTheExactLimitUsesThePlansDrawsAndSeed() {
    // Design d with all 20 clusters in one site: C(20, 10) = 184,756 allocations > 100,000.
    AnalysisData oneSite = design("d", p -> with(p, "S1", p.relapse(), p.relapseDays()));
    String plan = "{\"permutation\": {\"draws\": 4000, \"seed\": 99}}";
    Estimate pt = row(run(oneSite, plan), RowId.RELAPSE_PERMUTATION, null, null);
    assertThat(pt.extras())
        .containsEntry("exact", false)
        .containsEntry("allocations", 4001L)
        .containsEntry("draws", 4000L)
        .containsEntry("seed", 99L)
        .containsEntry("allocations_in_design", 184_756.0);
    assertThat(pt.note()).contains("seed 99").contains("4000 draws");
    assertThat(row(run(oneSite, plan), RowId.RELAPSE_PERMUTATION, null, null)).isEqualTo(pt);
    Estimate other =
        row(
            run(oneSite, "{\"permutation\": {\"draws\": 4000, \"seed\": 100}}"),
            RowId.RELAPSE_PERMUTATION,
            null,
            null);
    assertThat(other.extras()).containsEntry("seed", 100L);
    double mcSe = (Double) pt.extras().get("monte_carlo_se");
    assertThat(Math.abs(other.pValue() - pt.pValue())).isLessThan(6 * mcSe);
  }

  @Test
  void hardCasesGiveNotes() {
    Results none = run(design("a", p -> with(p, p.siteId(), false, 700)), "{}");
    for (RowId id :
        List.of(
            RowId.RELAPSE_LOGRANK_ROBUST,
            RowId.RELAPSE_COX_STRATIFIED,
            RowId.RELAPSE_PERMUTATION,
            RowId.RELAPSE_PH_TEST)) {
      Estimate e = row(none, id, null, null);
      assertThat(e.estimate()).as(id.value()).isNull();
      assertThat(e.note()).as(id.value()).contains("no relapses");
    }
    Results noOdRelapse =
        run(design("a", p -> p.isOd() ? with(p, p.siteId(), false, p.relapseDays()) : p), "{}");
    assertThat(row(noOdRelapse, RowId.RELAPSE_PH_TEST, null, null).note())
        .contains("no relapses in the OD arm");
    assertThat(row(noOdRelapse, RowId.RELAPSE_COX_STRATIFIED, null, null).note())
        .contains("may be infinite");
    assertThat(row(noOdRelapse, RowId.RELAPSE_LOGRANK_ROBUST, null, null).estimate()).isNotNull();

    Results tauOnly = run(design("a", p -> p.isOd() ? null : p), "{}");
    assertThat(rows(tauOnly, RowId.RELAPSE_KM_ROBUST)).allMatch(e -> e.arm().equals("TAU"));
    assertThat(row(tauOnly, RowId.RELAPSE_RMST_ROBUST, "difference", 730).note())
        .contains("both arms");
    assertThat(row(tauOnly, RowId.RELAPSE_PERMUTATION, null, null).note()).contains("both arms");
  }

  private static Results run(AnalysisData data, String planJson) {
    AnalysisPlan plan = PlanReader.read(planJson, "test plan");
    return Analysis.of(plan).run(data, 1, "0".repeat(64), "test");
  }

  private static List<Estimate> rows(Results r, RowId id) {
    return r.estimates().stream().filter(e -> e.id().equals(id)).toList();
  }

  private static Estimate row(Results r, RowId id, String arm, Integer time) {
    return rows(r, id).stream()
        .filter(e -> arm == null || arm.equals(e.arm()))
        .filter(e -> time == null || time.equals(e.timeDays()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " " + arm + " " + time));
  }

  private static void near(Double actual, JsonNode expected, String what) {
    double want = expected.asDouble();
    assertThat(actual).as(what).isNotNull();
    assertThat(actual).as("%s: %s vs R %s", what, actual, want).isCloseTo(want, within(want));
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(1e-6 * Math.abs(v) + 1e-12);
  }

  private static JsonNode r(String id) {
    for (JsonNode c : R.get("cases")) {
      if (c.get("id").asText().equals(id)) {
        return c.get("values");
      }
    }
    throw new IllegalStateException("no R case " + id);
  }

  /** A design of datasets/clustered_trials.csv as a trial's analysis data; null drops a person. */
  private static AnalysisData design(String design, UnaryOperator<Participant> change) {
    List<Cluster> clusters = new ArrayList<>();
    for (String[] row : csv("/r/datasets/clustered_trials_clusters.csv")) {
      if (row[0].equals(design)) {
        clusters.add(new Cluster(row[1], row[2], row[3], null, null, null));
      }
    }
    List<Participant> ps = new ArrayList<>();
    int i = 0;
    for (String[] row : csv("/r/datasets/clustered_trials.csv")) {
      if (!row[0].equals(design)) {
        continue;
      }
      Cluster c = clusters.stream().filter(x -> x.clusterId().equals(row[1])).findFirst().get();
      Participant p =
          change.apply(
              new Participant(
                  String.format(Locale.ROOT, "P%04d", i++),
                  c.clusterId(),
                  c.siteId(),
                  c.arm(),
                  BASELINE,
                  BASELINE.plusDays(730),
                  row[3].equals("1"),
                  Integer.parseInt(row[2]),
                  0,
                  0,
                  2.0,
                  40,
                  "female",
                  null,
                  null,
                  0,
                  false,
                  false,
                  0,
                  null));
      if (p != null) {
        ps.add(p);
      }
    }
    if (ps.stream().noneMatch(Participant::isOd)) {
      clusters.removeIf(c -> c.arm().equals("OD"));
    }
    List<Cluster> sited = new ArrayList<>();
    for (Cluster c : clusters) {
      String site =
          ps.stream()
              .filter(p -> p.clusterId().equals(c.clusterId()))
              .map(Participant::siteId)
              .findFirst()
              .orElse(c.siteId());
      sited.add(new Cluster(c.clusterId(), site, c.arm(), null, null, null));
    }
    return new AnalysisData(730, sited, ps, List.of(), java.util.Map.of());
  }

  /** A copy with the site and the relapse outcome replaced. */
  private static Participant with(Participant p, String site, boolean relapse, int days) {
    return new Participant(
        p.participantId(),
        p.clusterId(),
        site,
        p.arm(),
        p.baselineDate(),
        p.end(),
        relapse,
        days,
        p.admissions(),
        p.bedDays(),
        p.followupYears(),
        p.age(),
        p.sex(),
        p.ethnicity(),
        p.diagnosis(),
        p.priorAdmissions(),
        p.died(),
        p.withdrawn(),
        p.meetings(),
        p.daysToFirstMeeting());
  }

  private static List<String[]> csv(String resource) {
    try (InputStream in = ClusteredRelapseRowsTest.class.getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.replace("\"", "").split(","));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readJson(String resource) {
    try (InputStream in = ClusteredRelapseRowsTest.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
