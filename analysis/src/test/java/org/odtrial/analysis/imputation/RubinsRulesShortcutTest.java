package org.odtrial.analysis.imputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tipping-point grid's shortcut gives exactly the pooled estimate and p-value of pool(). */
class RubinsRulesShortcutTest {
  @Test
  void estimateAndPValueEqualPoolBitForBit() {
    Random rnd = new Random(20261202);
    double[] dfs = {3.5, 12.4, 40, Double.POSITIVE_INFINITY};
    for (int trial = 0; trial < 200; trial++) {
      int m = 2 + rnd.nextInt(30);
      double[] q = new double[m];
      double[] u = new double[m];
      double centre = rnd.nextGaussian() * 3;
      for (int k = 0; k < m; k++) {
        q[k] = centre + rnd.nextGaussian() * rnd.nextDouble();
        u[k] = 0.1 + rnd.nextDouble();
      }
      double df = dfs[trial % dfs.length];
      RubinsRules pooled = RubinsRules.pool(q, u, df);
      double[] fast = RubinsRules.estimateAndPValue(q, u, df);
      assertThat(fast[0]).isEqualTo(pooled.estimate());
      assertThat(fast[1]).isEqualTo(pooled.pValue());
    }
  }
}
