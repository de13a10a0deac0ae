package org.odtrial.ingest.generate;

import java.util.Locale;
import org.odtrial.ingest.IngestException;

/**
 * What to generate.
 *
 * @param clusters number of randomised clusters (at least 1)
 * @param participants number of participants (at least 0); every cluster gets at least one when
 *     participants >= clusters
 * @param seed the seed: the same options give the same bytes
 * @param dirtyRate probability per written row of one injected data-entry mistake, in [0, 1); 0 = a
 *     clean upload
 * @param sites number of sites (1 to {@code clusters}); clusters are nested in sites in contiguous
 *     blocks and randomised within site. {@link #defaultSites(int)} unless chosen
 * @param effectScale multiplier of every true effect of OD against TAU (log hazard ratio of
 *     relapse, log rate ratio of further episodes, the questionnaire mean differences): 1 = the
 *     effects of {@link TrueEffects}, 0 = no effect (the null hypothesis of every comparison), any
 *     finite value allowed
 * @param missingAtRandom the missing-at-random dropout scenario: follow-up QPR and BPRS share a
 *     participant effect, and whether a participant attends the month-24 visit depends, differently
 *     by arm, on their observed month-12 QPR (docs/generator.md)
 * @param nonCompliance in [0, 1): 0 = every OD participant is offered meetings as usual and the
 *     recovery effects hold for the whole OD arm; above 0, each OD participant declines Open
 *     Dialogue (no network meetings) with this probability and the recovery effects act only
 *     through receiving it (2+ meetings with 2+ practitioners), in either arm (docs/generator.md)
 */
public record GeneratorOptions(
    int clusters,
    int participants,
    long seed,
    double dirtyRate,
    int sites,
    double effectScale,
    boolean missingAtRandom,
    double nonCompliance) {

  public GeneratorOptions {
    if (clusters < 1) {
      throw new IngestException(
          String.format(Locale.ROOT, "clusters must be at least 1, was %d", clusters));
    }
    if (participants < 0) {
      throw new IngestException(
          String.format(Locale.ROOT, "participants must be at least 0, was %d", participants));
    }
    if (!(dirtyRate >= 0.0 && dirtyRate < 1.0)) {
      throw new IngestException(
          String.format(Locale.ROOT, "dirtyRate must be in [0, 1), was %s", dirtyRate));
    }
    if (sites < 1 || sites > clusters) {
      throw new IngestException(
          String.format(
              Locale.ROOT,
              "sites must be between 1 and the number of clusters (%d), was %d",
              clusters,
              sites));
    }
    if (!Double.isFinite(effectScale)) {
      throw new IngestException(
          String.format(Locale.ROOT, "effectScale must be a finite number, was %s", effectScale));
    }
    if (!(nonCompliance >= 0.0 && nonCompliance < 1.0)) {
      throw new IngestException(
          String.format(Locale.ROOT, "nonCompliance must be in [0, 1), was %s", nonCompliance));
    }
  }

  /** The default number of sites and the true effects of {@link TrueEffects} (scale 1). */
  public GeneratorOptions(int clusters, int participants, long seed, double dirtyRate) {
    this(clusters, participants, seed, dirtyRate, defaultSites(clusters), 1.0, false, 0.0);
  }

  /** A clean trial with the default sites and the true effects. */
  public static GeneratorOptions of(int clusters, int participants, long seed) {
    return new GeneratorOptions(clusters, participants, seed, 0.0);
  }

  /** Sites unless chosen: round(clusters / 8), at least 1. */
  public static int defaultSites(int clusters) {
    return Math.max(1, (int) Math.round(clusters / 8.0));
  }

  /** The same trial with data-entry mistakes injected at about {@code rate} per row. */
  public GeneratorOptions withDirtyRate(double rate) {
    return new GeneratorOptions(
        clusters, participants, seed, rate, sites, effectScale, missingAtRandom, nonCompliance);
  }

  /** The same design with {@code n} sites. */
  public GeneratorOptions withSites(int n) {
    return new GeneratorOptions(
        clusters, participants, seed, dirtyRate, n, effectScale, missingAtRandom, nonCompliance);
  }

  /** The same trial with every true effect of OD multiplied by {@code scale} (0: no effect). */
  public GeneratorOptions withEffectScale(double scale) {
    return new GeneratorOptions(
        clusters, participants, seed, dirtyRate, sites, scale, missingAtRandom, nonCompliance);
  }

  /** The same options with another seed. */
  public GeneratorOptions withSeed(long s) {
    return new GeneratorOptions(
        clusters, participants, s, dirtyRate, sites, effectScale, missingAtRandom, nonCompliance);
  }

  /** The same trial with (or without) the missing-at-random dropout scenario. */
  public GeneratorOptions withMissingAtRandom(boolean on) {
    return new GeneratorOptions(
        clusters, participants, seed, dirtyRate, sites, effectScale, on, nonCompliance);
  }

  /** The same trial where OD participants decline Open Dialogue with probability {@code share}. */
  public GeneratorOptions withNonCompliance(double share) {
    return new GeneratorOptions(
        clusters, participants, seed, dirtyRate, sites, effectScale, missingAtRandom, share);
  }
}
