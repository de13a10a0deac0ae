package org.odtrial.cli;

import java.nio.file.Path;

/** The repository's sample trial; surefire runs each module's tests in the module folder. */
final class SampleData {
  static final Path CLEAN = Path.of("..", "sample-data").toAbsolutePath().normalize();
  static final Path DIRTY = CLEAN.resolve("dirty");

  private SampleData() {}
}
