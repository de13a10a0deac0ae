package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.cli.internal.Terminal;
import picocli.CommandLine;

/**
 * {@code odtrial --help}, {@code --version} and no arguments run on the subcommands' summaries
 * (names, aliases, first lines) instead of their whole models, and print exactly what the whole
 * tree prints, with colour and without.
 */
class TopLevelHelpTest {
  @Test
  void helpVersionAndNoArgumentsPrintWhatTheWholeTreePrints() {
    for (Terminal terminal : List.of(Terminal.PLAIN, new Terminal(true, true))) {
      for (String[] args :
          List.of(
              new String[] {},
              new String[] {"--help"},
              new String[] {"-h"},
              new String[] {"--version"},
              new String[] {"-V"})) {
        String[] whole = captured(OdtrialCommand.commandLine(terminal), args);
        String[] summaries = captured(OdtrialCommand.commandLine(terminal, args), args);
        assertThat(summaries)
            .as("%s, colour %s", String.join(" ", args), terminal.colour())
            .containsExactly(whole);
      }
    }
    // the summaries are what was built: no subcommand's options
    CommandLine help = OdtrialCommand.commandLine(Terminal.PLAIN, "--help");
    assertThat(help.getSubcommands().keySet())
        .isEqualTo(OdtrialCommand.commandLine(Terminal.PLAIN).getSubcommands().keySet());
    assertThat(help.getSubcommands().get("validate").getCommandSpec().options()).isEmpty();
  }

  /** Exit code, standard output and standard error of {@code args} run on {@code cl}. */
  private static String[] captured(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = OdtrialCommand.execute(cl, args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }
}
