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
import java.util.concurrent.Callable;
import org.odtrial.report.Blinding;
import org.odtrial.report.KmCurves;
import org.odtrial.report.Provenance;
import org.odtrial.report.ReportInput;
import org.odtrial.report.ReportWriter;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.ingest.store.TrialStore;
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
      "Write the trial report for one load: CONSORT flow for cluster trials, Table 1, time to"
          + " relapse,",
      "hospitalisation, recovery and network-meeting tables, Kaplan-Meier and forest plots; as one",
      "self-contained report.html, report.md, report.tex, report.docx, a CSV per table and SVG/PNG"
          + " figures,",
      "with results.json beside them. Every number comes from the analysis of that load; the same"
          + " load and plan",
      "give byte-identical files. --blinded shows the arms as Arm A and Arm B everywhere; the store"
          + " keeps which is",
      "which (see 'odtrial unblind')."
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

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(db.path())) {
      return Cli.fail(spec, "no such store: " + db.path());
    }
    AnalysisOptions.Run run;
    Blinding blinding;
    try (TrialStore store = TrialStore.open(db.path())) {
      run = analysis.run(store);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String user = System.getProperty("user.name", "unknown");
      if (blinded) {
        blinding = Blinding.of(store.blindedOdLabel(now, user));
      } else {
        blinding = Blinding.none();
        if (store.hasBlindingKey()) {
          store.recordEvent(
              "unblinded-report",
              now,
              user,
              String.format(
                  Locale.ROOT,
                  "unblinded report of load %d written to %s",
                  run.results().load(),
                  out));
        }
      }
    }
    Results r = run.results();
    Provenance provenance =
        new Provenance(r.load(), r.loadSha256(), r.planName(), r.planSha256(), Version.get());
    ReportInput input =
        new ReportInput(r, run.data(), KmCurves.of(run.data(), run.plan()), provenance, blinding);
    Files.createDirectories(out);
    List<Path> written = ReportWriter.of(input).writeTo(out);
    Files.writeString(
        out.resolve("results.json"), ResultsJson.toJson(blinding.apply(r)), StandardCharsets.UTF_8);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "Report of load %d (sha256 %s), plan %s%s: %d files in %s%n",
        r.load(),
        r.loadSha256().substring(0, 12),
        r.planName(),
        blinded ? ", blinded" : "",
        written.size() + 1,
        out);
    w.printf(
        Locale.ROOT,
        "Open %s in a browser (it is self-contained: nothing is fetched).%n",
        out.resolve("report.html"));
    w.flush();
    return 0;
  }
}
