package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.cli.internal.Progress;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GenerationSummary;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.MistakeKind;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.generate.TrueEffects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial generate}: a synthetic ODDESSI-style trial that obeys the data contract. */
@Command(
    name = "generate",
    header = "Write a synthetic ODDESSI-style trial upload.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Write a synthetic cluster-randomised trial of Open Dialogue as a contract-v1 upload (five"
          + " CSV files). The same options and seed give the same bytes. It streams: a million"
          + " participants need little memory. Sites hold clusters of varying size; clusters differ"
          + " (frailty, random intercepts); there are index episodes before baseline, open"
          + " episodes, deaths, withdrawals, missed visits, OD network meetings (the odd one with a"
          + " single practitioner) and a little contamination in TAU."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write the five CSV files to (created if needed).")
  Path out;

  @Mixin DesignOptions design;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(
      names = "--dirty",
      defaultValue = "0",
      paramLabel = "RATE",
      description =
          "Inject realistic data-entry mistakes into about RATE of the rows (0 to <1). Default:"
              + " ${DEFAULT-VALUE}.")
  double dirty;

  @Option(
      names = "--missing-at-random",
      description =
          "The missing-at-random dropout scenario: follow-up QPR and BPRS share a participant"
              + " effect, and attending the month-24 visit depends on the observed month-12 QPR"
              + " (up for OD, down for TAU), so complete cases are biased (docs/generator.md).")
  boolean missingAtRandom;

  @Option(
      names = "--non-compliance",
      defaultValue = "0",
      paramLabel = "SHARE",
      description =
          "Partial compliance: each OD participant declines Open Dialogue (no network meetings)"
              + " with probability SHARE (0 to <1), and the recovery effects act only through"
              + " receiving it (2+ meetings with 2+ practitioners). Default: ${DEFAULT-VALUE}.")
  double nonCompliance;

  /**
   * The true effects, for the help footer: one item a line, each wrapped to {@code width} columns
   * under its own start (picocli would wrap a long footer line back to the first column).
   */
  static String footer(int width) {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    sb.append(nl)
        .append("True effects in the generated data (times --effect-scale; none with --null):");
    sb.append(nl);
    for (String item : TrueEffects.describe()) {
      int column = 0;
      for (String word : item.split(" ")) {
        if (column == 0) {
          sb.append("  ");
          column = 2;
        } else if (column + 1 + word.length() > width) {
          sb.append(nl).append("    ");
          column = 4;
        } else {
          sb.append(' ');
          column++;
        }
        sb.append(word);
        column += word.length();
      }
      sb.append(nl);
    }
    return sb.toString();
  }

  @Override
  public Integer call() throws IOException {
    Optional<String> conflict = design.conflict();
    if (conflict.isPresent()) {
      return Cli.fail(spec, conflict.get());
    }
    GeneratorOptions options =
        new GeneratorOptions(design.clusters, design.participants, seed, dirty)
            .withEffectScale(design.scale())
            .withMissingAtRandom(missingAtRandom)
            .withNonCompliance(nonCompliance);
    if (design.sites != null) {
      options = options.withSites(design.sites);
    }
    String outProblem = Cli.outFolderProblem("--out", out);
    if (outProblem != null) {
      return Cli.fail(spec, outProblem);
    }
    Files.createDirectories(out);
    GenerationSummary summary;
    try (Progress progress =
        new Progress(
            spec.commandLine().getErr(),
            Terminal.detect().interactive(),
            "participants written",
            design.participants)) {
      summary = TrialGenerator.of(options).writeTo(out, progress);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "Wrote a trial of %d sites, %d clusters and %,d participants to %s (seed %d%s):%n",
        summary.sites(),
        summary.clusters(),
        summary.participants(),
        Cli.shown(out),
        seed,
        options.effectScale() == 1.0
            ? ""
            : options.effectScale() == 0.0
                ? ", no effect of OD"
                : ", true effects x " + options.effectScale());
    for (TrialFile f : TrialFile.values()) {
      w.printf(Locale.ROOT, "  %-22s %,12d rows%n", f.fileName(), summary.rows(f));
    }
    if (summary.totalMistakes() > 0) {
      w.printf(Locale.ROOT, "Injected %,d data-entry mistakes:%n", summary.totalMistakes());
      for (Map.Entry<MistakeKind, Long> e : summary.mistakes().entrySet()) {
        if (e.getValue() > 0) {
          w.printf(
              Locale.ROOT,
              "  %-26s %,8d%n",
              e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              e.getValue());
        }
      }
    }
    w.flush();
    return 0;
  }
}
