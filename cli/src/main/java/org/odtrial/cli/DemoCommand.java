package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial demo}: the main job on the sample trial, as a data manager and a statistician
 * would do it, each step run through the real commands.
 */
@Command(
    name = "demo",
    header = "Show the main job on the sample trial.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Show the main job on the sample trial: validate sample-data/dirty (what a data manager"
          + " sees),",
      "then validate and ingest sample-data into a fresh store in a work folder, list what was"
          + " loaded and verify its seal,",
      "analyse it under the default plan and write the trial report."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:ODTRIAL_HOME:-.}/sample-data",
      description =
          "The sample data folder (with a dirty/ copy inside). Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "${env:ODTRIAL_HOME:-.}/demo-work",
      description =
          "Work folder; its store and outputs are replaced on every run. Default:"
              + " ${DEFAULT-VALUE}.")
  Path work;

  @Override
  public Integer call() throws IOException {
    Path dirty = data.resolve("dirty");
    if (!Files.isDirectory(data) || !Files.isDirectory(dirty)) {
      return Cli.fail(
          spec,
          "no sample data at "
              + data
              + " (expected the five CSV files and a dirty/ folder); give --data");
    }
    Files.createDirectories(work);
    Path db = work.resolve("trial.db");
    Files.deleteIfExists(db);

    step(1, "A data manager checks an upload with typical mistakes: odtrial validate " + dirty);
    int dirtyExit = run("validate", dirty.toString());
    note("exit code " + dirtyExit + ": errors found, so this upload could not be stored.");

    step(
        2,
        "The corrected upload is checked and stored as load 1: odtrial ingest "
            + data
            + " --db "
            + db);
    int ingestExit = run("ingest", data.toString(), "--db", db.toString());
    if (ingestExit != 0) {
      return ingestExit;
    }

    step(3, "Ingesting the same upload again changes nothing:");
    run("ingest", data.toString(), "--db", db.toString());

    step(4, "What the store holds: odtrial loads --db " + db);
    int loadsExit = run("loads", "--db", db.toString());
    if (loadsExit != 0) {
      return loadsExit;
    }
    out()
        .printf(Locale.ROOT, "%nEvery load is sealed; checking it: odtrial verify --db %s%n%n", db);
    int verifyExit = run("verify", "--db", db.toString());
    if (verifyExit != 0) {
      return verifyExit;
    }

    Path results = work.resolve("results");
    step(
        5,
        "A statistician analyses load 1 under the default plan: odtrial analyse --db "
            + db
            + " --out "
            + results);
    int analyseExit = run("analyse", "--db", db.toString(), "--out", results.toString());
    if (analyseExit != 0) {
      return analyseExit;
    }

    Path report = work.resolve("report");
    step(6, "A researcher writes the trial report: odtrial report --db " + db + " --out " + report);
    int reportExit = run("report", "--db", db.toString(), "--out", report.toString());
    if (reportExit != 0) {
      return reportExit;
    }
    out()
        .printf(
            Locale.ROOT,
            "%nThe store is %s (any SQLite tool reads it; see docs/storage.md).%n",
            db);
    out()
        .printf(
            Locale.ROOT,
            "The results are in %s; the report is %s: open it in a browser.%n",
            results,
            report.resolve("report.html"));
    out().flush();
    return 0;
  }

  private int run(String... args) {
    CommandLine cl = OdtrialCommand.commandLine();
    cl.setOut(out());
    cl.setErr(spec.commandLine().getErr());
    int exit = OdtrialCommand.execute(cl, args);
    out().flush();
    return exit;
  }

  private void step(int n, String text) {
    out().printf(Locale.ROOT, "%n== %d. %s%n%n", n, text);
  }

  private void note(String text) {
    out().printf(Locale.ROOT, "(%s)%n", text);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
