package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.format.QualityReport;
import org.odtrial.cli.internal.Output;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.FindingReport;
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
      "List every warning stored with a load (default: the latest), in the formats of 'odtrial"
          + " validate':",
      "--format csv gives one warning a row, by site; --format html the data-quality report of"
          + " the load. 'odtrial queries' tracks them from load to load."
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
      description = "text, json, csv or html (with -o). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin OutputOption output;

  @Mixin SiteOption site;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.xlsx) {
      return Cli.fail(spec, "--format xlsx is for query lists: use 'odtrial queries'");
    }
    if (format == OutputFormat.html && (output.path() == null || site.site() != null)) {
      return Cli.fail(
          spec,
          "--format html writes one page for every site, filterable by site: give -o FILE.html"
              + " and no --site");
    }
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    try (TrialStore store = db.open()) {
      List<LoadInfo> loads = store.loads();
      if (loads.isEmpty()) {
        return Cli.fail(spec, db.display() + " holds no load yet");
      }
      int n = load == null ? loads.get(loads.size() - 1).load() : load;
      LoadInfo info = loads.stream().filter(l -> l.load() == n).findFirst().orElse(null);
      if (info == null) {
        return Cli.fail(
            spec,
            String.format(
                Locale.ROOT,
                "there is no load %d; loads are 1 to %d",
                n,
                loads.get(loads.size() - 1).load()));
      }
      FindingReport report = store.findings(n);
      String unknown = site.unknown(report.sites());
      if (unknown != null) {
        return Cli.fail(spec, unknown);
      }
      String hint =
          "odtrial warnings --db "
              + db.display()
              + " --load "
              + n
              + (site.site() == null ? "" : " --site " + site.site())
              + " --format csv -o warnings.csv";
      String title = String.format(Locale.ROOT, "load %d of %s", n, db.shortName());
      String meta =
          String.format(
              Locale.ROOT,
              "Load %d of %d, stored %s by %s; upload sha256 %s.",
              n,
              loads.size(),
              info.loadedAt(),
              info.user(),
              info.uploadSha256());
      Map<String, Map<QueryStatus, Long>> statuses =
          n == loads.get(loads.size() - 1).load() ? store.queryCounts() : Map.of();
      Output.write(
          spec.commandLine().getOut(),
          output.path(),
          out -> {
            switch (format) {
              case json -> FindingsFormat.json(report, site.site(), out);
              case csv -> FindingsFormat.csv(report, site.site(), out);
              case html -> QualityReport.write(report, title, meta, statuses, hint, out);
              default ->
                  FindingsFormat.text(
                      report,
                      site.site(),
                      new PrintWriter(out),
                      (output.path() != null ? Terminal.PLAIN : Terminal.detect()).ansi(),
                      hint);
            }
          });
    }
    return 0;
  }
}
