package org.odtrial.analysis.competing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.competing.CompetingRiskData.MGUS2;
import static org.odtrial.analysis.competing.CompetingRiskData.SPARSE;
import static org.odtrial.analysis.competing.CompetingRiskData.TRIAL;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cumulative incidence against {@code cmprsk::cuminc} (cmprsk 2.2-11): every corner of R's step
 * function (time, estimate, variance) and {@code timepoints()} at chosen times, on survival's mgus2
 * and on generated clustered trials (with no deaths, with everybody dying first, sparse).
 */
class CumulativeIncidenceRTest {

  @Test
  void mgus2BySexBothCauses() {
    double[] t = CompetingRiskData.mgusTime();
    int[] s = CompetingRiskData.mgusStatus();
    String[] sex = new String[MGUS2.size()];
    for (int i = 0; i < sex.length; i++) {
      sex[i] = MGUS2.text("sex", i);
    }
    for (String level : new String[] {"F", "M"}) {
      int[] keep = indices(sex, level);
      for (int cause : new int[] {1, 2}) {
        check("cuminc.mgus2.sex", level + " " + cause, fit(t, s, keep, cause));
      }
    }
  }

  @Test
  void mgus2ThreeAgeGroupsAndUngrouped() {
    double[] t = CompetingRiskData.mgusTime();
    int[] s = CompetingRiskData.mgusStatus();
    int[] g = CompetingRiskData.mgusAgeGroup();
    String[] names = {"(0,60]", "(60,75]", "(75,Inf]"};
    for (int k = 0; k < 3; k++) {
      int code = k;
      int[] keep =
          java.util.stream.IntStream.range(0, t.length).filter(i -> g[i] == code).toArray();
      for (int cause : new int[] {1, 2}) {
        check("cuminc.mgus2.agegrp", names[k] + " " + cause, fit(t, s, keep, cause));
      }
    }
    int[] all = java.util.stream.IntStream.range(0, t.length).toArray();
    check("cuminc.mgus2.one", "1 1", fit(t, s, all, 1));
    check("cuminc.mgus2.one", "1 2", fit(t, s, all, 2));
  }

  @Test
  void generatedTrialsByArm() {
    String[] arm = arms(TRIAL);
    double[] t = TRIAL.nums("relapse_days");
    for (String level : new String[] {"OD", "TAU"}) {
      int[] keep = indices(arm, level);
      check(
          "cuminc.gen.arm",
          level + " 1",
          fit(t, CompetingRiskData.trialStatus(TRIAL, false, false), keep, 1));
      check(
          "cuminc.gen.arm",
          level + " 2",
          fit(t, CompetingRiskData.trialStatus(TRIAL, false, false), keep, 2));
      check(
          "cuminc.nodeath.arm",
          level + " 1",
          fit(t, CompetingRiskData.trialStatus(TRIAL, true, false), keep, 1));
      check(
          "cuminc.alldeath.arm",
          level + " 2",
          fit(t, CompetingRiskData.trialStatus(TRIAL, false, true), keep, 2));
    }
    String[] sparseArm = arms(SPARSE);
    for (String level : new String[] {"OD", "TAU"}) {
      int[] keep = indices(sparseArm, level);
      for (int cause : new int[] {1, 2}) {
        check(
            "cuminc.sparse.arm",
            level + " " + cause,
            fit(
                SPARSE.nums("relapse_days"),
                CompetingRiskData.trialStatus(SPARSE, false, false),
                keep,
                cause));
      }
    }
  }

  @Test
  void noEventOfTheCauseIsAFlatZeroCurve() {
    // Everybody dies before relapsing: cuminc gives no curve for cause 1 (it never occurs); the
    // estimate is 0 with variance 0 up to the last follow-up.
    String[] arm = arms(TRIAL);
    int[] keep = indices(arm, "OD");
    CumulativeIncidenceFit f =
        fit(TRIAL.nums("relapse_days"), CompetingRiskData.trialStatus(TRIAL, false, true), keep, 1);
    assertThat(f.time()).isEmpty();
    assertThat(f.events()).isZero();
    assertThat(f.competingEvents()).isEqualTo(keep.length);
    assertThat(f.at(365)).contains(new CumulativeIncidenceFit.Point(365, 0, 0));
    assertThat(f.at(f.lastTime() + 1)).isEmpty();
  }

  @Test
  void emptyAndDegenerateSamples() {
    CumulativeIncidenceFit empty = CumulativeIncidence.of(new double[0], new int[0]).fit();
    assertThat(empty.n()).isZero();
    assertThat(empty.at(0)).isEmpty();
    // One subject, an event at time 0: cuminc(0, 1) gives estimate 1 and variance 1 (its Aalen
    // term d / n^2 with nobody left at risk), and so does this.
    CumulativeIncidenceFit one = CumulativeIncidence.of(new double[] {0}, new int[] {1}).fit();
    assertThat(one.at(0)).contains(new CumulativeIncidenceFit.Point(0, 1, 1));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CumulativeIncidence.of(new double[] {1}, new int[] {-1}))
        .hasMessageContaining("status[0] = -1");
  }

  private static CumulativeIncidenceFit fit(double[] t, int[] s, int[] keep, int cause) {
    double[] tk = Arrays.stream(keep).mapToDouble(i -> t[i]).toArray();
    int[] sk = Arrays.stream(keep).map(i -> s[i]).toArray();
    return CumulativeIncidence.of(tk, sk).forCause(cause).fit();
  }

  /** Compares the jumps and timepoints with R's curve {@code name} of case {@code id}. */
  static void check(String id, String name, CumulativeIncidenceFit f) {
    JsonNode curve = null;
    for (JsonNode c : CompetingRiskData.values(id).get("curves")) {
      if (c.get("name").asText().equals(name)) {
        curve = c;
      }
    }
    assertThat(curve).as(id + " curve " + name).isNotNull();
    String what = id + " " + name;
    double[] x = vec(curve.get("time"));
    double[] est = vec(curve.get("est"));
    double[] var = vec(curve.get("var"));
    // cinc's corners: 0, then (t_j, t_j) per jump, then the last follow-up time.
    int jumps = (x.length - 2) / 2;
    assertThat(f.time()).as(what + " jumps").hasSize(jumps);
    for (int j = 0; j < jumps; j++) {
      assertThat(f.time()[j]).as(what + " jump time " + j).isEqualTo(x[2 * j + 2]);
      close(f.estimate()[j], est[2 * j + 2], REL_ESTIMATE, what + " estimate " + j);
      close(f.variance()[j], var[2 * j + 2], REL_ESTIMATE, what + " variance " + j);
    }
    assertThat(f.lastTime()).as(what + " last time").isEqualTo(x[x.length - 1]);
    double[] at = vec(curve.get("at"));
    double[] atEst = vec(curve.get("at_est"));
    double[] atVar = vec(curve.get("at_var"));
    for (int k = 0; k < at.length; k++) {
      Optional<CumulativeIncidenceFit.Point> p = f.at(at[k]);
      assertThat(p.isPresent())
          .as(what + " at " + at[k] + " (R NA = absent)")
          .isEqualTo(!Double.isNaN(atEst[k]));
      if (p.isPresent()) {
        close(p.get().estimate(), atEst[k], REL_ESTIMATE, what + " at " + at[k]);
        close(p.get().variance(), atVar[k], REL_ESTIMATE, what + " var at " + at[k]);
      }
    }
  }

  private static String[] arms(org.odtrial.analysis.survival.Dataset d) {
    String[] a = new String[d.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = d.text("arm", i);
    }
    return a;
  }

  private static int[] indices(String[] values, String level) {
    return java.util.stream.IntStream.range(0, values.length)
        .filter(i -> values[i].equals(level))
        .toArray();
  }
}
