package org.odtrial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.IngestException;
import org.odtrial.report.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code odtrial} command: holds the subcommands. */
@Command(
    name = "odtrial",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Research data platform for cluster-randomised trials of Open Dialogue.",
    subcommands = {
      ValidateCommand.class,
      IngestCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      LoadsCommand.class,
      WarningsCommand.class,
      AnalyseCommand.class,
      ReportCommand.class,
      UnblindCommand.class,
      PlanCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (validation may report warnings)",
      "1:the data has errors; nothing was stored",
      "2:usage error, or a file or database could not be read or written"
    })
public final class OdtrialCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** A configured command line, as used by {@link Main} and by tests. */
  public static CommandLine commandLine() {
    return commandLine(Terminal.detect());
  }

  static CommandLine commandLine(Terminal terminal) {
    CommandLine cl = new CommandLine(new OdtrialCommand());
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.ansi()));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(OdtrialCommand::handle);
    cl.getSubcommands()
        .get("generate")
        .getCommandSpec()
        .usageMessage()
        .footer(GenerateCommand.footer().toArray(String[]::new));
    return cl;
  }

  /**
   * Known failures (bad files, databases, I/O) become one clear line and exit code 2; anything else
   * is a bug and says so, with the stack trace only when ODTRIAL_DEBUG is set.
   */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String name = cl.getCommandName();
    if (e instanceof IngestException
        || e instanceof AnalysisException
        || e instanceof ReportException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof IllegalArgumentException) {
      cl.getErr().println(String.format(Locale.ROOT, "odtrial %s: error: %s", name, message(e)));
    } else {
      cl.getErr()
          .println(
              String.format(
                  Locale.ROOT,
                  "odtrial %s: internal error (%s): %s. Please report it; set ODTRIAL_DEBUG=1 for"
                      + " details.",
                  name,
                  e.getClass().getSimpleName(),
                  message(e)));
    }
    if (System.getenv("ODTRIAL_DEBUG") != null) {
      e.printStackTrace(cl.getErr());
    }
    return Exits.USAGE_OR_IO;
  }

  private static String message(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      e = u.getCause();
    }
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
