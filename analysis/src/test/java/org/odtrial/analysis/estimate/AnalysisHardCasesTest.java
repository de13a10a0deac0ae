package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;

/** Hard cases give a clear note in the results, never an exception or a silent wrong number. */
class AnalysisHardCasesTest {
  private static final LocalDate BASELINE = LocalDate.of(2020, 1, 1);

  /**
   * 8 clusters x 10 participants, arms alternate by cluster; {@code change} edits each participant.
   */
  private static AnalysisData trial(
      UnaryOperator<Participant> change, Map<AnalysisData.ScoreKey, double[]> scores) {
    SplittableRandom rnd = new SplittableRandom(42);
    List<Cluster> clusters = new ArrayList<>();
    List<Participant> ps = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      String arm = c % 2 == 0 ? "OD" : "TAU";
      clusters.add(new Cluster("C" + c, "T1", arm, null, null, null));
      for (int i = 0; i < 10; i++) {
        boolean relapse = rnd.nextDouble() < 0.5;
        int days = relapse ? 1 + rnd.nextInt(700) : 730;
        ps.add(
            change.apply(
                new Participant(
                    "P" + c + i,
                    "C" + c,
                    "T1",
                    arm,
                    BASELINE,
                    BASELINE.plusDays(730),
                    relapse,
                    days,
                    relapse ? 1 + rnd.nextInt(3) : 0,
                    rnd.nextInt(20),
                    730 / 365.25,
                    20 + rnd.nextInt(50),
                    rnd.nextBoolean() ? "female" : "male",
                    null,
                    null,
                    rnd.nextInt(4),
                    false,
                    false,
                    arm.equals("OD") ? 1 + rnd.nextInt(10) : 0,
                    arm.equals("OD") ? rnd.nextInt(3) : null)));
      }
    }
    return new AnalysisData(730, clusters, ps, List.of(), scores);
  }

  private static Results run(AnalysisData data) {
    return Analysis.of(AnalysisPlan.defaults()).run(data, 1, "0".repeat(64), "test");
  }

  private static Estimate row(Results r, String id) {
    return r.estimates().stream().filter(e -> e.id().value().equals(id)).findFirst().orElseThrow();
  }

  private static Participant censored(Participant p) {
    return with(p, false, 730, 0, p.bedDays(), p.arm());
  }

  /** p with other relapse, count and arm fields. */
  private static Participant with(
      Participant p, boolean relapse, int relapseDays, int admissions, int bedDays, String arm) {
    return new Participant(
        p.participantId(),
        p.clusterId(),
        p.siteId(),
        arm,
        p.baselineDate(),
        p.end(),
        relapse,
        relapseDays,
        admissions,
        bedDays,
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

  @Test
  void noRelapsesAtAll() {
    Results r = run(trial(AnalysisHardCasesTest::censored, Map.of()));
    assertThat(row(r, "relapse.cox").estimate()).isNull();
    assertThat(row(r, "relapse.cox").note()).contains("no relapses");
    assertThat(row(r, "relapse.logrank").note()).contains("no relapses");
    assertThat(row(r, "admissions.nb").estimate()).isNull();
    assertThat(row(r, "admissions.nb").note()).isNotBlank();
  }

  @Test
  void noRelapsesInOneArmIsAMonotoneLikelihood() {
    Results r = run(trial(p -> p.isOd() ? censored(p) : p, Map.of()));
    Estimate cox = row(r, "relapse.cox");
    assertThat(cox.estimate()).isNull();
    assertThat(cox.note()).contains("no relapses in the OD arm", "monotone likelihood");
    assertThat(row(r, "relapse.logrank").estimate()).isPositive();
  }

  @Test
  void aConstantCovariateLeavesTheArmEffectEstimable() {
    Results r =
        run(
            trial(
                p ->
                    new Participant(
                        p.participantId(),
                        p.clusterId(),
                        p.siteId(),
                        p.arm(),
                        p.baselineDate(),
                        p.end(),
                        p.relapse(),
                        p.relapseDays(),
                        p.admissions(),
                        p.bedDays(),
                        p.followupYears(),
                        40,
                        "female",
                        p.ethnicity(),
                        p.diagnosis(),
                        p.priorAdmissions(),
                        p.died(),
                        p.withdrawn(),
                        p.meetings(),
                        p.daysToFirstMeeting()),
                Map.of()));
    Estimate adj = row(r, "relapse.cox_adjusted");
    assertThat(adj.estimate()).isPositive();
    assertThat(adj.note()).contains("sex has a single level");
  }

  @Test
  void aHorizonBeyondFollowUpGivesNoKaplanMeierRowAndSaysSo() {
    AnalysisData d = trial(p -> p, Map.of());
    AnalysisPlan far = PlanReader.read("{\"km_times_days\": [365, 730, 1000]}", "test plan");
    Results r = Analysis.of(far).run(d, 1, "0".repeat(64), "test");
    assertThat(r.estimates())
        .noneMatch(e -> e.id().equals(RowId.RELAPSE_KM) && e.timeDays() == 1000);
    assertThat(r.warnings()).anyMatch(w -> w.contains("1000 days is beyond the last follow-up"));
  }

  @Test
  void recoveryWithoutScoresOrWithTooFewCompleteCasesIsNotEstimable() {
    Results none = run(trial(p -> p, Map.of()));
    assertThat(row(none, "recovery.QPR.m12").note()).contains("no QPR scores at month 12");
    assertThat(row(none, "recovery.QPR.m12.lmm").estimate()).isNull();

    double[] base = new double[80];
    double[] m12 = new double[80];
    java.util.Arrays.fill(m12, Double.NaN);
    m12[0] = 30; // one OD participant
    m12[10] = 28; // one TAU participant
    Map<AnalysisData.ScoreKey, double[]> scores = new HashMap<>();
    scores.put(new AnalysisData.ScoreKey("QPR", 0), base);
    scores.put(new AnalysisData.ScoreKey("QPR", 12), m12);
    Results few = run(trial(p -> p, scores));
    Estimate e = row(few, "recovery.QPR.m12");
    assertThat(e.estimate()).isNull();
    assertThat(e.note()).contains("could not be fitted", "complete cases");
    assertThat(Optional.ofNullable(row(few, "recovery.QPR.m12.lmm").estimate())).isEmpty();
    for (String id : List.of("recovery.QPR.m12.cr2", "recovery.QPR.m12.lmm_kr")) {
      assertThat(row(none, id).estimate()).isNull();
      assertThat(row(none, id).note()).contains("no QPR scores at month 12");
      assertThat(row(few, id).estimate()).isNull();
    }
    assertThat(row(few, "recovery.QPR.m12.cr2").note()).contains("could not be fitted");
    // two complete cases, one per arm in two clusters: the mixed models say why before fitting
    assertThat(row(few, "recovery.QPR.m12.lmm_kr").note())
        .contains("needs at least 3 clusters with complete cases", "with 2, one per arm");
  }

  private static Participant withCounts(Participant p, int admissions, int bedDays, String arm) {
    return with(p, p.relapse(), p.relapseDays(), admissions, bedDays, arm);
  }

  /** QPR at baseline and month 12 for the 80 participants of {@link #trial}, seeded. */
  private static Map<AnalysisData.ScoreKey, double[]> scores() {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] base = new double[80];
    double[] m12 = new double[80];
    for (int i = 0; i < 80; i++) {
      base[i] = 20 + rnd.nextInt(20);
      m12[i] = 10 + 0.6 * base[i] + rnd.nextInt(12);
    }
    Map<AnalysisData.ScoreKey, double[]> scores = new HashMap<>();
    scores.put(new AnalysisData.ScoreKey("QPR", 0), base);
    scores.put(new AnalysisData.ScoreKey("QPR", 12), m12);
    return scores;
  }

  @Test
  void smallSampleRowsCarryRealDegreesOfFreedomBesideTheirLargeSampleRows() {
    Results r = run(trial(p -> p, scores()));
    for (String id :
        List.of("recovery.QPR.m12.cr2", "recovery.QPR.m12.lmm_kr", "admissions.nb.cr2")) {
      Estimate e = row(r, id);
      assertThat(e.estimate()).as(id).isNotNull();
      assertThat(e.df()).as(id).isBetween(1.0, 80.0);
      assertThat(e.clusters()).as(id).isEqualTo(8);
    }
    List<String> ids = r.estimates().stream().map(e -> e.id().value()).toList();
    assertThat(ids.indexOf("recovery.QPR.m12.cr2")).isEqualTo(ids.indexOf("recovery.QPR.m12") + 1);
    assertThat(ids.indexOf("admissions.nb.cr2")).isEqualTo(ids.indexOf("admissions.nb") + 1);
    assertThat(row(r, "admissions.nb.cr2").extras()).containsEntry("family", "negative binomial");
  }

  @Test
  void theOnlyClusterOfAnArmMakesItsCr2AdjustmentSingularAndTheRowSaysSo() {
    Results r =
        run(
            trial(
                p ->
                    withCounts(
                        p, p.admissions(), p.bedDays(), p.clusterId().equals("C0") ? "OD" : "TAU"),
                scores()));
    Estimate e = row(r, "recovery.QPR.m12.cr2");
    assertThat(e.estimate()).isNotNull();
    assertThat(e.note()).contains("1 cluster(s) alone identify", "generalised inverse");
  }

  @Test
  void bedDaysWhereGlmNbDivergesAreFittedAtTheMaximumLikelihood() {
    SplittableRandom rnd = new SplittableRandom(3);
    Results r =
        run(
            trial(
                p -> {
                  boolean admitted = rnd.nextDouble() < 0.2;
                  int stay = admitted ? 1 + (int) (-40 * Math.log(rnd.nextDouble()) * 2) : 0;
                  return withCounts(p, admitted ? 1 : 0, stay, p.arm());
                },
                Map.of()));
    for (String id : List.of("bed_days.nb", "bed_days.nb.cr2")) {
      Estimate e = row(r, id);
      assertThat(e.estimate()).as(id).isPositive();
      assertThat(e.extras()).as(id).containsEntry("family", "negative binomial");
      assertThat((Double) e.extras().get("theta")).as(id).isLessThan(1);
      assertThat(e.note()).as(id).contains("glm.nb does not converge", "maximum-likelihood fit");
    }
  }
}
