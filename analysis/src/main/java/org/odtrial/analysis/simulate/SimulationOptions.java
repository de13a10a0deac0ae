package org.odtrial.analysis.simulate;

import java.util.Locale;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.ingest.generate.GeneratorOptions;

/**
 * What to simulate: {@code reps} trials of one design drawn by the generator, each analysed by the
 * whole plan. The number of threads is not an option of the study: it never changes the result.
 *
 * @param clusters randomised clusters per trial
 * @param participants participants per trial
 * @param sites sites per trial ({@link GeneratorOptions#defaultSites(int)} unless chosen)
 * @param effectScale multiplier of the generator's true effects of OD (0: none, the null)
 * @param reps number of trials, at least 1
 * @param seed master seed: rep r analyses the trial of seed {@link #repSeed(long, int)}
 */
public record SimulationOptions(
    int clusters, int participants, int sites, double effectScale, int reps, long seed) {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  public SimulationOptions {
    if (reps < 1) {
      throw new AnalysisException(
          String.format(Locale.ROOT, "reps must be at least 1, was %d", reps));
    }
    // the generator checks the design and says what is wrong with it
    GeneratorOptions.of(clusters, participants, seed).withSites(sites).withEffectScale(effectScale);
  }

  /** The default sites and the generator's true effects. */
  public static SimulationOptions of(int clusters, int participants, int reps, long seed) {
    return new SimulationOptions(
        clusters, participants, GeneratorOptions.defaultSites(clusters), 1.0, reps, seed);
  }

  public SimulationOptions withSites(int n) {
    return new SimulationOptions(clusters, participants, n, effectScale, reps, seed);
  }

  public SimulationOptions withEffectScale(double scale) {
    return new SimulationOptions(clusters, participants, sites, scale, reps, seed);
  }

  public SimulationOptions withReps(int n) {
    return new SimulationOptions(clusters, participants, sites, effectScale, n, seed);
  }

  /** Whether every true effect is zero: the null hypothesis of every comparison of the arms. */
  public boolean isNull() {
    return effectScale == 0.0;
  }

  /** The generator's options for rep {@code rep} (0-based): a clean trial of its own seed. */
  public GeneratorOptions trial(int rep) {
    return GeneratorOptions.of(clusters, participants, repSeed(seed, rep))
        .withSites(sites)
        .withEffectScale(effectScale);
  }

  /**
   * The generator seed of rep {@code rep} (0-based): the (rep + 1)-th output of SplitMix64 started
   * at {@code seed}, which is the (rep + 1)-th {@code new java.util.SplittableRandom(seed)
   * .nextLong()}. Written out so no JDK change can move it; nearby master seeds give unrelated
   * reps.
   */
  public static long repSeed(long seed, int rep) {
    long z = seed + (rep + 1L) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The {@code odtrial generate} options that write rep {@code rep}'s trial to files, for
   * reproducing one rep by hand.
   */
  public String generateArguments(int rep) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "--clusters %d --participants %d --seed %d",
                clusters,
                participants,
                repSeed(seed, rep)));
    if (sites != GeneratorOptions.defaultSites(clusters)) {
      b.append(String.format(Locale.ROOT, " --sites %d", sites));
    }
    if (effectScale == 0.0) {
      b.append(" --null");
    } else if (effectScale != 1.0) {
      b.append(" --effect-scale ").append(effectScale);
    }
    return b.toString();
  }
}
