package org.odtrial.cli.internal;

/** The exit codes every odtrial command uses. */
public final class Exits {
  /** Success (validation may have found warnings). */
  public static final int OK = 0;

  /** The data has errors: nothing was stored or computed from it. */
  public static final int FINDINGS = 1;

  /** A usage error, or a file or database that could not be read or written. */
  public static final int USAGE_OR_IO = 2;

  private Exits() {}
}
