package org.odtrial.analysis.competing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.competing.CompetingRiskData.MGUS2;
import static org.odtrial.analysis.competing.CompetingRiskData.SPARSE;
import static org.odtrial.analysis.competing.CompetingRiskData.TRIAL;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.mat;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.survival.CoxFit;
import org.odtrial.analysis.survival.CoxModel;
import org.odtrial.analysis.survival.Dataset;

/**
 * Fine-Gray against survival 3.5.3: the expansion against {@code finegray()} row by row (and by
 * sums on mgus2's 41,775 rows), the fit against {@code coxph(Surv(fgstart, fgstop, fgstatus) ~ x,
 * weights = fgwt, cluster = ...)} on those rows.
 */
class FineGrayRTest {

  private static double[][] mgusDesign() {
    double[][] x = new double[MGUS2.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {MGUS2.num("age", i), MGUS2.text("sex", i).equals("M") ? 1 : 0};
    }
    return x;
  }

  private static FineGray mgus(int cause) {
    return FineGray.of(CompetingRiskData.mgusTime(), CompetingRiskData.mgusStatus(), mgusDesign())
        .forCause(cause)
        .withNames(List.of("age", "sexM"));
  }

  private static FineGray trial(Dataset d, boolean noDeaths) {
    return FineGray.of(
            d.nums("relapse_days"),
            CompetingRiskData.trialStatus(d, noDeaths, false),
            CompetingRiskData.armColumn(d))
        .withClusters(CompetingRiskData.clusterCodes(d))
        .withNames(List.of("armOD"));
  }

  @Test
  void expansionRowByRow() {
    checkRows("finegray.gen.data", trial(TRIAL, false).expand());
    checkRows("finegray.nodeath.data", trial(TRIAL, true).expand());
    checkRows("finegray.sparse.data", trial(SPARSE, false).expand());
  }

  @Test
  void expansionOfMgus2BySums() {
    checkSums("finegray.mgus2.pcm.data", mgus(1).expand());
    checkSums("finegray.mgus2.death.data", mgus(2).expand());
  }

  @Test
  void fitWithClusters() {
    check("finegray.gen.robust", trial(TRIAL, false).fit());
    check("finegray.nodeath.robust", trial(TRIAL, true).fit());
    check("finegray.sparse.robust", trial(SPARSE, false).fit());
  }

  @Test
  void fitClusteredBySubject() {
    // Without clusters each subject is its own cluster: R's cluster = id.
    check("finegray.mgus2.pcm.robust", mgus(1).fit());
    check("finegray.mgus2.death.robust", mgus(2).fit());
  }

  @Test
  void expandedRowsThroughTheCoxModelAgreeWithCoxphToo() {
    // coxph without a cluster on finegray's rows: non-integer weights make each row a cluster.
    FineGray.Rows r = mgus(1).expand();
    double[][] x = mgusDesign();
    double[][] xr = new double[r.size()][];
    for (int k = 0; k < xr.length; k++) {
      xr[k] = x[r.subject()[k]];
    }
    CoxModel m =
        CoxModel.of(r.stop(), r.status(), xr)
            .withStartTimes(r.start())
            .withWeights(r.weight())
            .withNames(List.of("age", "sexM"));
    compare("finegray.mgus2.pcm.cox", m.fit(), r.size());
    compare(
        "finegray.mgus2.pcm.breslow",
        m.withTies(org.odtrial.analysis.survival.Ties.BRESLOW).fit(),
        r.size());
    // The fit on the original rows equals the fit on the expanded ones.
    CoxFit expanded = m.withClusters(r.subject()).fit();
    CoxFit direct = mgus(1).fit().cox();
    for (int j = 0; j < 2; j++) {
      assertThat(direct.coef()[j])
          .isCloseTo(expanded.coef()[j], org.assertj.core.api.Assertions.within(1e-12));
      for (int k = 0; k < 2; k++) {
        assertThat(direct.robustVar()[j][k])
            .isCloseTo(expanded.robustVar()[j][k], org.assertj.core.api.Assertions.within(1e-14));
      }
    }
    assertThat(direct.loglikFinal())
        .isCloseTo(expanded.loglikFinal(), org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void noEventOfTheCause() {
    FineGrayFit f =
        FineGray.of(
                TRIAL.nums("relapse_days"),
                CompetingRiskData.trialStatus(TRIAL, false, true),
                CompetingRiskData.armColumn(TRIAL))
            .withClusters(CompetingRiskData.clusterCodes(TRIAL))
            .fit();
    assertThat(CompetingRiskData.values("finegray.alldeath.robust").get("error").asText())
        .isNotEmpty();
    assertThat(f.events()).isZero();
    assertThat(f.competingEvents()).isEqualTo(TRIAL.size());
    assertThat(f.cox().coef()[0]).isNaN();
    assertThat(f.notes()).anySatisfy(n -> assertThat(n).contains("no events of cause 1"));
  }

  private static void checkRows(String id, FineGray.Rows rows) {
    JsonNode v = CompetingRiskData.values(id);
    assertThat(rows.size()).as(id + " rows").isEqualTo(v.get("rows").asInt());
    double[] rowId = vec(v.get("row_id"));
    double[] start = vec(v.get("fgstart"));
    double[] stop = vec(v.get("fgstop"));
    double[] status = vec(v.get("fgstatus"));
    double[] wt = vec(v.get("fgwt"));
    for (int k = 0; k < rows.size(); k++) {
      String what = id + " row " + (k + 1);
      assertThat(rows.subject()[k] + 1.0).as(what + " subject").isEqualTo(rowId[k]);
      assertThat(rows.start()[k]).as(what + " start").isEqualTo(start[k]);
      assertThat(rows.stop()[k]).as(what + " stop").isEqualTo(stop[k]);
      assertThat(rows.status()[k] ? 1.0 : 0.0).as(what + " status").isEqualTo(status[k]);
      close(rows.weight()[k], wt[k], 1e-12, what + " weight");
    }
  }

  private static void checkSums(String id, FineGray.Rows rows) {
    JsonNode v = CompetingRiskData.values(id);
    assertThat(rows.size()).as(id + " rows").isEqualTo(v.get("rows").asInt());
    double w = 0;
    double ws = 0;
    double s = 0;
    int events = 0;
    for (int k = 0; k < rows.size(); k++) {
      w += rows.weight()[k];
      ws += rows.weight()[k] * rows.stop()[k];
      s += rows.start()[k];
      events += rows.status()[k] ? 1 : 0;
    }
    close(w, v.get("sum_fgwt").asDouble(), 1e-12, id + " sum of weights");
    close(ws, v.get("sum_fgwt_fgstop").asDouble(), 1e-12, id + " sum of weight x stop");
    close(s, v.get("sum_fgstart").asDouble(), 1e-12, id + " sum of starts");
    assertThat(events).as(id + " events").isEqualTo(v.get("events").asInt());
  }

  private static void check(String id, FineGrayFit f) {
    compare(id, f.cox(), f.subjects());
    assertThat(f.events())
        .as(id + " events")
        .isEqualTo(CompetingRiskData.values(id).get("nevent").asInt());
  }

  /** The fit against a {@code cox_case} of R (R's n counts expanded rows, {@code rows} here). */
  private static void compare(String id, CoxFit fit, int n) {
    JsonNode v = CompetingRiskData.values(id);
    close(fit.coef(), vec(v.get("coef")), REL_ESTIMATE, id + " coef");
    double[] loglik = vec(v.get("loglik"));
    close(fit.loglikInitial(), loglik[0], REL_ESTIMATE, id + " loglik0");
    close(fit.loglikFinal(), loglik[1], REL_ESTIMATE, id + " loglik");
    close(fit.scoreTest(), v.get("score").asDouble(), REL_ESTIMATE, id + " score test");
    assertThat(fit.iterations()).as(id + " iter").isEqualTo(v.get("iter").asInt());
    double[][] var = mat(v.get("var"));
    double[][] robust = mat(v.get("robust_var"));
    for (int i = 0; i < var.length; i++) {
      close(fit.var()[i], var[i], REL_ESTIMATE, id + " var row " + i);
      close(fit.robustVar()[i], robust[i], REL_ESTIMATE, id + " robust var row " + i);
    }
    close(fit.se(), vec(v.get("se")), REL_ESTIMATE, id + " se");
    close(fit.hazardRatio(), vec(v.get("hr")), REL_ESTIMATE, id + " HR");
    close(fit.hrLower(), vec(v.get("hr_lower")), REL_ESTIMATE, id + " lower");
    close(fit.hrUpper(), vec(v.get("hr_upper")), REL_ESTIMATE, id + " upper");
    close(fit.pValue(), vec(v.get("p_value")), REL_P, id + " p");
    assertThat(fit.n()).as(id + " n").isEqualTo(n);
    assertThat(Arrays.asList(fit.possiblyInfinite())).as(id).isNotNull();
  }
}
