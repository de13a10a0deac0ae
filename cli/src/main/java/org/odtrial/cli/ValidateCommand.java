package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.format.QualityReport;
import org.odtrial.cli.format.QueryRow;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Output;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.Redaction;
import org.odtrial.ingest.validate.ValidationReport;
import org.odtrial.ingest.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Nothing is stored. Every finding is reported (only the text view shows a few per rule);"
          + " values that look like direct identifiers are never printed.",
      "Findings that depend on one value of another record (a participant's followup_end, say)"
          + " are listed under it, their root cause."
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
          "text (per file and rule: counts, examples, root causes), json (one object: counts,"
              + " per-rule summary, every finding), csv (one finding a row, by site), html (the"
              + " data-quality report, filterable by site and rule; with -o). Default:"
              + " ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin OutputOption output;

  @Mixin SiteOption site;

  @Option(
      names = "--split-by-site",
      paramLabel = "DIR",
      description =
          "Write one query list per site into DIR (site-<ID>.csv and site-<ID>.xlsx: query_id,"
              + " site, file, line, record, column, rule, severity, message, root_id, status,"
              + " answer), every site included.")
  Path splitBySite;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.xlsx) {
      return Cli.fail(spec, "--format xlsx is for query lists: use --split-by-site DIR");
    }
    if (splitBySite != null && output.path() != null) {
      return Cli.fail(spec, "give either --split-by-site DIR or -o FILE, not both");
    }
    if (!Files.isDirectory(dir)) {
      return Cli.fail(spec, "no such folder: " + dir);
    }
    try (ValidationReport report = Validator.of().validate(dir)) {
      String unknown = site.unknown(report.sites());
      if (unknown != null) {
        return Cli.fail(spec, unknown);
      }
      PrintWriter err = spec.commandLine().getErr();
      if (splitBySite != null) {
        List<String> sites = new ArrayList<>(report.sites());
        if (site.site() != null) {
          sites = List.of(site.site());
        } else {
          sites.add(FindingReport.NO_SITE);
        }
        SiteFiles files = new SiteFiles(splitBySite, sites);
        try (files) {
          for (String s : sites) {
            report.forEach(s, f -> files.add(s, QueryRow.of(f)));
          }
          files.commit();
        }
        List<String> lines = files.lines();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            Locale.ROOT,
            "Query lists by site in %s (findings per site):%n",
            Cli.shown(splitBySite));
        lines.forEach(out::println);
        out.flush();
        err.println(FindingsFormat.verdict(report, Terminal.detect().ansi()));
        return report.hasErrors() ? Exits.FINDINGS : Exits.OK;
      }
      if (format == OutputFormat.html && (output.path() == null || site.site() != null)) {
        return Cli.fail(
            spec,
            "--format html writes one page for every site, filterable by site: give -o FILE.html"
                + " and no --site");
      }
      Output.write(spec.commandLine().getOut(), output.path(), w -> write(report, w));
      if (output.path() != null) {
        err.println(FindingsFormat.verdict(report, Terminal.detect().ansi()));
      }
      return report.hasErrors() ? Exits.FINDINGS : Exits.OK;
    }
  }

  private void write(ValidationReport report, Writer out) throws IOException {
    String s = site.site();
    switch (format) {
      case json -> FindingsFormat.json(report, s, out);
      case csv -> FindingsFormat.csv(report, s, out);
      case html ->
          QualityReport.write(
              report,
              Redaction.redact("upload " + dir),
              String.format(
                  Locale.ROOT,
                  "Validated against data contract v1; not stored. %s.",
                  report.hasErrors()
                      ? "The upload has errors and cannot be stored"
                      : "The upload can be stored"),
              Map.of(),
              allHint(),
              out);
      default ->
          FindingsFormat.text(
              report,
              s,
              new PrintWriter(out),
              (output.path() != null ? Terminal.PLAIN : Terminal.detect()).ansi(),
              allHint());
    }
  }

  /**
   * The command that lists every finding; without a direct identifier in the folder's name, which a
   * finding of its own asks to rename and promises not to repeat.
   */
  private String allHint() {
    return Redaction.redact(
        "odtrial validate "
            + dir
            + (site.site() == null ? "" : " --site " + site.site())
            + " --format csv -o findings.csv");
  }
}
