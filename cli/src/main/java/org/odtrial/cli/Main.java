package org.odtrial.cli;

import org.odtrial.cli.internal.Terminal;

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
    System.exit(OdtrialCommand.execute(OdtrialCommand.commandLine(Terminal.detect(), args), args));
  }
}
