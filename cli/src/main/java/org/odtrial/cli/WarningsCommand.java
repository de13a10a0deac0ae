package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial warnings}: the warnings stored with a load, for data queries to the sites. */
@Command(
    name = "warnings",
    header = "List the warnings stored with a load, for data queries.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "List the warnings stored with a load (default: the latest), in the formats of 'odtrial"
          + " validate':",
      "--format csv gives one warning a row, by site, to send each site its queries."
    })
public final class WarningsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--load",
      paramLabel = "N",
      description = "Load whose warnings to list; default: the latest.")
  Integer load;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text, json or csv. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (db.missing()) {
      return Cli.fail(spec, "no such store: " + db.path());
    }
    List<Finding> warnings;
    try (TrialStore store = db.open()) {
      List<LoadInfo> loads = store.loads();
      if (loads.isEmpty()) {
        return Cli.fail(spec, db.display() + " holds no load yet");
      }
      int n = load == null ? loads.get(loads.size() - 1).load() : load;
      if (loads.stream().noneMatch(l -> l.load() == n)) {
        return Cli.fail(
            spec,
            String.format(
                java.util.Locale.ROOT,
                "there is no load %d; loads are 1 to %d",
                n,
                loads.get(loads.size() - 1).load()));
      }
      warnings = store.warnings(n);
    }
    ValidationReport report = new ValidationReport(warnings, Map.of());
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> FindingsFormat.json(report, out);
      case csv -> FindingsFormat.csv(report, out);
      case text -> FindingsFormat.text(report, out, Terminal.detect().ansi());
    }
    out.flush();
    return 0;
  }
}
