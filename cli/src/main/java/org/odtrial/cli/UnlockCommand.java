package org.odtrial.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial unlock}: re-opens a locked database, e.g. to resolve a late query. */
@Command(
    name = "unlock",
    header = "Unlock a locked database so that data can be ingested again.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Unlock a locked database, e.g. to correct data after a late query. Recorded and sealed in"
          + " the store's history with the user, the time and the reason; lock it again afterwards."
    })
public final class UnlockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why the database is unlocked (e.g. \"site T03 corrected 2 visit dates\").")
  String reason;

  @Override
  public Integer call() {
    return LockCommand.change(spec, db, reason, false);
  }
}
