package org.odtrial.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.odtrial.ingest.store.HistoryEvent;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial lock}: the database lock before unblinding and the final analysis. */
@Command(
    name = "lock",
    header = "Lock the trial's database: no more ingests; unblinding allowed.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Lock the trial's database (ICH E6 database lock): from now on every ingest is refused, and"
          + " 'odtrial unblind' is allowed. The lock is recorded and sealed in the store's history"
          + " with the user, the time and the reason; 'odtrial unlock' undoes it, recorded too."
          + " Prints the chain head after the lock, to record outside the store (e.g. in the trial"
          + " master file)."
    })
public final class LockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why the database is locked (e.g. \"all queries resolved; final analysis\").")
  String reason;

  @Override
  public Integer call() {
    return change(spec, db, reason, true);
  }

  /** Locks or unlocks, printing what was recorded and the chain head. */
  static int change(CommandSpec spec, DbOption db, String reason, boolean lock) {
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    if (reason.isBlank()) {
      return Cli.fail(spec, "--reason must say why");
    }
    if (Cli.identifierInReason(reason) != null) {
      return Cli.fail(spec, Cli.identifierInReason(reason));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String user = System.getProperty("user.name", "unknown");
    HistoryEvent e;
    String head;
    try (TrialStore store = db.open()) {
      e = lock ? store.lock(now, user, reason) : store.unlock(now, user, reason);
      head = store.verify().head();
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "%s %s at %s by %s: %s%nRecorded in the store's history (event %d). Chain head, to"
                + " record outside the store:%n%s%n",
            lock ? "Locked" : "Unlocked",
            db.shortName(),
            e.at(),
            e.user(),
            e.detail(),
            e.seq(),
            head);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
