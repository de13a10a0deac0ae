package org.odtrial.ingest.generate.internal;

import java.util.SplittableRandom;

/**
 * A seeded random stream with the distributions the trial model needs. StrictMath throughout, so the same seed gives
 * the same numbers on every JVM and platform (Math may differ in the last bit between platforms).
 */
public final class Rng {
  private final SplittableRandom random;
  private double spareNormal;
  private boolean hasSpare;

  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for one part of the trial (e.g. one cluster), independent of how much the others consume. */
  public static Rng forPart(long seed, long part, long salt) {
    return new Rng(mix(mix(seed ^ 0x6A09E667F3BCC909L) + part * 0x9E3779B97F4A7C15L + salt));
  }

  /** SplitMix64 finaliser: spreads nearby seeds far apart. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double uniform() {
    return random.nextDouble();
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Uniform integer in [0, bound). */
  public int below(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform integer in [lo, hi]. */
  public int between(int lo, int hi) {
    return random.nextInt(lo, hi + 1);
  }

  /** Standard normal (Marsaglia polar method). */
  public double normal() {
    if (hasSpare) {
      hasSpare = false;
      return spareNormal;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareNormal = v * m;
    hasSpare = true;
    return u * m;
  }

  /** Exponential with mean 1. */
  public double exponential() {
    return -StrictMath.log(1 - random.nextDouble());
  }

  /** Gamma with the given shape and scale 1 (Marsaglia-Tsang). */
  public double gamma(double shape) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(shape + 1) * StrictMath.pow(u == 0 ? Double.MIN_NORMAL : u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = normal();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /** Gamma with mean 1 and the given variance. */
  public double gammaMeanOne(double variance) {
    double shape = 1 / variance;
    return gamma(shape) / shape;
  }

  /** Poisson (multiplication method; splits large means so exp(-mean) never underflows). */
  public int poisson(double mean) {
    int total = 0;
    while (mean > 30) {
      total += poisson(30);
      mean -= 30;
    }
    double limit = StrictMath.exp(-mean);
    double product = random.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return total + k;
  }

  /** Lognormal with the given median and log-scale SD. */
  public double lognormal(double median, double sdLog) {
    return median * StrictMath.exp(sdLog * normal());
  }

  /** An index drawn with the given probabilities (they should sum to 1; the last absorbs rounding). */
  public int pick(double[] probabilities) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < probabilities.length - 1; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) {
        return i;
      }
    }
    return probabilities.length - 1;
  }
}
