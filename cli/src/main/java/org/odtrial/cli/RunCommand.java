package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.cli.internal.Steps;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.report.Blinding;
import org.odtrial.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial run DIR --db STORE --out DIR}: ingest, analyse and report in one process, the
 * analysis computed once for both the results and the report.
 */
@Command(
    name = "run",
    header = "Validate and ingest an upload, analyse the load and write its report, in one go.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "The whole pipeline on one upload, in one process: validate and ingest DIR as 'odtrial"
          + " ingest' does (an upload with errors stores nothing and stops here, exit code 1; one"
          + " identical to the latest load is not stored again), then analyse the latest load under"
          + " the plan as 'odtrial analyse' does, writing OUT/results, and write the trial report"
          + " of that same analysis as 'odtrial report' does, to OUT/report. The files are byte for"
          + " byte those of the three commands run one after the other; the analysis is computed"
          + " once.",
      "With --site, DIR holds one site's records and is ingested as 'odtrial ingest --site' does;"
          + " the analysis and the report are of the whole trial as it stands after that load. With"
          + " --blinded only the blinded report is written, as 'odtrial report --blinded' writes"
          + " it: OUT/results, which names the arms, is not."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stored (or identical to the latest load), analysed and reported",
      "1:the upload has errors and nothing was stored, or the store no longer matches its seal",
      "2:usage error, or a file or the store could not be read or written"
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Folder holding the upload's CSV files.")
  Path dir;

  @Mixin DbOption db;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUT",
      description = "Folder for results/ (as 'odtrial analyse --out') and report/.")
  Path out;

  @Mixin PlanOptions plan;

  @Mixin ThreadsOption threads;

  @Option(names = "--quiet", description = "Do not print the results table.")
  boolean quiet;

  @Option(
      names = "--site",
      paramLabel = "ID",
      description =
          "The upload holds this site's records only, as for 'odtrial ingest --site'; its load"
              + " replaces that site's current records.")
  String site;

  @Option(
      names = "--allow-emptied",
      description =
          "Store the upload even if a file holds its header only while the current data has"
              + " records of it, as for 'odtrial ingest --allow-emptied'.")
  boolean allowEmptied;

  @Option(
      names = "--blinded",
      description =
          "Write only the report, with Arm A and Arm B for the arms (as 'odtrial report"
              + " --blinded'); results/ is not written.")
  boolean blinded;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      return Cli.fail(spec, "no such folder: " + dir);
    }
    Path results = out.resolve("results");
    Path report = out.resolve("report");
    // the plan and the output folders are checked before the upload is stored: failing on them
    // only after the ingest would leave a new load behind a command that reported an error
    AnalysisPlan analysisPlan = plan.plan();
    for (Path folder : blinded ? List.of(out, report) : List.of(out, results, report)) {
      String problem = Cli.outFolderProblem("--out", folder);
      if (problem != null) {
        return Cli.fail(spec, problem + "; nothing was stored");
      }
    }
    int ingested = ingest();
    if (ingested != 0) {
      return ingested;
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println();
    AnalysisOptions.Run run;
    List<Path> written;
    // the report's libraries load while the store is read, on what that leaves of the processors
    ReportWriter.prepare();
    try (Steps steps =
        new Steps(spec.commandLine().getErr(), Terminal.detect().interactive(), "run", 3)) {
      Blinding blinding;
      try (TrialStore store = db.open()) {
        run =
            AnalysisOptions.run(
                analysisPlan, Optional.empty(), threads.requested(), store, blinded, steps, null);
        blinding = ReportCommand.blinding(store, blinded, run.results(), report);
      }
      if (blinded) {
        steps.step("writing the blinded report");
      } else {
        steps.step("writing the results and the report");
        AnalyseCommand.writeResults(run, results);
      }
      written =
          ReportCommand.writeReport(
              run, blinding, report, ThreadsOption.forReport(threads.requested()), steps);
    }
    if (!blinded) {
      // the results table names the arms
      AnalyseCommand.printResults(w, run.results(), quiet, results);
    }
    ReportCommand.printWritten(w, run.results(), blinded, written.size(), report);
    return 0;
  }

  /** Ingests DIR through the {@code ingest} command itself, printing what it prints. */
  private int ingest() {
    List<String> ingest =
        new ArrayList<>(
            List.of(
                "ingest",
                dir.toString(),
                "--db",
                db.location(),
                "--wait",
                String.valueOf(db.waitSeconds)));
    if (site != null) {
      ingest.addAll(List.of("--site", site));
    }
    if (allowEmptied) {
      ingest.add("--allow-emptied");
    }
    String[] args = ingest.toArray(String[]::new);
    CommandLine cl = OdtrialCommand.commandLine(Terminal.detect(), args);
    cl.setOut(spec.commandLine().getOut());
    cl.setErr(spec.commandLine().getErr());
    int exit = OdtrialCommand.execute(cl, args);
    spec.commandLine().getOut().flush();
    return exit;
  }
}
