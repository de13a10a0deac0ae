package org.odtrial.cli;

import java.io.PrintWriter;
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
    // picocli writes through System.out, a PrintStream, which keeps a failed write (a full disk)
    // to itself: its error is reported as the writer's own, for execute to turn into exit code 2
    PrintWriter stdout = cl.getOut();
    cl.setOut(
        new PrintWriter(stdout, true) {
          @Override
          public boolean checkError() {
            return super.checkError() || System.out.checkError();
          }
        });
    System.exit(OdtrialCommand.execute(cl, args));
  }
}
