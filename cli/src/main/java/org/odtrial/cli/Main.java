package org.odtrial.cli;

import org.odtrial.cli.internal.Terminal;
import picocli.CommandLine;

/** Entry point of the {@code odtrial} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // a failure on a helper thread is one line too, never a stack trace (ODTRIAL_DEBUG shows it)
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          System.err.println("odtrial: error on thread " + t.getName() + ": " + e);
          if (System.getenv("ODTRIAL_DEBUG") != null) {
            e.printStackTrace();
          }
        });
    CommandLine cl = OdtrialCommand.commandLine(Terminal.detect(), args);
    int exit = OdtrialCommand.execute(cl, args);
    // picocli writes through System.out, a PrintStream, which keeps a failed write (a full disk)
    // to itself rather than tell the writer over it
    cl.getOut().flush();
    if (System.out.checkError()) {
      exit = OdtrialCommand.outputLost(cl, args, exit);
    }
    System.exit(exit);
  }
}
