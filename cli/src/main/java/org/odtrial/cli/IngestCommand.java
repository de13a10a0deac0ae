package org.odtrial.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.format.Json;
import org.odtrial.cli.format.LoadsFormat;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Progress;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code odtrial ingest DIR --db FILE}: validate an upload and store it as a new load. */
@Command(
    name = "ingest",
    header = "Validate an upload and store it as a new load.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Validate an upload and store it as one new load, in a single transaction. An upload with"
          + " errors stores nothing; an upload identical to the latest load changes nothing; a"
          + " changed upload becomes a new load and earlier loads stay readable exactly as they"
          + " were.",
      "",
      "With --site, the upload holds one site's records only: the site's clusters, their"
          + " participants and those participants' admissions, outcomes and network meetings (all"
          + " five files; a file with no record of the site has its header only). It is validated"
          + " against the rest of the trial's current records (rule other-site: no cluster of"
          + " another site, no id another site holds), and its load replaces that site's current"
          + " records only; other sites' records stay as they are. A record of the site left out of"
          + " the upload is removed at that load (readable at earlier loads); a participant who"
          + " withdrew stays in the upload with withdrawn_on.",
      "",
      "A file holding its header only, while the trial's current data (the site's, with --site)"
          + " has records of it, is an error (rule emptied-file): storing it would remove every one"
          + " of them, and a header alone is more often an export gone wrong than a trial with"
          + " nothing left. --allow-emptied stores such an upload all the same.",
      "",
      "--dry-run does all of that, the checks against the store's current data included, and"
          + " reports the load it would store and what it would change, then stores nothing: a"
          + " data manager's check of an upload (a site's, with --site) before it goes in."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stored (with --dry-run: would be stored), or identical to the latest load",
      "1:the upload has errors; nothing was stored",
      "2:usage error, or a file or the store could not be read or written"
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "Folder holding the upload's CSV files.")
  Path dir;

  @Mixin DbOption db;

  @Option(
      names = "--site",
      paramLabel = "ID",
      description =
          "The upload holds this site's records only (a site_id of clusters.csv); its load"
              + " replaces this site's current records and leaves other sites' alone.")
  String site;

  @Option(
      names = "--allow-emptied",
      description =
          "Store the upload even if a file holds its header only while the current data has"
              + " records of it: the load removes them (they stay readable at earlier loads).")
  boolean allowEmptied;

  @Option(
      names = "--dry-run",
      description =
          "Validate against the store and compute the load as ingest does, report what it would"
              + " store and change, then store nothing.")
  boolean dryRun;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (format != OutputFormat.text && format != OutputFormat.json) {
      return Cli.fail(
          spec,
          "--format "
              + format
              + " is not available for ingest; use text or json ('odtrial validate' and 'odtrial"
              + " queries' write csv, html and xlsx)");
    }
    if (!Files.isDirectory(dir)) {
      return Cli.fail(spec, "no such folder: " + dir);
    }
    if (site != null && !site.matches("[A-Za-z0-9_-]{1,32}")) {
      return Cli.fail(
          spec, "--site takes a site_id: 1-32 characters of A-Z a-z 0-9 _ - (got " + site + ")");
    }
    Terminal terminal = Terminal.detect();
    IngestResult result;
    try (Progress progress =
        new Progress(spec.commandLine().getErr(), terminal.interactive(), "records read", 0)) {
      result =
          Ingestor.of(Version.get())
              .withSettings(db.settings())
              .withSite(site)
              .withEmptiedFilesAllowed(allowEmptied)
              .withDryRun(dryRun)
              .ingest(dir, db.location(), progress);
    }
    try (result) {
      if (format == OutputFormat.json) {
        json(result);
      } else {
        text(result, terminal);
      }
    }
    return result.outcome() == IngestResult.Outcome.REJECTED ? Exits.FINDINGS : Exits.OK;
  }

  /** Queries by status after a stored load, e.g. "3 new, 5 open, 2 resolved". */
  private Map<QueryStatus, Long> queryCounts() {
    Map<QueryStatus, Long> total = new EnumMap<>(QueryStatus.class);
    try (TrialStore store = db.open()) {
      store.queryCounts().values().forEach(m -> m.forEach((k, v) -> total.merge(k, v, Long::sum)));
    }
    return total;
  }

  private void text(IngestResult r, Terminal terminal) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    switch (r.outcome()) {
      case REJECTED -> {
        FindingsFormat.text(
            r.report(),
            null,
            out,
            terminal.ansi(),
            // the folder's name may be what a finding asks to rename, not to be repeated
            Redaction.redact(
                site == null
                    ? "odtrial validate " + dir + " --format csv -o findings.csv"
                    // validate knows nothing of the rest of the trial: only ingest checks
                    // other-site
                    : "odtrial ingest "
                        + dir
                        + " --db "
                        + db.display()
                        + " --site "
                        + site
                        + " --dry-run --format json"));
        out.println("Nothing was stored in " + db.display() + ".");
      }
      case UNCHANGED ->
          out.printf(
              Locale.ROOT,
              "Unchanged: the upload is identical to load %d%s (sha256 %s); nothing was written.%n",
              r.load().load(),
              LoadsFormat.ofSite(r.load()),
              r.load().uploadSha256());
      case STORED, DRY_RUN -> {
        boolean dry = r.outcome() == IngestResult.Outcome.DRY_RUN;
        out.println(FindingsFormat.verdict(r.report(), terminal.ansi()));
        out.printf(
            Locale.ROOT,
            dry
                ? "Dry run: load %d%s would be stored in %s: %,d rows, sha256 %s%n"
                : "Stored load %d%s in %s: %,d rows, sha256 %s%n",
            r.load().load(),
            LoadsFormat.ofSite(r.load()),
            db.display(),
            LoadsFormat.rows(r.load()),
            r.load().uploadSha256());
        out.printf(
            Locale.ROOT,
            "%s: %s%n",
            dry ? "Changes it would make" : "Changes",
            LoadsFormat.changes(r.load()));
        if (dry) {
          out.println("Nothing was stored (--dry-run).");
        } else {
          out.printf(
              Locale.ROOT,
              "Data queries: %s (odtrial queries --db %s).%n",
              QueriesCommand.counts(queryCounts()),
              db.display());
        }
      }
    }
    out.flush();
  }

  private void json(IngestResult r) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      if (r.load() != null) {
        g.writeFieldName("load");
        LoadsFormat.writeLoad(g, r.load());
      } else {
        g.writeNullField("load");
      }
      if (r.report() != null) {
        g.writeNumberField("errors", r.report().errors());
        g.writeNumberField("warnings", r.report().warnings());
        g.writeArrayFieldStart("findings");
        FindingsFormat.writeFindings(g, r.report(), null);
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    out.write("\n");
    out.flush();
  }
}
