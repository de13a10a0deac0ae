package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Restricted mean survival against summary(survfit(...), rmean = tau)$table. */
class RmstRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv");
  private static final Dataset VETERAN = Dataset.load("/r/datasets/veteran.csv");
  private static final Dataset OVARIAN = Dataset.load("/r/datasets/ovarian.csv");
  private static final Dataset TIES = Dataset.load("/r/datasets/clustered_ties.csv");

  @Test
  void lungWithinAtAndBeyondFollowUp() {
    KaplanMeierFit fit = KaplanMeier.of(LUNG.nums("time"), LUNG.events("status", 2)).fit();
    Rmst.Result r365 = check("rmst.lung.365", fit, 0);
    assertThat(r365.beyondFollowUp()).isFalse();
    assertThat(r365.notes()).isEmpty();
    assertThat(check("rmst.lung.1022", fit, 0).beyondFollowUp()).isFalse();
    Rmst.Result beyond = check("rmst.lung.1500", fit, 0);
    assertThat(beyond.beyondFollowUp()).isTrue();
    assertThat(beyond.notes())
        .singleElement()
        .asString()
        .contains("beyond the last follow-up time 1022");
  }

  @Test
  void ovarian() {
    check(
        "rmst.ovarian.800",
        KaplanMeier.of(OVARIAN.nums("futime"), OVARIAN.events("fustat", 1)).fit(),
        0);
  }

  @Test
  void perArmWithTies() {
    for (int arm = 0; arm <= 1; arm++) {
      int a = arm;
      Dataset d = TIES.where(i -> TIES.num("trt", i) == a);
      check("rmst.ties.trt", KaplanMeier.of(d.nums("time"), d.events("status", 1)).fit(), arm);
    }
    for (int arm = 1; arm <= 2; arm++) {
      int a = arm;
      Dataset d = VETERAN.where(i -> VETERAN.num("trt", i) == a);
      check(
          "rmst.veteran.trt", KaplanMeier.of(d.nums("time"), d.events("status", 1)).fit(), arm - 1);
    }
  }

  @Test
  void differenceAddsVariances() {
    Rmst.Result a = new Rmst.Result(10, 7, 3, false, java.util.List.of());
    Rmst.Result b = new Rmst.Result(10, 5, 4, true, java.util.List.of("b note"));
    Rmst.Difference d = Rmst.difference(a, b, 0.95);
    assertThat(d.estimate()).isEqualTo(2.0);
    assertThat(d.se()).isEqualTo(5.0);
    close(d.ciLow(), 2 - 1.959963984540054 * 5, 1e-12, "ci low");
    assertThat(d.notes()).containsExactly("b note");
    assertThatThrownBy(
            () -> Rmst.difference(a, new Rmst.Result(11, 5, 4, false, java.util.List.of()), 0.95))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tauBeforeStartIsRejected() {
    KaplanMeierFit fit = KaplanMeier.of(new double[] {3, 4}, new boolean[] {true, false}).fit();
    assertThatThrownBy(() -> Rmst.of(fit, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Rmst.Result check(String id, KaplanMeierFit fit, int row) {
    JsonNode v = RReference.values(id);
    double tau = v.get("tau").asDouble();
    Rmst.Result r = Rmst.of(fit, tau);
    close(r.rmean(), vec(v.get("rmean"))[row], REL_ESTIMATE, id + " rmean[" + row + "]");
    close(r.se(), vec(v.get("se"))[row], REL_ESTIMATE, id + " se(rmean)[" + row + "]");
    return r;
  }
}
