package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Degenerate inputs: no events, no events in one arm, invalid arguments, input independence. */
class SurvivalEdgeCaseTest {

  @Test
  void coxWithoutEventsReturnsNaNAndANote() {
    double[] t = {1, 2, 3, 4};
    boolean[] e = new boolean[4];
    CoxFit fit =
        CoxModel.of(t, e, new double[][] {{1}, {0}, {1}, {0}})
            .withClusters(new int[] {1, 1, 2, 2})
            .fit();
    assertThat(fit.coef()[0]).isNaN();
    assertThat(fit.events()).isZero();
    assertThat(fit.converged()).isFalse();
    assertThat(fit.notes()).singleElement().asString().contains("no events");
  }

  @Test
  void noEventsInOneArmGivesInfiniteHazardRatioWarning() {
    double[] t = {2, 3, 5, 7, 11, 13, 4, 6, 8, 10, 12, 14};
    boolean[] e = {true, true, true, false, true, false, false, false, false, false, false, false};
    double[][] x = new double[12][];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i < 6 ? 0 : 1};
    }
    CoxFit fit =
        CoxModel.of(t, e, x)
            .withNames(List.of("arm"))
            .withClusters(new int[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6})
            .fit();
    assertThat(fit.possiblyInfinite()).containsExactly(true);
    assertThat(fit.coef()[0]).isLessThan(-10);
    assertThat(fit.notes()).anySatisfy(n -> assertThat(n).contains("coefficient may be infinite"));
  }

  @Test
  void iterationLimitIsReported() {
    double[] t = {1, 2, 3, 4, 5, 6};
    boolean[] e = {true, true, false, true, true, false};
    double[][] x = {{0.5}, {1.5}, {0.1}, {2.0}, {-1.0}, {0.3}};
    CoxFit fit = CoxModel.of(t, e, x).withControl(1e-9, 1).fit();
    assertThat(fit.converged()).isFalse();
    assertThat(fit.notes()).anySatisfy(n -> assertThat(n).contains("did not converge"));
    CoxFit full = CoxModel.of(t, e, x).fit();
    assertThat(full.converged()).isTrue();
  }

  @Test
  void inputsAreCopiedAndOrderDoesNotMatter() {
    double[] t = {5, 1, 4, 2, 3, 6, 2};
    boolean[] e = {true, true, false, true, true, false, true};
    double[][] x = {{1, 0.2}, {0, 1.1}, {1, -0.4}, {0, 0.7}, {1, 0.0}, {0, 2.2}, {1, 0.9}};
    CoxModel m = CoxModel.of(t, e, x);
    CoxFit a = m.fit();
    t[0] = 100;
    CoxFit b = m.fit();
    assertThat(b.coef()).containsExactly(a.coef());
    int[] perm = {6, 5, 4, 3, 2, 1, 0};
    double[] t2 = new double[7];
    boolean[] e2 = new boolean[7];
    double[][] x2 = new double[7][];
    double[] t0 = {5, 1, 4, 2, 3, 6, 2};
    for (int i = 0; i < 7; i++) {
      t2[i] = t0[perm[i]];
      e2[i] = e[perm[i]];
      x2[i] = x[perm[i]];
    }
    CoxFit c = CoxModel.of(t2, e2, x2).fit();
    for (int j = 0; j < 2; j++) {
      assertThat(c.coef()[j]).isCloseTo(a.coef()[j], org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(
            () ->
                CoxModel.of(new double[] {1, 2}, new boolean[] {true, false}, new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CoxModel.of(new double[] {1}, new boolean[] {true}, new double[][] {{Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CoxModel.of(new double[] {1}, new boolean[] {true}, new double[][] {{1}})
                    .withClusters(new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LogRank.of(new double[] {Double.NaN}, new boolean[] {true}, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kaplanMeierOfEmptyFollowUpHasNoSummary() {
    KaplanMeierFit fit = KaplanMeier.of(new double[0], new boolean[0]).fit();
    assertThat(fit.time()).isEmpty();
    assertThat(fit.at(1)).isEmpty();
    assertThat(fit.nRiskAt(1)).isZero();
  }
}
