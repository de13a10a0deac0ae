package org.odtrial.analysis.competing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.competing.CompetingRiskData.MGUS2;
import static org.odtrial.analysis.competing.CompetingRiskData.SPARSE;
import static org.odtrial.analysis.competing.CompetingRiskData.TRIAL;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gray's test against {@code cmprsk::cuminc(...)$Tests} (cmprsk 2.2-11): two and three groups, rho
 * 0 and 1, both causes of mgus2, the generated trials. Statistics at 1e-6, p-values at 1e-4 where
 * R's {@code 1 - pchisq} is above 1e-10 (below that R rounds to 0; this test checks the tail is
 * tiny).
 */
class GrayTestRTest {

  @Test
  void mgus2TwoAndThreeGroups() {
    double[] t = CompetingRiskData.mgusTime();
    int[] s = CompetingRiskData.mgusStatus();
    GrayTest sex = GrayTest.of(t, s, MGUS2.codes("sex", List.of("F", "M")));
    check("cuminc.mgus2.sex", new int[] {1, 2}, sex, 0);
    GrayTest age = GrayTest.of(t, s, CompetingRiskData.mgusAgeGroup());
    check("cuminc.mgus2.agegrp", new int[] {1, 2}, age, 0);
    check("cuminc.mgus2.agegrp.rho1", new int[] {1, 2}, age, 1);
  }

  @Test
  void generatedTrials() {
    double[] t = TRIAL.nums("relapse_days");
    int[] arm = CompetingRiskData.armCodes(TRIAL);
    check(
        "cuminc.gen.arm",
        new int[] {1, 2},
        GrayTest.of(t, CompetingRiskData.trialStatus(TRIAL, false, false), arm),
        0);
    check(
        "cuminc.nodeath.arm",
        new int[] {1},
        GrayTest.of(t, CompetingRiskData.trialStatus(TRIAL, true, false), arm),
        0);
    check(
        "cuminc.alldeath.arm",
        new int[] {2},
        GrayTest.of(t, CompetingRiskData.trialStatus(TRIAL, false, true), arm),
        0);
    check(
        "cuminc.sparse.arm",
        new int[] {1, 2},
        GrayTest.of(
            SPARSE.nums("relapse_days"),
            CompetingRiskData.trialStatus(SPARSE, false, false),
            CompetingRiskData.armCodes(SPARSE)),
        0);
  }

  @Test
  void aCauseThatNeverOccursHasNoTest() {
    // Everybody dies first: the scores and their variance are exactly 0 (cuminc gives no test for
    // cause 1; with the variance singular it would report -1).
    GrayTest.Result r =
        GrayTest.of(
                TRIAL.nums("relapse_days"),
                CompetingRiskData.trialStatus(TRIAL, false, true),
                CompetingRiskData.armCodes(TRIAL))
            .test();
    assertThat(r.score()).containsExactly(0.0);
    assertThat(r.variance()[0][0]).isZero();
    assertThat(r.statistic()).isNaN();
    assertThat(r.pValue()).isNaN();
    assertThat(r.df()).isEqualTo(1);
  }

  @Test
  void oneGroupHasNothingToCompare() {
    GrayTest.Result r =
        GrayTest.of(new double[] {1, 2, 3}, new int[] {1, 2, 0}, new int[] {4, 4, 4}).test();
    assertThat(r.df()).isZero();
    assertThat(r.statistic()).isNaN();
  }

  private static void check(String id, int[] causes, GrayTest test, double rho) {
    JsonNode tests = CompetingRiskData.values(id).get("tests");
    double[] stat = vec(tests.get("stat"));
    double[] pv = vec(tests.get("pv"));
    double[] df = vec(tests.get("df"));
    for (int k = 0; k < causes.length; k++) {
      GrayTest.Result r = test.forCause(causes[k]).withRho(rho).test();
      String what = id + " cause " + causes[k];
      close(r.statistic(), stat[k], REL_ESTIMATE, what + " stat");
      assertThat((double) r.df()).as(what + " df").isEqualTo(df[k]);
      if (pv[k] > 1e-10) {
        close(r.pValue(), pv[k], REL_P, what + " p");
      } else {
        assertThat(r.pValue()).as(what + " p (R: " + pv[k] + ")").isLessThan(1e-10);
      }
    }
  }
}
