package org.odtrial.analysis.imputation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** The ziggurat's normal draws are standard normal, tails included; the same seed, same draws. */
class DrawsTest {
  private static final int N = 200_000;

  @Test
  void normalDrawsAreStandardNormal() {
    Draws draws = new Draws(new Well19937c(20261202));
    double[] x = new double[N];
    double sum = 0;
    double sq = 0;
    int beyondR = 0;
    int beyond2 = 0;
    for (int i = 0; i < N; i++) {
      x[i] = draws.normal();
      sum += x[i];
      sq += x[i] * x[i];
      beyondR += Math.abs(x[i]) > 3.442619855899 ? 1 : 0;
      beyond2 += Math.abs(x[i]) > 2 ? 1 : 0;
    }
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(), x);
    assertThat(p).isGreaterThan(0.01);
    assertThat(sum / N).isBetween(-4 / Math.sqrt(N), 4 / Math.sqrt(N));
    assertThat(sq / N).isBetween(1 - 4 * Math.sqrt(2.0 / N), 1 + 4 * Math.sqrt(2.0 / N));
    // the base layer's tail and the wedges: counts within 4 binomial se of the normal's mass
    NormalDistribution z = new NormalDistribution();
    for (double[] c : new double[][] {{3.442619855899, beyondR}, {2, beyond2}}) {
      double mass = 2 * z.cumulativeProbability(-c[0]);
      double se = Math.sqrt(N * mass * (1 - mass));
      assertThat(c[1]).isBetween(N * mass - 4 * se, N * mass + 4 * se);
    }
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    Draws a = new Draws(new Well19937c(7));
    Draws b = new Draws(new Well19937c(7));
    for (int i = 0; i < 1000; i++) {
      assertThat(a.normal()).isEqualTo(b.normal());
    }
  }
}
