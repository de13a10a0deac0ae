package org.odtrial.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The store file option shared by the commands that read or write a store. */
public final class DbOption {
  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "The odtrial store (a SQLite file); created on the first ingest.")
  Path db;

  public Path path() {
    return db;
  }
}
