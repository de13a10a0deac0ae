package org.odtrial.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code odtrial} command: holds the subcommands. */
@Command(
    name = "odtrial",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Research data platform for cluster-randomised trials of Open Dialogue.",
    subcommands = {CommandLine.HelpCommand.class})
public final class OdtrialCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** A configured command line, as used by {@link Main} and by tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new OdtrialCommand());
  }
}
