package org.odtrial.analysis.robust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two-column pass of {@link ResolventMoments} gives exactly the sums of the general one. */
class ResolventMomentsTest {

  @Test
  void twoColumnPassIsBitForBitTheGeneralPass() {
    Random r = new Random(20261202);
    for (int round = 0; round < 50; round++) {
      int n = 1 + r.nextInt(300);
      double[][] z = new double[n][];
      double[] v = new double[n];
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = new double[] {1, r.nextBoolean() ? 1 : 0};
        if (round % 2 == 1) {
          z[i][0] = r.nextGaussian();
        }
        v[i] = Math.exp(r.nextGaussian() * 3);
        s[i] = r.nextGaussian() * 10;
      }
      ResolventMoments m = new ResolventMoments(z, v, s, false);
      for (double tau : new double[] {1e-8, 0.01, 1, 37.5, 1e6}) {
        double[] general = m.passRows(tau);
        double[] two = m.passTwoColumns(tau);
        assertThat(two).hasSize(general.length);
        for (int k = 0; k < general.length; k++) {
          assertThat(Double.doubleToRawLongBits(two[k]))
              .as("sum %d at tau %s", k, tau)
              .isEqualTo(Double.doubleToRawLongBits(general[k]));
        }
      }
    }
  }
}
