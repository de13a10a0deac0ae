package org.odtrial.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.odtrial.cli.internal.Exits;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.Redaction;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /**
   * A path or store location the user typed, as printed: without any direct identifier it holds (a
   * folder named after an NHS number, say).
   */
  static String shown(Object location) {
    return Redaction.redact(String.valueOf(location));
  }

  /**
   * Prints {@code odtrial: error: message} on stderr (never repeating a direct identifier) and
   * returns the usage-or-I/O exit code.
   */
  static int fail(CommandSpec spec, String message) {
    OdtrialCommand.noteError(spec.commandLine(), message);
    spec.commandLine()
        .getErr()
        .println(
            Redaction.redact(
                // the command as typed: "odtrial queries answer", not "odtrial answer"
                String.format(Locale.ROOT, "%s: error: %s", spec.qualifiedName(), message)));
    return Exits.USAGE_OR_IO;
  }

  /**
   * Records an unblinded report of a blinded trial; a store that cannot be written says why the
   * report is refused rather than only that a write failed.
   */
  static void recordOrExplain(
      TrialStore store, String event, Instant at, String user, String detail) {
    try {
      store.recordEvent(event, at, user, detail);
    } catch (StoreException e) {
      if (e.kind() != StoreException.Kind.READ_ONLY) {
        throw e;
      }
      throw new StoreException(
          StoreException.Kind.READ_ONLY,
          "this trial has blinded outputs, so an unblinded report must be recorded in the store's"
              + " history, and "
              + store.name()
              + " is read-only here: write the report with --blinded, or run it where the store"
              + " can be written",
          e);
    }
  }

  /**
   * Why {@code dir}, given with {@code option}, cannot be made the folder a command writes into, or
   * null when it looks fine. Checked before the command does anything else, so that an {@code
   * --out} naming a file never fails only at the end: after {@code run} stored the load, after
   * {@code report} recorded an unblinded report in the store's history, or after minutes of
   * analysis.
   */
  static String outFolderProblem(String option, Path dir) {
    Path target = dir.toAbsolutePath();
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null; // nothing to check against: the write itself says what is wrong
    }
    if (!Files.isDirectory(existing)) {
      return existing.equals(target)
          ? option + " " + dir + " is a file, not a folder; give the folder to write into"
          : option + " " + dir + " cannot be a folder: " + existing + " is a file";
    }
    if (!Files.isWritable(existing)) {
      return option
          + " "
          + dir
          + ": "
          + (existing.equals(target) ? "this folder" : existing)
          + " cannot be written (permissions, or a read-only file system)";
    }
    return null;
  }

  /** Refuses text for the history that holds a direct identifier; returns null when it is fine. */
  static String identifierInReason(String reason) {
    String kind = Redaction.identifierIn(reason);
    return kind == null
        ? null
        : "--reason holds what looks like "
            + kind
            + ", a direct identifier; it would be kept in the store's history, so reword it";
  }
}
