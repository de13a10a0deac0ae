package org.odtrial.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.odtrial.cli.internal.Terminal;
import picocli.CommandLine;

/**
 * One execution of the odtrial command line with captured output, as a user at a pipe would see it
 * (the command line built for the arguments, as {@link Main} builds it).
 */
record Run(int exit, String out, String err) {
  static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = OdtrialCommand.commandLine(Terminal.PLAIN, args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = OdtrialCommand.execute(cl, args);
    return new Run(exit, out.toString(), err.toString());
  }

  String all() {
    return out + err;
  }
}
