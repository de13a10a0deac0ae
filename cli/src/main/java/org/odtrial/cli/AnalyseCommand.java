package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.odtrial.analysis.data.DerivedCsv;
import org.odtrial.analysis.estimate.ImputationCsv;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsCsv;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.analysis.results.ResultsTable;
import org.odtrial.cli.internal.Steps;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.output.AtomicFiles;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial analyse}: computes the plan's estimates from one load and writes results.json. */
@Command(
    name = "analyse",
    aliases = "analyze",
    header = "Run the analysis plan on one load and write results.json.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Compare the OD and TAU arms on one load under an analysis plan: time to relapse"
          + " (Kaplan-Meier, log-rank, cluster-robust Cox, RMST), admissions and bed days (negative"
          + " binomial), recovery (ANCOVA, mixed model) and network meetings. Writes"
          + " DIR/results.json (full precision, with the plan's estimands), results.csv, results.md"
          + " and derived.csv (the per-participant analysis data), and prints each estimand with"
          + " its main and sensitivity analyses, then every row. The same load and plan always give"
          + " the same bytes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:results written",
      "1:the store no longer matches its seal; nothing was written",
      "2:usage error, a plan that does not read, or a file or the store could not be read or"
          + " written"
    })
public final class AnalyseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for results.json, results.csv, results.md and derived.csv.")
  Path out;

  @Mixin AnalysisOptions analysis;

  @Option(names = "--quiet", description = "Do not print the table.")
  boolean quiet;

  @Option(
      names = "--export-imputations",
      paramLabel = "DIR",
      // one string: picocli starts a new line at each element of an option's description
      description =
          "Also write every completed data set of the multiple-imputation rows (recovery.I.mM.mi"
              + " and .tipping) to DIR, one CSV per instrument, month and imputation"
              + " (QPR.m12.imputation-01.csv ...): participant_id, cluster_id, arm, score_0,"
              + " score_M, the plan's covariates, imputed_0 and imputed_M, so the same analysis"
              + " can be rerun and pooled in R (docs/results.md).")
  Path exportImputations;

  @Override
  public Integer call() throws IOException {
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    // before the analysis, which may take minutes, rather than when its results are written
    String outProblem = Cli.outFolderProblem("--out", out);
    if (outProblem == null && exportImputations != null) {
      outProblem = Cli.outFolderProblem("--export-imputations", exportImputations);
    }
    if (outProblem != null) {
      return Cli.fail(spec, outProblem);
    }
    try (Steps steps =
        new Steps(spec.commandLine().getErr(), Terminal.detect().interactive(), "analyse", 3)) {
      return analyse(steps);
    }
  }

  private int analyse(Steps steps) throws IOException {
    AnalysisOptions.Run run;
    int exported = 0;
    try (TrialStore store = db.open()) {
      if (exportImputations == null) {
        run = analysis.run(store, false, steps);
      } else {
        // the data sets are written as they are analysed, then moved into place together
        try (AtomicFiles.Staging stage = AtomicFiles.stage(exportImputations)) {
          List<String> covariates = analysis.plan().covariates();
          run =
              analysis.run(
                  store,
                  false,
                  steps,
                  d -> {
                    try {
                      AtomicFiles.writeText(
                          stage.dir().resolve(ImputationCsv.fileName(d)),
                          w -> ImputationCsv.write(d, covariates, w));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
          exported = stage.commit().size();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
    Results results = run.results();
    steps.step("writing the results");
    writeResults(run, out);
    steps.close(); // the progress line goes before anything is printed
    PrintWriter w = spec.commandLine().getOut();
    printResults(w, results, quiet, out);
    if (exportImputations != null) {
      w.printf(
          Locale.ROOT,
          "Wrote %d imputed data sets to %s%n",
          exported,
          Cli.shown(exportImputations));
    }
    w.flush();
    return 0;
  }

  /**
   * Writes results.json, results.csv, results.md and derived.csv of one analysis to {@code out},
   * together: into a staging folder, then each renamed into place, never half a file.
   */
  static void writeResults(AnalysisOptions.Run run, Path out) throws IOException {
    Results results = run.results();
    try (AtomicFiles.Staging stage = AtomicFiles.stage(out)) {
      Path dir = stage.dir();
      try (Writer w = Files.newBufferedWriter(dir.resolve("derived.csv"), StandardCharsets.UTF_8)) {
        DerivedCsv.write(run.data(), w);
      }
      Files.writeString(
          dir.resolve("results.json"), ResultsJson.toJson(results), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("results.csv"), ResultsCsv.toCsv(results), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve("results.md"), ResultsTable.markdown(results), StandardCharsets.UTF_8);
      stage.commit();
    }
  }

  /**
   * Prints the load, plan and results table (unless {@code quiet}), and where they were written.
   */
  static void printResults(PrintWriter w, Results results, boolean quiet, Path out) {
    if (!quiet) {
      w.printf(
          Locale.ROOT,
          "Load %d (sha256 %s), plan %s (sha256 %s), horizon %d days%n%n",
          results.load(),
          results.loadSha256().substring(0, 12),
          results.planName(),
          results.planSha256().substring(0, 12),
          results.horizonDays());
      w.print(ResultsTable.text(results));
      w.println();
    }
    w.printf(
        Locale.ROOT,
        "Wrote %s, results.csv, results.md and derived.csv%n",
        Cli.shown(out.resolve("results.json")));
  }
}
