package org.odtrial.cli;

import java.util.Optional;
import org.odtrial.ingest.generate.GeneratorOptions;
import picocli.CommandLine.Option;

/**
 * The design of a generated trial and the size of its true effects: shared by {@code generate} and
 * {@code simulate}, which draws every rep as {@code generate} would.
 */
public final class DesignOptions {
  @Option(
      names = "--clusters",
      required = true,
      paramLabel = "K",
      description = "Number of randomised clusters.")
  int clusters;

  @Option(
      names = "--participants",
      required = true,
      paramLabel = "N",
      description = "Number of participants.")
  int participants;

  @Option(
      names = "--sites",
      paramLabel = "M",
      description =
          "Number of sites (1 to K); clusters are randomised within site. Default: round(K / 8), at"
              + " least 1.")
  Integer sites;

  @Option(
      names = "--effect-scale",
      paramLabel = "X",
      description =
          "Multiply every true effect of OD (the log hazard ratio of relapse, the log rate ratio of"
              + " further episodes, the score differences) by X; network meetings are kept."
              + " Default: 1.")
  Double effectScale;

  @Option(
      names = "--null",
      description = "No effect of OD on any outcome (the same as --effect-scale 0).")
  boolean nullHypothesis;

  /** Why these options cannot be used together, if they cannot. */
  Optional<String> conflict() {
    return nullHypothesis && effectScale != null
        ? Optional.of("--null and --effect-scale exclude each other: --null is scale 0")
        : Optional.empty();
  }

  /** The multiplier of the true effects: 0 under {@code --null}, 1 unless chosen. */
  double scale() {
    return nullHypothesis ? 0.0 : effectScale == null ? 1.0 : effectScale;
  }

  /** The sites chosen, or the generator's default for these clusters. */
  int sites() {
    return sites == null ? GeneratorOptions.defaultSites(Math.max(1, clusters)) : sites;
  }
}
