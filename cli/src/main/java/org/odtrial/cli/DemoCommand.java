package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.odtrial.cli.internal.Terminal;
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
          + " sees), then validate and ingest sample-data into a fresh store in a work folder, list"
          + " what was loaded and verify its seal, send each site its data queries, ingest the next"
          + " week's upload (sample-data/next), see which queries it resolved and which records"
          + " changed, write the data-quality report, analyse the latest load under the default"
          + " plan and write the trial report."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:ODTRIAL_HOME:-.}/sample-data",
      // the launcher sets ODTRIAL_HOME to its own folder, so the defaults do not depend on the
      // current folder; the help says so rather than print one machine's path
      description =
          "The sample data folder (with dirty/ and next/ inside). Default: sample-data in the"
              + " folder of the ./odtrial launcher (ODTRIAL_HOME), else in the current folder.")
  Path data;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "${env:ODTRIAL_HOME:-.}/demo-work",
      description =
          "Work folder; its store and outputs are replaced on every run. Default: demo-work in the"
              + " folder of the ./odtrial launcher (ODTRIAL_HOME), else in the current folder.")
  Path work;

  @Override
  public Integer call() throws IOException {
    Path dirty = data.resolve("dirty");
    Path next = data.resolve("next");
    if (!Files.isDirectory(data) || !Files.isDirectory(dirty) || !Files.isDirectory(next)) {
      return Cli.fail(
          spec,
          "no sample data at "
              + data
              + " (expected the five CSV files and the dirty/ and next/ folders); give --data");
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

    Path queries = work.resolve("queries");
    step(
        5,
        "The data manager sends each site its data queries: odtrial queries --db "
            + db
            + " --split-by-site "
            + queries);
    int queriesExit = run("queries", "--db", db.toString(), "--split-by-site", queries.toString());
    if (queriesExit != 0) {
      return queriesExit;
    }

    step(
        6,
        "A week later the sites send their next upload, with corrections and one new problem:"
            + " odtrial ingest "
            + next
            + " --db "
            + db);
    int nextExit = run("ingest", next.toString(), "--db", db.toString());
    if (nextExit != 0) {
      return nextExit;
    }

    step(7, "Which records changed: odtrial diff --db " + db);
    int diffExit = run("diff", "--db", db.toString());
    if (diffExit != 0) {
      return diffExit;
    }

    Path quality = work.resolve("data-quality.html");
    step(
        8,
        "The data-quality report of the latest load: odtrial warnings --db "
            + db
            + " --format html -o "
            + quality);
    int qualityExit =
        run("warnings", "--db", db.toString(), "--format", "html", "-o", quality.toString());
    if (qualityExit != 0) {
      return qualityExit;
    }
    note("open " + quality + " in a browser: summary per rule, queries per site, findings");

    Path results = work.resolve("results");
    step(
        9,
        "A statistician analyses the latest load under the default plan: odtrial analyse --db "
            + db
            + " --out "
            + results);
    int analyseExit = run("analyse", "--db", db.toString(), "--out", results.toString());
    if (analyseExit != 0) {
      return analyseExit;
    }

    Path report = work.resolve("report");
    step(
        10, "A researcher writes the trial report: odtrial report --db " + db + " --out " + report);
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
            "The site query lists are in %s, the data-quality report is %s, the results are in"
                + " %s; the report is %s: open it in a browser.%n",
            queries,
            quality,
            results,
            report.resolve("report.html"));
    out().flush();
    return 0;
  }

  private int run(String... args) {
    CommandLine cl = OdtrialCommand.commandLine(Terminal.detect(), args);
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
