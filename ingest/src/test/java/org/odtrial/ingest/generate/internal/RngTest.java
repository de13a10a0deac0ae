package org.odtrial.ingest.generate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator's own PRNG is SplitMix64, and its distributions have the moments they should. */
class RngTest {
  private static final int N = 200_000;

  @Test
  void isSplitMix64() {
    // first output of Vigna's reference splitmix64.c for seed 0
    assertThat(new Rng(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    for (long seed : new long[] {0, 1, -7, 20261124L, Long.MAX_VALUE}) {
      Rng ours = new Rng(seed);
      SplittableRandom jdk = new SplittableRandom(seed);
      for (int i = 0; i < 100; i++) {
        assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
      }
    }
  }

  @Test
  void boundedIntegersAreInRangeAndEven() {
    Rng rng = new Rng(3);
    int[] counts = new int[7];
    for (int i = 0; i < N; i++) {
      int v = rng.between(-3, 3);
      assertThat(v).isBetween(-3, 3);
      counts[v + 3]++;
    }
    for (int c : counts) {
      assertThat((double) c / N).isCloseTo(1.0 / 7, within(0.005));
    }
  }

  @Test
  void distributionsHaveTheirMoments() {
    Rng rng = new Rng(11);
    double[] normal = new double[N];
    double[] gamma = new double[N];
    double[] poisson = new double[N];
    double[] exponential = new double[N];
    double[] gammaSmallShape = new double[N];
    for (int i = 0; i < N; i++) {
      normal[i] = rng.normal();
      gamma[i] = rng.gammaMeanOne(0.6);
      poisson[i] = rng.poisson(3.5);
      exponential[i] = rng.exponential();
      gammaSmallShape[i] = rng.gamma(0.5);
    }
    assertThat(mean(normal)).isCloseTo(0, within(0.01));
    assertThat(variance(normal)).isCloseTo(1, within(0.015));
    assertThat(mean(gamma)).isCloseTo(1, within(0.01));
    assertThat(variance(gamma)).isCloseTo(0.6, within(0.02));
    assertThat(mean(poisson)).isCloseTo(3.5, within(0.02));
    assertThat(variance(poisson)).isCloseTo(3.5, within(0.05));
    assertThat(mean(exponential)).isCloseTo(1, within(0.01));
    assertThat(mean(gammaSmallShape)).isCloseTo(0.5, within(0.01));
    assertThat(variance(gammaSmallShape)).isCloseTo(0.5, within(0.02));
  }

  @Test
  void largePoissonMeansDoNotUnderflow() {
    Rng rng = new Rng(5);
    double sum = 0;
    for (int i = 0; i < 20_000; i++) {
      sum += rng.poisson(800);
    }
    assertThat(sum / 20_000).isCloseTo(800, within(1.0));
  }

  @Test
  void partsOfOneSeedAreDifferentStreams() {
    assertThat(Rng.forPart(1, 0, 2).nextLong()).isNotEqualTo(Rng.forPart(1, 1, 2).nextLong());
    assertThat(Rng.forPart(1, 0, 2).nextLong()).isNotEqualTo(Rng.forPart(1, 0, 3).nextLong());
    assertThat(Rng.forPart(1, 0, 2).nextLong()).isEqualTo(Rng.forPart(1, 0, 2).nextLong());
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
