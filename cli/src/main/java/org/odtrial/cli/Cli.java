package org.odtrial.cli;

import java.util.Locale;
import org.odtrial.cli.internal.Exits;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /** Prints {@code odtrial: error: message} on stderr and returns the usage-or-I/O exit code. */
  static int fail(CommandSpec spec, String message) {
    spec.commandLine()
        .getErr()
        .println(String.format(Locale.ROOT, "odtrial %s: error: %s", spec.name(), message));
    return Exits.USAGE_OR_IO;
  }
}
