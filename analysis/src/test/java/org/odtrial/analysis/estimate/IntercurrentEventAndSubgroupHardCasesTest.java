package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.estimate.IntercurrentEventAndSubgroupRowsRTest.copy;
import static org.odtrial.analysis.estimate.IntercurrentEventAndSubgroupRowsRTest.row;
import static org.odtrial.analysis.estimate.IntercurrentEventAndSubgroupRowsRTest.rows;
import static org.odtrial.analysis.estimate.IntercurrentEventAndSubgroupRowsRTest.trial;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.competing.CompetingRiskData;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;

/**
 * Hard cases of the intercurrent-event and subgroup rows give a null estimate and a note, never an
 * exception or a number that means nothing.
 */
class IntercurrentEventAndSubgroupHardCasesTest {

  @Test
  void oneLevelNoLevelAndNoSubgroups() {
    List<Estimate> rows =
        rows(
            trial(
                CompetingRiskData.TRIAL,
                p -> copy(p, p.clusterId(), p.arm(), "female", null, p.relapse(), p.died())));
    Estimate sex = row(rows, "relapse.cox.interaction.sex");
    assertThat(sex.estimate()).isNull();
    assertThat(sex.note()).contains("only one level of sex");
    assertThat(sex.extras().get("levels")).isEqualTo(List.of("female"));
    assertThat(row(rows, "relapse.cox.subgroup.sex.female").estimate()).isPositive();
    Estimate dx = row(rows, "relapse.cox.interaction.diagnosis");
    assertThat(dx.note()).contains("no participant has diagnosis recorded");
    assertThat(dx.n()).isZero();
    assertThat(rows).noneMatch(e -> e.id().value().startsWith("relapse.cox.subgroup.diagnosis"));
    List<Estimate> none =
        rows(
            trial(CompetingRiskData.TRIAL, p -> p),
            PlanReader.read("{\"subgroups\": []}", "no subgroups"));
    assertThat(none).noneMatch(e -> e.id().value().startsWith("relapse.cox.interaction"));
    assertThat(none).noneMatch(e -> e.id().value().startsWith("relapse.cox.subgroup"));
  }

  @Test
  void tooFewClustersForTheInteractionTerms() {
    // Three clusters: the robust variance has rank at most 2, the diagnosis test has 6 terms.
    List<Estimate> rows =
        rows(
            trial(
                CompetingRiskData.TRIAL,
                p ->
                    copy(
                        p,
                        p.isOd() ? (p.participantId().hashCode() % 2 == 0 ? "A" : "B") : "C",
                        p.arm(),
                        p.sex(),
                        p.diagnosis(),
                        p.relapse(),
                        p.died())));
    Estimate dx = row(rows, "relapse.cox.interaction.diagnosis");
    assertThat(dx.clusters()).isEqualTo(3);
    assertThat(dx.estimate()).isNull();
    assertThat(dx.note()).contains("robust variance of the 6 interaction terms is singular");
  }

  @Test
  void oneArmOnly() {
    List<Estimate> rows =
        rows(
            trial(
                CompetingRiskData.TRIAL,
                p -> copy(p, p.clusterId(), "OD", p.sex(), p.diagnosis(), p.relapse(), p.died())));
    for (String id :
        List.of(
            "relapse_or_death.cox",
            "relapse.gray",
            "relapse.finegray",
            "relapse.cox.interaction.sex",
            "relapse.cox.subgroup.sex.female")) {
      Estimate e = row(rows, id);
      assertThat(e.estimate()).as(id).isNull();
      assertThat(e.note()).as(id).contains("both arms");
    }
    assertThat(rows).noneMatch(e -> e.id().value().equals("relapse.cif") && "TAU".equals(e.arm()));
  }

  @Test
  void noRelapseInOneArmLeavesTheCompetingRiskRowsThatStillMeanSomething() {
    List<Estimate> rows =
        rows(trial(CompetingRiskData.TRIAL, p -> p.isOd() ? copy(p, false, p.died()) : p));
    assertThat(row(rows, "relapse.finegray").note()).contains("no relapses in the OD arm");
    assertThat(row(rows, "relapse.cif", "OD", 365).estimate()).isZero();
    // Gray's test compares the curves: one flat at zero is a difference it can test.
    assertThat(row(rows, "relapse.gray").estimate()).isPositive();
    assertThat(row(rows, "relapse_or_death.cox").estimate()).isPositive();
  }
}
