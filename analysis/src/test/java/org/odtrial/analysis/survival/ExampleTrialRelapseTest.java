package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example trial's relapse estimates (specs/example-trial/expected-results.json, produced by R
 * 4.2.2 / survival 3.5.3) and the matching cases of survival-expected.json.
 */
class ExampleTrialRelapseTest {

  private static final Dataset DERIVED = Dataset.load("/example-trial/derived.csv");
  private static final Dataset PARTICIPANTS = Dataset.load("/example-trial/participants.csv");
  private static final JsonNode EXPECTED = RReference.read("/example-trial/expected-results.json");

  /**
   * Contract code order for sex; levels without participants are dropped, female is the reference.
   */
  private static final List<String> SEX_CODES = List.of("female", "male", "other", "unknown");

  private final Arm od = arm("OD");
  private final Arm tau = arm("TAU");

  private record Arm(double[] time, boolean[] event) {}

  @Test
  void kaplanMeierAt365And730WithLogCi() {
    for (Arm a : List.of(od, tau)) {
      String name = a == od ? "OD" : "TAU";
      KaplanMeierFit fit = KaplanMeier.of(a.time(), a.event()).fit();
      KaplanMeierRTest.check("km.trial." + name, fit);
      for (JsonNode e : estimates("relapse.km")) {
        if (!e.get("arm").asText().equals(name)) {
          continue;
        }
        double t = e.get("time_days").asDouble();
        KaplanMeierFit.SurvivalAt at = fit.at(t).orElseThrow();
        close(at.surv(), e.get("estimate").asDouble(), REL_ESTIMATE, name + " S(" + t + ")");
        close(at.lower(), e.get("ci_low").asDouble(), REL_ESTIMATE, name + " lower(" + t + ")");
        close(at.upper(), e.get("ci_high").asDouble(), REL_ESTIMATE, name + " upper(" + t + ")");
      }
    }
  }

  @Test
  void logRank() {
    int[] group = armCodes();
    LogRank.Result r =
        LogRank.of(DERIVED.nums("relapse_days"), DERIVED.events("relapse", 1), group).test();
    LogRankRTest.check("logrank.trial.arm", r);
    JsonNode e = estimates("relapse.logrank").get(0);
    close(r.chisq(), e.get("estimate").asDouble(), REL_ESTIMATE, "log-rank chisq");
    assertThat(r.df()).isEqualTo(e.get("df").asInt());
    close(r.pValue(), e.get("p_value").asDouble(), REL_P, "log-rank p");
  }

  @Test
  void coxArmWithClusterRobustSe() {
    double[][] x = new double[DERIVED.size()][];
    int[] group = armCodes();
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {group[i]};
    }
    CoxFit fit =
        CoxModel.of(DERIVED.nums("relapse_days"), DERIVED.events("relapse", 1), x)
            .withNames(List.of("armOD"))
            .withClusters(clusterCodes())
            .fit();
    CoxModelRTest.check("cox.trial.arm", fit);
    checkHazardRatio(estimates("relapse.cox").get(0), fit, 0);
    assertThat(fit.clusters()).isEqualTo(12);
  }

  @Test
  void coxAdjustedForAgeSexPriorAdmissions() {
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < PARTICIPANTS.size(); i++) {
      row.put(PARTICIPANTS.text("participant_id", i), i);
    }
    List<String> present = new ArrayList<>();
    for (String level : SEX_CODES) {
      for (int i = 0; i < PARTICIPANTS.size(); i++) {
        if (PARTICIPANTS.text("sex", i).equals(level)) {
          present.add(level);
          break;
        }
      }
    }
    assertThat(present).containsExactly("female", "male", "other");
    int[] group = armCodes();
    double[][] x = new double[DERIVED.size()][];
    for (int i = 0; i < x.length; i++) {
      int pr = row.get(DERIVED.text("participant_id", i));
      String sex = PARTICIPANTS.text("sex", pr);
      double[] xi = new double[2 + present.size() - 1 + 1];
      xi[0] = group[i];
      xi[1] = PARTICIPANTS.num("age", pr);
      for (int l = 1; l < present.size(); l++) {
        xi[1 + l] = sex.equals(present.get(l)) ? 1 : 0;
      }
      xi[xi.length - 1] = PARTICIPANTS.num("prior_admissions", pr);
      x[i] = xi;
    }
    CoxFit fit =
        CoxModel.of(DERIVED.nums("relapse_days"), DERIVED.events("relapse", 1), x)
            .withNames(List.of("armOD", "age", "sexmale", "sexother", "prior_admissions"))
            .withClusters(clusterCodes())
            .fit();
    CoxModelRTest.check("cox.trial.adjusted", fit);
    checkHazardRatio(estimates("relapse.cox_adjusted").get(0), fit, fit.indexOf("armOD"));
  }

  @Test
  void restrictedMeanAt730PerArmAndDifference() {
    Rmst.Result rOd = Rmst.of(KaplanMeier.of(od.time(), od.event()).fit(), 730);
    Rmst.Result rTau = Rmst.of(KaplanMeier.of(tau.time(), tau.event()).fit(), 730);
    Rmst.Difference diff = Rmst.difference(rOd, rTau, 0.95);
    for (JsonNode e : estimates("relapse.rmst")) {
      String arm = e.get("arm").asText();
      if (arm.equals("difference")) {
        close(diff.estimate(), e.get("estimate").asDouble(), REL_ESTIMATE, "RMST difference");
        close(diff.se(), e.get("se").asDouble(), REL_ESTIMATE, "RMST difference se");
        close(diff.ciLow(), e.get("ci_low").asDouble(), REL_ESTIMATE, "RMST difference ci low");
        close(diff.ciHigh(), e.get("ci_high").asDouble(), REL_ESTIMATE, "RMST difference ci high");
      } else {
        Rmst.Result r = arm.equals("OD") ? rOd : rTau;
        close(r.rmean(), e.get("estimate").asDouble(), REL_ESTIMATE, arm + " RMST");
        close(r.se(), e.get("se").asDouble(), REL_ESTIMATE, arm + " RMST se");
        assertThat(r.beyondFollowUp()).isFalse();
      }
    }
    JsonNode v = RReference.values("rmst.trial.arm");
    // R orders strata TAU, OD.
    close(rTau.rmean(), RReference.vec(v.get("rmean"))[0], REL_ESTIMATE, "rmst.trial.arm TAU");
    close(rOd.se(), RReference.vec(v.get("se"))[1], REL_ESTIMATE, "rmst.trial.arm OD se");
  }

  private static void checkHazardRatio(JsonNode e, CoxFit fit, int k) {
    close(
        fit.hazardRatio()[k],
        e.get("estimate").asDouble(),
        REL_ESTIMATE,
        e.get("id").asText() + " HR");
    close(fit.se()[k], e.get("se").asDouble(), REL_ESTIMATE, e.get("id").asText() + " robust se");
    close(
        fit.hrLower()[k],
        e.get("ci_low").asDouble(),
        REL_ESTIMATE,
        e.get("id").asText() + " ci low");
    close(
        fit.hrUpper()[k],
        e.get("ci_high").asDouble(),
        REL_ESTIMATE,
        e.get("id").asText() + " ci high");
    close(fit.pValue()[k], e.get("p_value").asDouble(), REL_P, e.get("id").asText() + " p");
    assertThat(fit.n()).isEqualTo(e.get("n").asInt());
    assertThat(fit.events()).isEqualTo(e.get("events").asInt());
  }

  private static List<JsonNode> estimates(String id) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : EXPECTED.get("estimates")) {
      if (e.get("id").asText().equals(id)) {
        out.add(e);
      }
    }
    assertThat(out).as("expected-results.json has " + id).isNotEmpty();
    return out;
  }

  /** TAU = 0 (reference), OD = 1. */
  private static int[] armCodes() {
    return DERIVED.codes("arm", List.of("TAU", "OD"));
  }

  private static int[] clusterCodes() {
    List<String> ids = new ArrayList<>();
    int[] out = new int[DERIVED.size()];
    for (int i = 0; i < out.length; i++) {
      String c = DERIVED.text("cluster_id", i);
      if (!ids.contains(c)) {
        ids.add(c);
      }
      out[i] = ids.indexOf(c);
    }
    return out;
  }

  private static Arm arm(String name) {
    Dataset d = DERIVED.where(i -> DERIVED.text("arm", i).equals(name));
    return new Arm(d.nums("relapse_days"), d.events("relapse", 1));
  }
}
