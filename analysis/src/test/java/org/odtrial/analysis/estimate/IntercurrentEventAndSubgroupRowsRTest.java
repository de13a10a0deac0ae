package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.competing.CompetingRiskData;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.survival.Dataset;

/**
 * The intercurrent-event and subgroup rows end to end on generated clustered trials, against R
 * (src/test/R/competing-risks.R: survival 3.5.3, cmprsk 2.2-11): a 301-participant trial in 24
 * clusters (one of size 1) with ties, deaths before and after relapse and rare subgroup levels; the
 * same trial with nobody dying and with everybody dying first; a sparse 32-participant trial. Where
 * R's fit is not a finite maximum the row is null with a note, and the test says why.
 */
class IntercurrentEventAndSubgroupRowsRTest {
  private static final LocalDate BASELINE = LocalDate.of(2020, 1, 1);

  /** The participants of a generated trial as Derivation would give them. */
  static AnalysisData trial(Dataset d, UnaryOperator<Participant> change) {
    List<Participant> ps = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      String cluster = d.text("cluster_id", i);
      String arm = d.text("arm", i);
      int end = (int) d.num("end_days", i);
      String diagnosis = d.text("diagnosis", i);
      ps.add(
          change.apply(
              new Participant(
                  d.text("participant_id", i),
                  cluster,
                  "S1",
                  arm,
                  BASELINE,
                  BASELINE.plusDays(end),
                  d.num("relapse", i) == 1,
                  (int) d.num("relapse_days", i),
                  0,
                  0,
                  end / 365.25,
                  40,
                  d.text("sex", i),
                  null,
                  diagnosis.equals("NA") ? null : diagnosis,
                  null,
                  d.num("died", i) == 1,
                  false,
                  0,
                  null)));
    }
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    for (Participant p : ps) {
      clusters.putIfAbsent(
          p.clusterId(), new Cluster(p.clusterId(), p.siteId(), p.arm(), null, null, null));
    }
    return new AnalysisData(730, new ArrayList<>(clusters.values()), ps, List.of(), Map.of());
  }

  static Participant withoutDeath(Participant p) {
    return copy(p, p.relapse(), false);
  }

  static Participant diedFirst(Participant p) {
    return copy(p, false, true);
  }

  static Participant copy(Participant p, boolean relapse, boolean died) {
    return copy(p, p.clusterId(), p.arm(), p.sex(), p.diagnosis(), relapse, died);
  }

  static Participant copy(
      Participant p,
      String cluster,
      String arm,
      String sex,
      String diagnosis,
      boolean relapse,
      boolean died) {
    return new Participant(
        p.participantId(),
        cluster,
        p.siteId(),
        arm,
        p.baselineDate(),
        p.end(),
        relapse,
        p.relapseDays(),
        p.admissions(),
        p.bedDays(),
        p.followupYears(),
        p.age(),
        sex,
        p.ethnicity(),
        diagnosis,
        p.priorAdmissions(),
        died,
        p.withdrawn(),
        p.meetings(),
        p.daysToFirstMeeting());
  }

  static List<Estimate> rows(AnalysisData data) {
    return rows(data, AnalysisPlan.defaults());
  }

  static List<Estimate> rows(AnalysisData data, AnalysisPlan plan) {
    Results r = Analysis.of(plan).run(data, 1, "0".repeat(64), "test");
    return r.estimates();
  }

  static Estimate row(List<Estimate> rows, String id, String arm, Integer time) {
    return rows.stream()
        .filter(
            e ->
                e.id().value().equals(id)
                    && (arm == null || arm.equals(e.arm()))
                    && (time == null || time.equals(e.timeDays())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " " + arm + " " + time));
  }

  static Estimate row(List<Estimate> rows, String id) {
    return row(rows, id, null, null);
  }

  @Test
  void generatedTrial() {
    List<Estimate> rows = rows(trial(CompetingRiskData.TRIAL, p -> p));
    hazardRatio(row(rows, "relapse_or_death.cox"), "composite.gen");
    assertThat(row(rows, "relapse_or_death.cox").extras().get("deaths")).isEqualTo(30L);
    cumulativeIncidence(rows, "cuminc.gen.arm");
    gray(row(rows, "relapse.gray"), "cuminc.gen.arm", 0);
    hazardRatio(row(rows, "relapse.finegray"), "finegray.gen.robust");
    assertThat(row(rows, "relapse.finegray").events()).isEqualTo(156L);
    assertThat(row(rows, "relapse.finegray").extras().get("competing_events")).isEqualTo(30L);
    interaction(row(rows, "relapse.cox.interaction.diagnosis"), "interaction.gen.diagnosis");
    for (String level :
        List.of(
            "psychosis", "bipolar", "depression", "personality", "anxiety", "other", "unknown")) {
      hazardRatio(
          row(rows, "relapse.cox.subgroup.diagnosis." + level), "subgroup.gen.diagnosis." + level);
    }
    for (String level : List.of("female", "male", "other")) {
      hazardRatio(row(rows, "relapse.cox.subgroup.sex." + level), "subgroup.gen.sex." + level);
    }
  }

  @Test
  void aLevelWhoseOwnHazardRatioIsInfiniteStillHasAFiniteInteraction() {
    // sex = unknown has 3 participants: the TAU one relapses at day 25, the OD relapse (day 245)
    // comes after the TAU participant left. Alone, the level's hazard ratio is 0 (R's subgroup
    // fit runs out of iterations at exp(-22)); the row is null. In the interaction model the
    // baseline hazard is shared: the OD relapse is compared with the other levels at risk, every
    // (level, arm) cell is connected, and armOD:sexunknown is finite: R's 9.655 on 3 df stands.
    List<Estimate> rows = rows(trial(CompetingRiskData.TRIAL, p -> p));
    assertThat(CompetingRiskData.values("subgroup.gen.sex.unknown").get("warnings").get(0).asText())
        .contains("did not converge");
    Estimate unknown = row(rows, "relapse.cox.subgroup.sex.unknown");
    assertThat(unknown.estimate()).isNull();
    assertThat(unknown.note()).contains("relapses of one arm all happen while nobody of the other");
    interaction(row(rows, "relapse.cox.interaction.sex"), "interaction.gen.sex");
  }

  @Test
  void nobodyDies() {
    List<Estimate> rows =
        rows(trial(CompetingRiskData.TRIAL, IntercurrentEventAndSubgroupRowsRTest::withoutDeath));
    // The composite is the relapse model; the cumulative incidence is 1 - Kaplan-Meier.
    hazardRatio(
        row(rows, "relapse_or_death.cox"), "subgroup-free relapse", row(rows, "relapse.cox"));
    assertThat(row(rows, "relapse_or_death.cox").extras().get("deaths")).isEqualTo(0L);
    cumulativeIncidence(rows, "cuminc.nodeath.arm");
    for (String arm : List.of("OD", "TAU")) {
      Estimate cif = row(rows, "relapse.cif", arm, 365);
      Estimate km = row(rows, "relapse.km", arm, 365);
      assertThat(cif.estimate())
          .isCloseTo(1 - km.estimate(), org.assertj.core.api.Assertions.within(1e-12));
      assertThat(cif.extras().get("competing_events")).isEqualTo(0L);
    }
    gray(row(rows, "relapse.gray"), "cuminc.nodeath.arm", 0);
    hazardRatio(row(rows, "relapse.finegray"), "finegray.nodeath.robust");
    // With no competing event the Fine-Gray model is the Cox model.
    assertThat(row(rows, "relapse.finegray").estimate())
        .isCloseTo(
            row(rows, "relapse.cox").estimate(), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void everybodyDiesBeforeRelapsing() {
    List<Estimate> rows =
        rows(trial(CompetingRiskData.TRIAL, IntercurrentEventAndSubgroupRowsRTest::diedFirst));
    hazardRatio(row(rows, "relapse_or_death.cox"), "composite.alldeath");
    assertThat(row(rows, "relapse_or_death.cox").extras().get("deaths")).isEqualTo(301L);
    for (String arm : List.of("OD", "TAU")) {
      Estimate cif = row(rows, "relapse.cif", arm, 365);
      assertThat(cif.estimate()).isZero();
      assertThat(cif.se()).isZero();
      assertThat(cif.note()).contains("no relapses in this arm");
    }
    Estimate gray = row(rows, "relapse.gray");
    assertThat(gray.estimate()).isNull();
    assertThat(gray.note()).contains("no relapses");
    Estimate fg = row(rows, "relapse.finegray");
    assertThat(CompetingRiskData.values("finegray.alldeath.robust").has("error")).isTrue();
    assertThat(fg.estimate()).isNull();
    assertThat(fg.note()).contains("no relapses");
    assertThat(row(rows, "relapse.cox.interaction.sex").note()).contains("no relapses");
    assertThat(row(rows, "relapse.cox.subgroup.sex.female").note()).contains("no relapses");
  }

  @Test
  void sparseTrial() {
    List<Estimate> rows = rows(trial(CompetingRiskData.SPARSE, p -> p));
    hazardRatio(row(rows, "relapse_or_death.cox"), "composite.sparse");
    cumulativeIncidence(rows, "cuminc.sparse.arm");
    gray(row(rows, "relapse.gray"), "cuminc.sparse.arm", 0);
    hazardRatio(row(rows, "relapse.finegray"), "finegray.sparse.robust");
    // sex: no relapse among "other" in the OD arm; R warns and reports 466.96 on 2 df.
    Estimate sex = row(rows, "relapse.cox.interaction.sex");
    JsonNode rs = CompetingRiskData.values("interaction.sparse.sex");
    assertThat(rs.get("warnings").get(0).asText()).contains("Loglik converged before variable  6");
    assertThat(sex.estimate()).isNull();
    assertThat(sex.note())
        .contains("armOD:sexother is infinite", "no relapses among sex = other in the OD arm");
    assertThat(sex.extras().get("terms")).isEqualTo(List.of("armOD:sexmale", "armOD:sexother"));
    assertThat(sex.extras().get("terms")).isEqualTo(names(rs.get("terms")));
    assertThat(sex.extras().get("levels")).isEqualTo(names(rs.get("levels")));
    assertThat(sex.n()).isEqualTo(rs.get("n").asLong());
    // diagnosis: anxiety only in the OD arm (its term is aliased, as R's NA), "other" without an
    // OD relapse; one participant without a diagnosis is left out.
    Estimate dx = row(rows, "relapse.cox.interaction.diagnosis");
    JsonNode rd = CompetingRiskData.values("interaction.sparse.diagnosis");
    assertThat(dx.estimate()).isNull();
    assertThat(dx.note()).contains("armOD:diagnosisother is infinite");
    assertThat(dx.extras().get("terms")).isEqualTo(names(rd.get("terms")));
    assertThat(dx.extras().get("levels")).isEqualTo(names(rd.get("levels")));
    assertThat(dx.n()).isEqualTo(31L);
    hazardRatio(row(rows, "relapse.cox.subgroup.sex.female"), "subgroup.sparse.sex.female");
    hazardRatio(row(rows, "relapse.cox.subgroup.sex.male"), "subgroup.sparse.sex.male");
    hazardRatio(
        row(rows, "relapse.cox.subgroup.diagnosis.psychosis"),
        "subgroup.sparse.diagnosis.psychosis");
    hazardRatio(
        row(rows, "relapse.cox.subgroup.diagnosis.bipolar"), "subgroup.sparse.diagnosis.bipolar");
    // R: no convergence (other), an error (unknown: one participant), NA (anxiety: one arm).
    assertThat(row(rows, "relapse.cox.subgroup.sex.other").note())
        .contains("no relapses in the OD arm");
    assertThat(row(rows, "relapse.cox.subgroup.sex.unknown").note())
        .contains("both arms are needed");
    assertThat(row(rows, "relapse.cox.subgroup.diagnosis.anxiety").note())
        .contains("both arms are needed");
    assertThat(row(rows, "relapse.cox.subgroup.diagnosis.other").note())
        .contains("no relapses in the OD arm");
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A hazard-ratio row against an R cox_case (robust se, Wald limits and p; n and events). */
  static void hazardRatio(Estimate e, String id) {
    JsonNode v = CompetingRiskData.values(id);
    assertThat(v.get("warnings")).as(id + " R warnings").isEmpty();
    close(e.estimate(), vec(v.get("hr"))[0], REL_ESTIMATE, id + " estimate");
    close(e.se(), vec(v.get("se"))[0], REL_ESTIMATE, id + " se");
    close(e.ciLow(), vec(v.get("hr_lower"))[0], REL_ESTIMATE, id + " ci_low");
    close(e.ciHigh(), vec(v.get("hr_upper"))[0], REL_ESTIMATE, id + " ci_high");
    close(e.pValue(), vec(v.get("p_value"))[0], REL_P, id + " p");
    if (!id.startsWith("finegray")) {
      assertThat(e.n()).as(id + " n").isEqualTo(v.get("n").asLong());
      assertThat(e.events()).as(id + " events").isEqualTo(v.get("nevent").asLong());
    }
  }

  static void hazardRatio(Estimate e, String what, Estimate same) {
    assertThat(e.estimate()).as(what).isEqualTo(same.estimate());
    assertThat(e.se()).as(what).isEqualTo(same.se());
  }

  /** relapse.cif at 365 and 730 days against cuminc's timepoints. */
  static void cumulativeIncidence(List<Estimate> rows, String id) {
    JsonNode v = CompetingRiskData.values(id);
    for (JsonNode curve : v.get("curves")) {
      String[] name = curve.get("name").asText().split(" ");
      if (!name[1].equals("1")) {
        continue;
      }
      double[] at = vec(curve.get("at"));
      double[] est = vec(curve.get("at_est"));
      double[] var = vec(curve.get("at_var"));
      for (int k = 0; k < at.length; k++) {
        if (at[k] == 365 || at[k] == 730) {
          Estimate e = row(rows, "relapse.cif", name[0], (int) at[k]);
          close(e.estimate(), est[k], REL_ESTIMATE, id + " " + name[0] + " at " + at[k]);
          close(e.se(), Math.sqrt(var[k]), REL_ESTIMATE, id + " se " + name[0] + " at " + at[k]);
        }
      }
    }
  }

  /** relapse.gray against cuminc's Tests row of cause 1 (index k). */
  static void gray(Estimate e, String id, int k) {
    JsonNode t = CompetingRiskData.values(id).get("tests");
    close(e.estimate(), vec(t.get("stat"))[k], REL_ESTIMATE, id + " stat");
    close(e.pValue(), vec(t.get("pv"))[k], REL_P, id + " p");
    assertThat(e.df()).isEqualTo(vec(t.get("df"))[k]);
  }

  /** An interaction row against R's robust joint Wald test. */
  static void interaction(Estimate e, String id) {
    JsonNode v = CompetingRiskData.values(id);
    assertThat(v.get("warnings")).as(id + " R warnings").isEmpty();
    close(e.estimate(), v.get("chisq").asDouble(), REL_ESTIMATE, id + " chisq");
    close(e.pValue(), v.get("p_value").asDouble(), REL_P, id + " p");
    assertThat(e.df()).isEqualTo(v.get("df").asDouble());
    assertThat(e.n()).isEqualTo(v.get("n").asLong());
    assertThat(e.events()).isEqualTo(v.get("events").asLong());
    assertThat(e.extras().get("terms")).isEqualTo(names(v.get("terms")));
    assertThat(e.extras().get("levels")).isEqualTo(names(v.get("levels")));
  }
}
