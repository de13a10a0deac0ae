package org.odtrial.ingest.generate.internal;

/**
 * A seeded random stream with the distributions the trial model needs. The generator is SplitMix64
 * (the algorithm behind java.util.SplittableRandom), written out here so that no JDK change can
 * alter a trial generated from a seed; StrictMath throughout, so the same seed gives the same
 * numbers on every JVM and platform.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private long state;
  private double spareNormal;
  private boolean hasSpare;

  public Rng(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits (SplitMix64). */
  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  private double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * A stream for one part of the trial (e.g. one cluster), independent of how much the others
   * consume.
   */
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
    return nextDouble();
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /**
   * Uniform integer in [0, bound), unbiased (31 random bits, rejecting the incomplete last block).
   */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    int bits;
    int value;
    do {
      bits = (int) (nextLong() >>> 33);
      value = bits % bound;
    } while (bits - value + (bound - 1) < 0);
    return value;
  }

  /** Uniform integer in [lo, hi]. */
  public int between(int lo, int hi) {
    return lo + below(hi - lo + 1);
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
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareNormal = v * m;
    hasSpare = true;
    return u * m;
  }

  /** Exponential with mean 1. */
  public double exponential() {
    return -StrictMath.log(1 - nextDouble());
  }

  /** Gamma with the given shape and scale 1 (Marsaglia-Tsang). */
  public double gamma(double shape) {
    if (shape < 1) {
      double u = nextDouble();
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
      double u = nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x
          || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
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
    double product = nextDouble();
    int k = 0;
    while (product > limit) {
      product *= nextDouble();
      k++;
    }
    return total + k;
  }

  /** Lognormal with the given median and log-scale SD. */
  public double lognormal(double median, double sdLog) {
    return median * StrictMath.exp(sdLog * normal());
  }

  /**
   * An index drawn with the given probabilities (they should sum to 1; the last absorbs rounding).
   */
  public int pick(double[] probabilities) {
    double u = nextDouble();
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
