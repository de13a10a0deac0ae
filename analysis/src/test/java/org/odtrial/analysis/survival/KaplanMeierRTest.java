package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kaplan-Meier step functions and summaries against survfit / summary.survfit. */
class KaplanMeierRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv");
  private static final Dataset VETERAN = Dataset.load("/r/datasets/veteran.csv");
  private static final Dataset OVARIAN = Dataset.load("/r/datasets/ovarian.csv");
  private static final Dataset TIES = Dataset.load("/r/datasets/clustered_ties.csv");

  @Test
  void lungLogLogLogAndPlain() {
    KaplanMeier km = KaplanMeier.of(LUNG.nums("time"), LUNG.events("status", 2));
    check("km.lung.log", km.withConfType(ConfType.LOG).fit());
    check("km.lung.loglog", km.withConfType(ConfType.LOG_LOG).fit());
    check("km.lung.plain", km.withConfType(ConfType.PLAIN).fit());
    check("km.lung.log90", km.withConfLevel(0.9).fit());
  }

  @Test
  void ovarianUpperLimitCappedAtOne() {
    check(
        "km.ovarian.log",
        KaplanMeier.of(OVARIAN.nums("futime"), OVARIAN.events("fustat", 1)).fit());
  }

  @Test
  void veteranCurvesThatReachZero() {
    Dataset trt1 = VETERAN.where(i -> VETERAN.num("trt", i) == 1);
    Dataset trt2 = VETERAN.where(i -> VETERAN.num("trt", i) == 2);
    check(
        "km.veteran.trt1",
        KaplanMeier.of(trt1.nums("time"), trt1.events("status", 1))
            .withConfType(ConfType.LOG_LOG)
            .fit());
    check("km.veteran.trt2", KaplanMeier.of(trt2.nums("time"), trt2.events("status", 1)).fit());
  }

  @Test
  void heavilyTiedTimes() {
    Dataset arm = TIES.where(i -> TIES.num("trt", i) == 0);
    check("km.ties.trt0", KaplanMeier.of(arm.nums("time"), arm.events("status", 1)).fit());
  }

  @Test
  void summaryDropsTimesBeyondFollowUpAndCountsAtRisk() {
    KaplanMeierFit fit = KaplanMeier.of(LUNG.nums("time"), LUNG.events("status", 2)).fit();
    assertThat(fit.at(2000)).isEmpty();
    assertThat(fit.at(Double.NaN)).isEmpty();
    assertThat(fit.at(fit.lastTime())).isPresent();
    assertThat(fit.nRiskAt(0)).isEqualTo(228);
    assertThat(fit.nRiskAt(5000)).isZero();
    assertThat(fit.events()).isEqualTo(165);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> KaplanMeier.of(new double[] {1, 2}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KaplanMeier.of(new double[] {-1}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KaplanMeier.of(new double[] {1}, new boolean[] {true}).withConfLevel(1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void check(String id, KaplanMeierFit fit) {
    JsonNode v = RReference.values(id);
    close(fit.time(), vec(v.get("time")), 0, id + " time");
    RReference.close(fit.nRisk(), vec(v.get("n_risk")), id + " n.risk");
    RReference.close(fit.nEvent(), vec(v.get("n_event")), id + " n.event");
    RReference.close(fit.nCensor(), vec(v.get("n_censor")), id + " n.censor");
    close(fit.surv(), vec(v.get("surv")), REL_ESTIMATE, id + " surv");
    close(fit.stdErr(), vec(v.get("std_err")), REL_ESTIMATE, id + " std.err");
    close(fit.lower(), vec(v.get("lower")), REL_ESTIMATE, id + " lower");
    close(fit.upper(), vec(v.get("upper")), REL_ESTIMATE, id + " upper");
    JsonNode s = v.get("summary");
    double[] requested = vec(s.get("requested"));
    double[] times = vec(s.get("time"));
    int k = 0;
    for (double t : requested) {
      Optional<KaplanMeierFit.SurvivalAt> at = fit.at(t);
      if (k < times.length && times[k] == t) {
        assertThat(at).as(id + " summary at " + t).isPresent();
        String w = id + " summary(times = " + t + ")";
        assertThat((double) at.get().nRisk()).as(w + " n.risk").isEqualTo(vec(s.get("n_risk"))[k]);
        close(at.get().surv(), vec(s.get("surv"))[k], REL_ESTIMATE, w + " surv");
        close(at.get().stdErr(), vec(s.get("std_err"))[k], REL_ESTIMATE, w + " std.err");
        close(at.get().lower(), vec(s.get("lower"))[k], REL_ESTIMATE, w + " lower");
        close(at.get().upper(), vec(s.get("upper"))[k], REL_ESTIMATE, w + " upper");
        k++;
      } else {
        assertThat(at).as(id + " time " + t + " is dropped by R").isEmpty();
      }
    }
    assertThat(k).isEqualTo(times.length);
  }
}
