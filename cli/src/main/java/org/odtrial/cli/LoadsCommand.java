package org.odtrial.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.LoadsFormat;
import org.odtrial.ingest.store.HistoryEvent;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial loads --db FILE}: the history of a store. */
@Command(
    name = "loads",
    header = "List the loads of a store and what each changed.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "List the loads of a store, oldest first, with what changed in each file.")
public final class LoadsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (format != OutputFormat.text && format != OutputFormat.json) {
      return Cli.fail(spec, "--format " + format + " is not available for loads; use text or json");
    }
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    List<LoadInfo> loads;
    Optional<HistoryEvent> lock;
    try (TrialStore store = db.open()) {
      loads = store.loads();
      lock = store.lockState();
    }
    if (format == OutputFormat.json) {
      LoadsFormat.json(loads, spec.commandLine().getOut());
    } else {
      LoadsFormat.text(loads, spec.commandLine().getOut());
      if (loads.size() > 1) {
        spec.commandLine()
            .getOut()
            .printf(
                java.util.Locale.ROOT,
                "Which records changed: odtrial diff --db %s [--from N --to M] [--file NAME]%n",
                db.display());
      }
      lock.ifPresent(
          l ->
              spec.commandLine()
                  .getOut()
                  .printf(
                      java.util.Locale.ROOT,
                      "Locked since %s by %s: %s (see 'odtrial history')%n",
                      l.at(),
                      l.user(),
                      l.detail()));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
