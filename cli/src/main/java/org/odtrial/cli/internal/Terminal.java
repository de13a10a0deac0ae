package org.odtrial.cli.internal;

import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/**
 * What the process is attached to. Colour and progress are for people at a terminal only: never in
 * pipes, CI or files, and never with NO_COLOR set (https://no-color.org).
 */
public record Terminal(boolean interactive, boolean colour) {
  /** No colour, no progress: for files and tests. */
  public static final Terminal PLAIN = new Terminal(false, false);

  /** Reads the real environment. */
  public static Terminal detect() {
    return of(System.console() != null, System.getenv());
  }

  public static Terminal of(boolean console, Map<String, String> env) {
    boolean ci = env.containsKey("CI");
    boolean dumb = "dumb".equals(env.get("TERM"));
    String noColour = env.get("NO_COLOR");
    boolean interactive = console && !ci;
    boolean colour = interactive && !dumb && (noColour == null || noColour.isEmpty());
    return new Terminal(interactive, colour);
  }

  public Ansi ansi() {
    return colour ? Ansi.ON : Ansi.OFF;
  }
}
