package org.odtrial.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -o FILE} option shared by the commands that write a report or a list. */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  /** The file, or null for standard output. */
  public Path path() {
    return output;
  }
}
