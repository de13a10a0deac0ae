package org.odtrial.cli;

/** Entry point of the {@code odtrial} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(OdtrialCommand.commandLine().execute(args));
  }
}
