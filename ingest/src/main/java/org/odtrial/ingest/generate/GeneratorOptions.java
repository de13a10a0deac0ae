package org.odtrial.ingest.generate;

import java.util.Locale;
import org.odtrial.ingest.IngestException;

/**
 * What to generate.
 *
 * @param clusters number of randomised clusters (at least 1); sites are about clusters / 8
 * @param participants number of participants (at least 0); every cluster gets at least one when
 *     participants >= clusters
 * @param seed the seed: the same options give the same bytes
 * @param dirtyRate probability per written row of one injected data-entry mistake, in [0, 1); 0 = a
 *     clean upload
 */
public record GeneratorOptions(int clusters, int participants, long seed, double dirtyRate) {

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
  }

  /** A clean trial. */
  public static GeneratorOptions of(int clusters, int participants, long seed) {
    return new GeneratorOptions(clusters, participants, seed, 0.0);
  }

  /** The same trial with data-entry mistakes injected at about {@code rate} per row. */
  public GeneratorOptions withDirtyRate(double rate) {
    return new GeneratorOptions(clusters, participants, seed, rate);
  }
}
