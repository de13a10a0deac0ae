package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.mat;
import static org.odtrial.analysis.survival.RReference.num;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Kaplan-Meier with the cluster-robust variance and the RMST with the clusters' influence on the
 * area, against {@code survfit(..., cluster = , influence = TRUE)} (survival-clustered.R): every
 * column of the fit, summary() at chosen times, the influence matrix, and the RMST formula of
 * analysis-results-v2.md. Relative 1e-6.
 */
class ClusteredKaplanMeierRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv").where(i -> true, "inst");
  private static final Dataset COLON = Dataset.load("/r/datasets/colon.csv");
  private static final Dataset BLADDER = Dataset.load("/r/datasets/bladder.csv");

  @Test
  void lungByInstitution() {
    check(
        "km.lung.inst.log",
        KaplanMeier.of(LUNG.nums("time"), LUNG.events("status", 2))
            .withClusters(LUNG.ints("inst")));
    Dataset male = LUNG.where(i -> LUNG.num("sex", i) == 1);
    check(
        "km.lung.inst.male.loglog",
        KaplanMeier.of(male.nums("time"), male.events("status", 2))
            .withClusters(male.ints("inst"))
            .withConfType(ConfType.LOG_LOG));
    Dataset female = LUNG.where(i -> LUNG.num("sex", i) == 2);
    check(
        "km.lung.inst.female.plain",
        KaplanMeier.of(female.nums("time"), female.events("status", 2))
            .withClusters(female.ints("inst"))
            .withConfType(ConfType.PLAIN));
  }

  @Test
  void colonTwoRecordsPerPatient() {
    check(
        "km.colon.id",
        KaplanMeier.of(COLON.nums("time"), COLON.events("status", 1))
            .withClusters(COLON.ints("id")));
  }

  @Test
  void bladderRecurrencesClusteredByPatient() {
    Dataset d = BLADDER.where(i -> BLADDER.num("rx", i) == 2);
    check(
        "km.bladder.id.rx2",
        KaplanMeier.of(d.nums("stop"), d.events("event", 1)).withClusters(d.ints("id")));
  }

  @Test
  void generatedClusterTrialWithTiesAndClustersOfSizeOne() {
    ClusteredTrial a = ClusteredTrial.design("a");
    ClusteredTrial od = a.arm(true);
    check("km.gen_a.OD", KaplanMeier.of(od.time(), od.event()).withClusters(od.cluster()));
    ClusteredTrial tau = a.arm(false);
    check(
        "km.gen_a.TAU.loglog",
        KaplanMeier.of(tau.time(), tau.event())
            .withClusters(tau.cluster())
            .withConfType(ConfType.LOG_LOG));
  }

  @Test
  void fourClustersWithTheInfluenceMatrix() {
    ClusteredTrial b = ClusteredTrial.design("b");
    KaplanMeierFit fit =
        check("km.gen_b.4clusters", KaplanMeier.of(b.time(), b.event()).withClusters(b.cluster()));
    double[][] want = mat(RReference.clustered("km.gen_b.4clusters").get("influence"));
    assertThat(fit.influence()).hasNumberOfRows(4);
    for (int g = 0; g < 4; g++) {
      close(fit.influence()[g], want[g], REL_ESTIMATE, "influence row " + g);
    }
  }

  @Test
  void survivalReachingZero() {
    double[] time = {2, 3, 3, 5, 6, 6, 8, 8};
    boolean[] event = {true, false, true, true, false, true, true, true};
    int[] cl = {1, 1, 2, 2, 3, 3, 1, 2};
    KaplanMeierFit fit = check("km.alldie", KaplanMeier.of(time, event).withClusters(cl));
    double[][] want = mat(RReference.clustered("km.alldie").get("influence"));
    for (int g = 0; g < 3; g++) {
      close(fit.influence()[g], want[g], REL_ESTIMATE, "influence row " + g);
    }
    check(
        "km.alldie.plain",
        KaplanMeier.of(time, event).withClusters(cl).withConfType(ConfType.PLAIN));
  }

  @Test
  void robustRmstNeedsClusters() {
    KaplanMeierFit plain = KaplanMeier.of(new double[] {1, 2}, new boolean[] {true, true}).fit();
    assertThat(plain.robust()).isFalse();
    assertThatThrownBy(() -> Rmst.clustered(plain, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clusters");
  }

  /** Fits (with clusters already set by the caller) and compares with the R case. */
  private static KaplanMeierFit check(String id, KaplanMeier km) {
    JsonNode v = RReference.clustered(id);
    KaplanMeierFit fit = km.fit();
    assertThat(fit.robust()).as(id + " robust").isTrue();
    assertThat(fit.clusters()).as(id + " clusters").isEqualTo(v.get("clusters").asInt());
    close(fit.time(), vec(v.get("time")), 0, id + " time");
    close(fit.nRisk(), vec(v.get("n_risk")), id + " n.risk");
    close(fit.nEvent(), vec(v.get("n_event")), id + " n.event");
    close(fit.surv(), vec(v.get("surv")), REL_ESTIMATE, id + " surv");
    double[] seSurv = new double[fit.surv().length];
    for (int j = 0; j < seSurv.length; j++) {
      seSurv[j] = fit.surv()[j] * fit.stdErr()[j];
    }
    close(seSurv, vec(v.get("std_err")), REL_ESTIMATE, id + " std.err (survival scale)");
    close(fit.lower(), vec(v.get("lower")), REL_ESTIMATE, id + " lower");
    close(fit.upper(), vec(v.get("upper")), REL_ESTIMATE, id + " upper");
    JsonNode s = v.get("summary");
    double[] requested = vec(s.get("requested"));
    double[] reported = vec(s.get("time"));
    int r = 0;
    for (double t : requested) {
      Optional<KaplanMeierFit.SurvivalAt> at = fit.at(t);
      if (r >= reported.length || reported[r] != t) {
        assertThat(at).as(id + " summary at %s (R drops it)", t).isEmpty();
        continue;
      }
      KaplanMeierFit.SurvivalAt a = at.orElseThrow();
      String w = id + " summary at " + t;
      assertThat((double) a.nRisk()).as(w + " n.risk").isEqualTo(vec(s.get("n_risk"))[r]);
      close(a.surv(), vec(s.get("surv"))[r], REL_ESTIMATE, w + " surv");
      close(a.stdErr(), vec(s.get("std_err"))[r], REL_ESTIMATE, w + " std.err");
      close(a.lower(), vec(s.get("lower"))[r], REL_ESTIMATE, w + " lower");
      close(a.upper(), vec(s.get("upper"))[r], REL_ESTIMATE, w + " upper");
      r++;
    }
    assertThat(r).as(id + " summary rows").isEqualTo(reported.length);
    for (JsonNode want : v.get("rmst")) {
      double tau = num(want.get("tau"));
      Rmst.Result got = Rmst.clustered(fit, tau);
      close(got.rmean(), num(want.get("rmean")), REL_ESTIMATE, id + " rmst at " + tau);
      close(got.rmean(), num(want.get("rmean_survmean")), REL_ESTIMATE, id + " survmean " + tau);
      close(got.se(), num(want.get("se")), REL_ESTIMATE, id + " robust rmst se at " + tau);
    }
    return fit;
  }
}
