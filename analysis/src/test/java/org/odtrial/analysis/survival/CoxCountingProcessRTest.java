package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.competing.CompetingRiskData;

/**
 * Counting-process (start, stop] Cox models with case weights against {@code coxph(Surv(start,
 * stop, event) ~ ..., weights = w, cluster = id)} (survival 3.5.3, values written by
 * src/test/R/competing-risks.R): survival's heart data, and the weighted rows of {@code
 * survival::finegray} exactly as R expanded them.
 */
class CoxCountingProcessRTest {
  private static final Dataset HEART = Dataset.load("/r/datasets/heart.csv");
  private static final Dataset TRIAL = CompetingRiskData.TRIAL;
  private static final Dataset SPARSE = CompetingRiskData.SPARSE;

  private static CoxModel heart() {
    return CoxModel.of(
            HEART.nums("stop"),
            HEART.events("event", 1),
            HEART.design("age", "year", "surgery", "tr"))
        .withStartTimes(HEART.nums("start"));
  }

  @Test
  void heartTransplantStartStop() {
    CoxModelRTest.check("agreg.heart.efron", values("agreg.heart.efron"), heart().fit());
    CoxModelRTest.check(
        "agreg.heart.breslow", values("agreg.heart.breslow"), heart().withTies(Ties.BRESLOW).fit());
    CoxModelRTest.check(
        "agreg.heart.cluster",
        values("agreg.heart.cluster"),
        heart().withClusters(HEART.ints("id")).fit());
  }

  @Test
  void heartTransplantWithCaseWeights() {
    CoxModel weighted = heart().withWeights(HEART.nums("w"));
    CoxModelRTest.check("agreg.heart.weights", values("agreg.heart.weights"), weighted.fit());
    CoxModelRTest.check(
        "agreg.heart.weights.cluster",
        values("agreg.heart.weights.cluster"),
        weighted.withClusters(HEART.ints("id")).fit());
    CoxModelRTest.check(
        "agreg.heart.weights.breslow.cluster",
        values("agreg.heart.weights.breslow.cluster"),
        weighted.withClusters(HEART.ints("id")).withTies(Ties.BRESLOW).fit());
  }

  @Test
  void rightCensoredWithCaseWeights() {
    double[] w = new double[TRIAL.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + ((i + 1) % 3);
    }
    CoxModelRTest.check(
        "coxph.gen.weights.cluster",
        values("coxph.gen.weights.cluster"),
        CoxModel.of(
                TRIAL.nums("relapse_days"),
                TRIAL.events("relapse", 1),
                CompetingRiskData.armColumn(TRIAL))
            .withWeights(w)
            .withClusters(CompetingRiskData.clusterCodes(TRIAL))
            .fit());
  }

  @Test
  void fineGrayRowsAsRExpandedThem() {
    for (String id : new String[] {"finegray.gen", "finegray.nodeath"}) {
      CoxModelRTest.check(id + ".robust", values(id + ".robust"), fitRows(id, TRIAL));
    }
    CoxModelRTest.check(
        "finegray.sparse.robust",
        values("finegray.sparse.robust"),
        fitRows("finegray.sparse", SPARSE));
  }

  @Test
  void unitWeightsChangeNothing() {
    double[] ones = new double[HEART.size()];
    java.util.Arrays.fill(ones, 1.0);
    CoxFit plain = heart().withClusters(HEART.ints("id")).fit();
    CoxFit unit = heart().withWeights(ones).withClusters(HEART.ints("id")).fit();
    assertThat(unit.coef()).containsExactly(plain.coef());
    assertThat(unit.robustVar()).isDeepEqualTo(plain.robustVar());
    assertThat(unit.loglikFinal()).isEqualTo(plain.loglikFinal());
  }

  @Test
  void badStartTimesAndWeightsAreRejected() {
    CoxModel m =
        CoxModel.of(new double[] {1, 2}, new boolean[] {true, false}, new double[][] {{0}, {1}});
    assertThatThrownBy(() -> m.withStartTimes(new double[] {1, 0}))
        .hasMessageContaining("start[0] = 1.0 must be finite and before its stop time 1.0");
    assertThatThrownBy(() -> m.withWeights(new double[] {1, 0}))
        .hasMessageContaining("weight[1] = 0.0 is not a positive number");
    assertThatThrownBy(() -> m.withWeights(new double[] {1}))
        .hasMessageContaining("one value per observation");
  }

  /** The Cox fit of R's finegray rows: arm and cluster looked up by each row's participant. */
  private static CoxFit fitRows(String id, Dataset trial) {
    JsonNode v = values(id + ".data");
    double[] rowId = RReference.vec(v.get("row_id"));
    int n = rowId.length;
    assertThat(n).isEqualTo(v.get("rows").asInt());
    double[][] arm = CompetingRiskData.armColumn(trial);
    int[] cluster = CompetingRiskData.clusterCodes(trial);
    double[][] x = new double[n][];
    int[] c = new int[n];
    boolean[] status = new boolean[n];
    double[] fgstatus = RReference.vec(v.get("fgstatus"));
    for (int k = 0; k < n; k++) {
      int i = (int) rowId[k] - 1;
      x[k] = arm[i];
      c[k] = cluster[i];
      status[k] = fgstatus[k] == 1;
    }
    return CoxModel.of(RReference.vec(v.get("fgstop")), status, x)
        .withStartTimes(RReference.vec(v.get("fgstart")))
        .withWeights(RReference.vec(v.get("fgwt")))
        .withClusters(c)
        .fit();
  }

  static JsonNode values(String id) {
    return CompetingRiskData.values(id);
  }
}
