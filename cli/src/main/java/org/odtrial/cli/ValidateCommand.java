package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.output.AtomicFiles;
import org.odtrial.ingest.validate.ValidationReport;
import org.odtrial.ingest.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial validate DIR}: checks an upload against the data contract without storing
 * anything.
 */
@Command(
    name = "validate",
    header = "Check an upload against data contract v1.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Check an upload folder (the five contract CSV files) against data contract v1.",
      "Nothing is stored. Values that look like direct identifiers are never printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no errors (warnings allowed)",
      "1:errors found",
      "2:usage error, or the folder or an output file could not be read or written"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Folder holding the upload's CSV files.")
  Path dir;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "text (per file and rule), json (one object), csv (one finding a row, by site). Default:"
              + " ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      return Cli.fail(spec, "no such folder: " + dir);
    }
    ValidationReport report = Validator.of().validate(dir);
    if (output == null) {
      write(report, spec.commandLine().getOut());
    } else {
      // whole or not at all: a full disk never leaves half a findings file
      AtomicFiles.writeText(output, w -> write(report, w));
      spec.commandLine().getErr().println(FindingsFormat.verdict(report, Terminal.detect().ansi()));
    }
    return report.hasErrors() ? Exits.FINDINGS : Exits.OK;
  }

  private void write(ValidationReport report, Writer out) throws IOException {
    switch (format) {
      case json -> FindingsFormat.json(report, out);
      case csv -> FindingsFormat.csv(report, out);
      case text ->
          FindingsFormat.text(
              report,
              asPrintWriter(out),
              (output == null ? Terminal.detect() : Terminal.PLAIN).ansi());
    }
    out.flush();
  }

  private static PrintWriter asPrintWriter(Writer w) {
    return w instanceof PrintWriter pw ? pw : new PrintWriter(w);
  }
}
