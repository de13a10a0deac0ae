package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.num;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The robust score test ({@code summary(coxph(..., cluster = ))$robscore}) and the site-stratified
 * clustered Cox model against R (survival-clustered.R): statistic and robust Wald results at
 * relative 1e-6, p-values at 1e-4.
 */
class RobustScoreTestRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv").where(i -> true, "inst");
  private static final Dataset COLON = Dataset.load("/r/datasets/colon.csv");
  private static final Dataset BLADDER = Dataset.load("/r/datasets/bladder.csv");

  @Test
  void lungClusteredByInstitution() {
    check(
        "rscore.lung.sex",
        RobustScoreTest.of(
            LUNG.nums("time"), LUNG.events("status", 2), LUNG.design("sex"), LUNG.ints("inst")));
    check(
        "rscore.lung.age_sex",
        RobustScoreTest.of(
            LUNG.nums("time"),
            LUNG.events("status", 2),
            LUNG.design("age", "sex"),
            LUNG.ints("inst")));
  }

  @Test
  void factorWithTwoColumnsGivesTwoDegreesOfFreedom() {
    int[] rx = COLON.codes("rx", List.of("Obs", "Lev", "Lev+5FU"));
    double[][] x = new double[rx.length][];
    for (int i = 0; i < rx.length; i++) {
      x[i] = new double[] {rx[i] == 1 ? 1 : 0, rx[i] == 2 ? 1 : 0};
    }
    check(
        "rscore.colon.rx",
        RobustScoreTest.of(COLON.nums("time"), COLON.events("status", 1), x, COLON.ints("id")));
  }

  @Test
  void stratifiedMarginalModel() {
    check(
        "rscore.bladder.strata",
        RobustScoreTest.of(
                BLADDER.nums("stop"),
                BLADDER.events("event", 1),
                BLADDER.design("rx", "size", "number"),
                BLADDER.ints("id"))
            .withStrata(BLADDER.ints("enum")));
  }

  @Test
  void clusterTrialsWithTiesFourClustersAndClustersOfSizeOne() {
    ClusteredTrial a = ClusteredTrial.design("a");
    RobustScoreTest t = RobustScoreTest.of(a.time(), a.event(), a.armColumn(), a.cluster());
    check("rscore.gen_a.efron", t);
    check("rscore.gen_a.breslow", t.withTies(Ties.BRESLOW));
    ClusteredTrial b = ClusteredTrial.design("b");
    check(
        "rscore.gen_b.4clusters",
        RobustScoreTest.of(b.time(), b.event(), b.armColumn(), b.cluster()));
    ClusteredTrial d = ClusteredTrial.design("d");
    check("rscore.gen_d", RobustScoreTest.of(d.time(), d.event(), d.armColumn(), d.cluster()));
  }

  @Test
  void siteStratifiedClusteredCox() {
    for (String design : List.of("a", "c", "d")) {
      ClusteredTrial t = ClusteredTrial.design(design);
      String id = "stratified.gen_" + design;
      CoxFit fit =
          CoxModel.of(t.time(), t.event(), t.armColumn())
              .withStrata(t.site())
              .withClusters(t.cluster())
              .fit();
      JsonNode v = RReference.clustered(id);
      close(fit.coef()[0], num(v.get("coef")), REL_ESTIMATE, id + " coef");
      close(fit.se()[0], num(v.get("robust_se")), REL_ESTIMATE, id + " robust se");
      close(Math.sqrt(fit.var()[0][0]), num(v.get("model_se")), REL_ESTIMATE, id + " model se");
      close(fit.hazardRatio()[0], num(v.get("hr")), REL_ESTIMATE, id + " hr");
      close(fit.hrLower()[0], num(v.get("hr_lower")), REL_ESTIMATE, id + " hr lower");
      close(fit.hrUpper()[0], num(v.get("hr_upper")), REL_ESTIMATE, id + " hr upper");
      close(fit.pValue()[0], num(v.get("p_value")), REL_P, id + " p");
      check(
          id,
          RobustScoreTest.of(t.time(), t.event(), t.armColumn(), t.cluster()).withStrata(t.site()));
    }
  }

  @Test
  void noSiteWithBothArmsLeavesTheArmEffectAliased() {
    ClusteredTrial e = ClusteredTrial.design("e");
    JsonNode v = RReference.clustered("stratified.gen_e.none");
    assertThat(v.get("coef").asText()).isEqualTo("NA");
    CoxFit fit =
        CoxModel.of(e.time(), e.event(), e.armColumn())
            .withStrata(e.site())
            .withClusters(e.cluster())
            .fit();
    assertThat(fit.aliased()[0]).isTrue();
    assertThat(fit.coef()[0]).isNaN();
    RobustScoreTest.Result r =
        RobustScoreTest.of(e.time(), e.event(), e.armColumn(), e.cluster())
            .withStrata(e.site())
            .test();
    assertThat(r.statistic()).isNaN();
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("no estimable coefficient"));
  }

  private static void check(String id, RobustScoreTest test) {
    JsonNode v = RReference.clustered(id);
    RobustScoreTest.Result r = test.test();
    close(r.statistic(), num(v.get("robscore")), REL_ESTIMATE, id + " robust score");
    assertThat(r.df()).as(id + " df").isEqualTo(v.get("robscore_df").asInt());
    close(r.pValue(), num(v.get("robscore_p")), REL_P, id + " p");
    assertThat(r.notes()).as(id + " notes").isEmpty();
    // The unclustered log-rank (score) test differs: that is the point of the robust one.
    assertThat(Math.abs(r.statistic() - vec(v.get("logrank"))[0])).isGreaterThan(1e-3);
  }
}
