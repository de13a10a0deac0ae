package org.odtrial.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial unblind}: reveals which blinded label is the OD arm, and records that it was
 * revealed.
 */
@Command(
    name = "unblind",
    header = "Reveal, and record, which arm Arm A and Arm B are.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reveal which of Arm A and Arm B is Open Dialogue in this store's blinded reports. Allowed"
          + " once the database is locked ('odtrial lock'); before that only with --force, and the"
          + " history says so. The unblinding is recorded and sealed in the store's history with"
          + " the user, the time and the reason."
    })
public final class UnblindCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description =
          "Why the allocation is revealed (e.g. \"database locked 2026-11-30; final analysis\").")
  String reason;

  @Option(
      names = "--force",
      description =
          "Unblind before the database lock (e.g. for a safety review); recorded as forced.")
  boolean force;

  @Override
  public Integer call() {
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    if (reason.isBlank()) {
      return Cli.fail(spec, "--reason must say why the allocation is revealed");
    }
    if (Cli.identifierInReason(reason) != null) {
      return Cli.fail(spec, Cli.identifierInReason(reason));
    }
    Optional<String> odLabel;
    try (TrialStore store = db.open()) {
      odLabel =
          store.unblind(
              Instant.now().truncatedTo(ChronoUnit.SECONDS),
              System.getProperty("user.name", "unknown"),
              reason,
              force);
    }
    if (odLabel.isEmpty()) {
      return Cli.fail(
          spec,
          "no blinded output was ever made from " + db.display() + ": there is nothing to unblind");
    }
    String tau = odLabel.get().equals("Arm A") ? "Arm B" : "Arm A";
    spec.commandLine()
        .getOut()
        .printf(
            "%s = OD (Open Dialogue)%n%s = TAU (treatment as usual)%nRecorded in the store's"
                + " history.%n",
            odLabel.get(), tau);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
