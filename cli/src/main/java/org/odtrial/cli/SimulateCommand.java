package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.simulate.Simulation;
import org.odtrial.analysis.simulate.SimulationCsv;
import org.odtrial.analysis.simulate.SimulationHtml;
import org.odtrial.analysis.simulate.SimulationJson;
import org.odtrial.analysis.simulate.SimulationOptions;
import org.odtrial.analysis.simulate.SimulationResult;
import org.odtrial.analysis.simulate.SimulationTable;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Progress;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial simulate}: the operating characteristics of the plan by simulation. */
@Command(
    name = "simulate",
    header = "Operating characteristics of the analysis plan by simulation.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Generate R synthetic trials of K clusters and N participants (as 'odtrial generate' would),"
          + " run the whole analysis plan on each in memory, and report per results row: mean"
          + " estimate, true value, bias, empirical and model standard errors, coverage of the 95%%"
          + " interval and rejection rate at p <= 0.05 (type I error under --null, power"
          + " otherwise), each with its Monte Carlo standard error, and how many reps were not"
          + " estimable and why. The same arguments give the same bytes whatever --jobs is. On a"
          + " terminal it shows progress; Ctrl-C stops it and reports the reps done (exactly the"
          + " result of --reps equal to that number)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every rep was run and summarised",
      "2:usage error, a plan or output that could not be read or written, or a rep that failed",
      "130:interrupted (Ctrl-C; 143 after SIGTERM): the reps done were summarised and reported"
    })
public final class SimulateCommand implements Callable<Integer> {
  /** Exit code after an interruption (128 + SIGINT), as shells report it. */
  static final int INTERRUPTED = 130;

  /** The JVM's exit code after SIGTERM (128 + 15). */
  static final int SIGTERM_EXIT = 143;

  /** How long an interrupted process waits for the summary of the reps done to be written. */
  private static final long REPORT_SECONDS = 60;

  enum Format {
    text,
    json,
    csv
  }

  @Spec CommandSpec spec;

  @Mixin PlanOptions planOptions;

  @Mixin DesignOptions design;

  @Option(
      names = "--reps",
      required = true,
      paramLabel = "R",
      description = "Number of simulated trials.")
  int reps;

  @Option(
      names = "--seed",
      required = true,
      paramLabel = "S",
      description = "Master seed; rep r analyses the trial of its own seed derived from S and r.")
  long seed;

  @Option(
      names = "--jobs",
      paramLabel = "J",
      description = "Threads; the result does not depend on it. Default: the number of processors.")
  Integer jobs;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "What to print: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Also write simulation.json, simulation.csv and simulation.html (coverage and"
              + " rejection plotted against the nominal level) to DIR.")
  Path out;

  @Override
  public Integer call() throws IOException {
    Optional<String> conflict = design.conflict();
    if (conflict.isPresent()) {
      return Cli.fail(spec, conflict.get());
    }
    if (jobs != null && jobs < 1) {
      return Cli.fail(spec, "--jobs must be at least 1, was " + jobs);
    }
    // now, not after the reps, which may run for hours and would be lost with the error
    String outProblem = out == null ? null : Cli.outFolderProblem("--out", out);
    if (outProblem != null) {
      return Cli.fail(spec, outProblem);
    }
    AnalysisPlan plan = planOptions.plan();
    SimulationOptions options =
        new SimulationOptions(
            design.clusters, design.participants, design.sites(), design.scale(), reps, seed);
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    Simulation simulation = Simulation.of(plan, options);

    // Ctrl-C (or SIGTERM) starts the JVM's shutdown: stop the reps, let the summary of those done
    // be printed, then let the JVM exit (with 130 after SIGINT).
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                reported.await(REPORT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "odtrial-simulate-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      SimulationResult result;
      try (Progress progress =
          new Progress(
              spec.commandLine().getErr(), Terminal.detect().interactive(), "reps done", reps)) {
        result = simulation.run(threads, progress::accept, stop::get);
      }
      report(result);
      return result.interrupted() ? INTERRUPTED : Exits.OK;
    } finally {
      reported.countDown();
      if (!stop.get()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting: the hook finishes at once, the report is written
        }
      }
    }
  }

  private void report(SimulationResult result) throws IOException {
    String version = Version.get();
    if (out != null) {
      try (AtomicFiles.Staging stage = AtomicFiles.stage(out)) {
        Path dir = stage.dir();
        Files.writeString(
            dir.resolve("simulation.json"),
            SimulationJson.toJson(result, version),
            StandardCharsets.UTF_8);
        Files.writeString(
            dir.resolve("simulation.csv"), SimulationCsv.toCsv(result), StandardCharsets.UTF_8);
        Files.writeString(
            dir.resolve("simulation.html"),
            SimulationHtml.toHtml(result, version),
            StandardCharsets.UTF_8);
        stage.commit();
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    switch (format) {
      case json -> w.print(SimulationJson.toJson(result, version));
      case csv -> w.print(SimulationCsv.toCsv(result));
      case text -> {
        w.print(SimulationTable.text(result));
        if (out != null) {
          w.printf(
              Locale.ROOT,
              "%nWrote %s, simulation.csv and simulation.html%n",
              Cli.shown(out.resolve("simulation.json")));
        }
      }
    }
    w.flush();
    if (result.interrupted()) {
      // Only a signal interrupts, and the JVM then exits with 128 + the signal whatever call()
      // returns; which signal it was is not known here, so both exit codes are named.
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          Locale.ROOT,
          "odtrial simulate: interrupted after %d of %d reps; the summary covers those %d"
              + " (exit %d after Ctrl-C, %d after SIGTERM)%n",
          result.repsDone(),
          result.options().reps(),
          result.repsDone(),
          INTERRUPTED,
          SIGTERM_EXIT);
      err.flush();
    }
  }
}
