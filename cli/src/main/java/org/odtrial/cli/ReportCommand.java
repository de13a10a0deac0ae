package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.analysis.estimate.CumulativeIncidenceByArm;
import org.odtrial.analysis.estimate.KaplanMeierByArm;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.cli.internal.Steps;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.output.AtomicFiles;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.Redaction;
import org.odtrial.report.Blinding;
import org.odtrial.report.Provenance;
import org.odtrial.report.ReportInput;
import org.odtrial.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial report}: the trial report's tables and figures, regenerated from one load. */
@Command(
    name = "report",
    header = "Write the trial report's tables and figures for one load.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Write the trial report for one load: the CONSORT flow and diagram, baseline, time to"
          + " relapse, hospitalisation, recovery and network-meeting tables, sensitivity analyses"
          + " and subgroups when the results have them, Kaplan-Meier and forest plots; as one"
          + " self-contained report.html, report.md, report.tex, report.docx, a tidy CSV per table"
          + " and SVG/PNG figures (single-column, 600 dpi), with results.json beside them. Every"
          + " number comes from the analysis of that load; the same load and plan give"
          + " byte-identical files.",
      "--blinded shows the arms as Arm A and Arm B everywhere and pools network meetings over both"
          + " arms; the store keeps which arm is which (see 'odtrial unblind').",
      "With --results it reports the results.json of an analysis already run ('odtrial analyse')"
          + " and fits no model again: the same files as without it, without the analysis's time."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:report written",
      "1:the store no longer matches its seal; nothing was written",
      "2:usage error, results of another load or plan (--results), a plan that does not read, or"
          + " a file or the store could not be read or written"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the report files.")
  Path out;

  @Option(
      names = "--blinded",
      description = "Replace arm names by Arm A and Arm B in every output.")
  boolean blinded;

  @Option(
      names = "--results",
      paramLabel = "FILE",
      description =
          "results.json written by 'odtrial analyse' (or its folder): report these results instead"
              + " of analysing the load again. They must be of this store's load (default: theirs)"
              + " under the plan in force (--plan, --horizon-days), and unblinded; --blinded blinds"
              + " them as usual.")
  Path resultsFile;

  @Override
  public Integer call() throws IOException {
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    // before the store is opened: a report of a blinded trial is recorded in its history before it
    // is written, and an --out that cannot be written must not leave such a record behind
    String outProblem = Cli.outFolderProblem("--out", out);
    if (outProblem != null) {
      return Cli.fail(spec, outProblem);
    }
    try (Steps steps =
        new Steps(spec.commandLine().getErr(), Terminal.detect().interactive(), "report", 3)) {
      return report(steps);
    }
  }

  private int report(Steps steps) throws IOException {
    Results given = null;
    AnalysisPlan plan = null;
    if (resultsFile != null) {
      Path file =
          Files.isDirectory(resultsFile) ? resultsFile.resolve("results.json") : resultsFile;
      if (!Files.isRegularFile(file)) {
        return Cli.fail(
            spec,
            "no such results file: "
                + file
                + " (give the results.json that 'odtrial analyse' wrote, or its folder)");
      }
      steps.step("reading " + file.getFileName());
      given = ResultsJson.read(file);
      plan = analysis.plan();
      String refused = refused(given, file, plan);
      if (refused != null) {
        return Cli.fail(spec, refused);
      }
      if (blinded && sameFolder(out, file.toAbsolutePath().getParent())) {
        // the report's results.json would replace the analysis's with its blinded copy
        return Cli.fail(
            spec,
            "--out "
                + out
                + " is the folder of "
                + file
                + ": a blinded report there would replace the analysis's results.json with its"
                + " blinded copy; write the report to another folder");
      }
    }
    // the report's libraries load while the store is read, on what that leaves of the processors
    ReportWriter.prepare();
    AnalysisOptions.Run run;
    Blinding blinding;
    try (TrialStore store = db.open()) {
      if (given == null) {
        run = analysis.run(store, blinded, steps);
      } else {
        StoredLoad source =
            StoredLoad.of(store, Optional.of(analysis.load == null ? given.load() : analysis.load));
        String other = otherLoad(given, source.info(), store);
        if (other != null) {
          return Cli.fail(spec, resultsFile + " " + other);
        }
        // the load's data for the counts, summaries and curves; no model is fitted again
        run =
            new AnalysisOptions.Run(
                plan, AnalysisOptions.read(source, plan, store, blinded, steps), given);
      }
      blinding = blinding(store, blinded, run.results(), out);
    }
    steps.step("writing the report");
    List<Path> written =
        writeReport(
            run, blinding, out, ThreadsOption.forReport(analysis.threads.requested()), steps);
    steps.close(); // the progress line goes before anything is printed
    printWritten(spec.commandLine().getOut(), run.results(), blinded, written.size(), out);
    return 0;
  }

  /**
   * Why results read from {@code file} cannot be reported under {@code plan}, or null: blinded
   * results (a blinded results.json has lost what an unblinded report shows, and blinding it again
   * would turn its contrasts back), or another plan or horizon than the one in force.
   */
  private String refused(Results r, Path file, AnalysisPlan plan) {
    if (r.blinded()) {
      return file
          + " holds blinded results (written beside a blinded report): they cannot be unblinded,"
          + " nor blinded again; report from the results.json that 'odtrial analyse' wrote"
          + (blinded ? " (--blinded blinds it)" : "");
    }
    if (r.horizonDays() != plan.horizonDays()) {
      return String.format(
          Locale.ROOT,
          "%s was computed with horizon_days %d, the plan in force here has %d: give the"
              + " analysis's plan and --horizon-days %d",
          file,
          r.horizonDays(),
          plan.horizonDays(),
          r.horizonDays());
    }
    if (!r.planSha256().equals(plan.sha256())) {
      return String.format(
          Locale.ROOT,
          "%s was computed under plan %s (sha256 %s), not under the plan in force here, %s"
              + " (sha256 %s): give the analysis's plan with --plan FILE%s",
          file,
          r.planName(),
          abbreviated(r.planSha256()),
          analysis.planOptions.planFile == null ? "the default plan" : plan.name(),
          abbreviated(plan.sha256()),
          analysis.planOptions.planFile == null ? "" : " (or leave --plan out for the default)");
    }
    return null;
  }

  /**
   * Why results are not those of {@code load} of {@code store} (another load number, or the same
   * number holding another upload), or null.
   */
  private static String otherLoad(Results r, LoadInfo load, TrialStore store) {
    if (r.load() != load.load()) {
      return String.format(
          Locale.ROOT,
          "holds the results of load %d, not of load %d: leave --load out to report load %d, or"
              + " analyse load %d first",
          r.load(),
          load.load(),
          r.load(),
          load.load());
    }
    if (!r.loadSha256().equals(load.uploadSha256())) {
      return String.format(
          Locale.ROOT,
          "holds the results of a load %d whose upload has sha256 %s, but load %d of %s is"
              + " another upload (sha256 %s): these are another store's results; analyse this"
              + " store's load first",
          r.load(),
          abbreviated(r.loadSha256()),
          load.load(),
          store.name(),
          abbreviated(load.uploadSha256()));
    }
    return null;
  }

  /** Whether {@code a} and {@code b} name one folder (also through a link, when both exist). */
  private static boolean sameFolder(Path a, Path b) throws IOException {
    if (Files.isDirectory(a) && Files.isDirectory(b)) {
      return Files.isSameFile(a, b);
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** The first 12 characters of a SHA-256, as every message shows one. */
  private static String abbreviated(String sha256) {
    return sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
  }

  /**
   * The report's blinding: Arm A and Arm B when {@code blinded}; otherwise none, recording an
   * unblinded report of a blinded trial in the store's history.
   */
  static Blinding blinding(TrialStore store, boolean blinded, Results results, Path out) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String user = System.getProperty("user.name", "unknown");
    if (blinded) {
      return Blinding.of(store.blindedOdLabel(now, user));
    }
    if (store.hasBlindingKey()) {
      Cli.recordOrExplain(
          store,
          "unblinded-report",
          now,
          user,
          Redaction.redact(
              String.format(
                  Locale.ROOT, "unblinded report of load %d written to %s", results.load(), out)));
    }
    return Blinding.none();
  }

  /**
   * Writes the report of one analysis, with its results.json, to {@code out}: together into a
   * staging folder, then each renamed into place, never half a file; its pieces built on {@code
   * threads} threads. Returns the files written.
   */
  static List<Path> writeReport(
      AnalysisOptions.Run run, Blinding blinding, Path out, int threads, Steps steps)
      throws IOException {
    Results r = run.results();
    Provenance provenance =
        new Provenance(r.load(), r.loadSha256(), r.planName(), r.planSha256(), Version.get());
    ReportInput input =
        new ReportInput(
            r,
            run.data(),
            run.plan(),
            KaplanMeierByArm.of(run.data(), run.plan()),
            CumulativeIncidenceByArm.of(run.data()),
            provenance,
            blinding);
    try (AtomicFiles.Staging stage = AtomicFiles.stage(out)) {
      ReportWriter.of(input)
          .withThreads(threads)
          .writeTo(stage.dir(), file -> steps.detail(file.getFileName().toString()));
      Files.writeString(
          stage.dir().resolve("results.json"),
          ResultsJson.toJson(blinding.apply(r)),
          StandardCharsets.UTF_8);
      return stage.commit();
    }
  }

  /** Prints what was written and where to open it. */
  static void printWritten(PrintWriter w, Results r, boolean blinded, int files, Path out) {
    w.printf(
        Locale.ROOT,
        "Report of load %d (sha256 %s), plan %s%s: %d files in %s%n",
        r.load(),
        r.loadSha256().substring(0, 12),
        r.planName(),
        blinded ? ", blinded" : "",
        files,
        Cli.shown(out));
    w.printf(
        Locale.ROOT,
        "Open %s in a browser (it is self-contained: nothing is fetched).%n",
        Cli.shown(out.resolve("report.html")));
    w.flush();
  }
}
