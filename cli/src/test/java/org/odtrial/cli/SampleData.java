package org.odtrial.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's sample trial; surefire runs each module's tests in the module folder. */
final class SampleData {
  static final Path CLEAN = Path.of("..", "sample-data").toAbsolutePath().normalize();
  static final Path DIRTY = CLEAN.resolve("dirty");

  /** The clean trial's next upload: corrections and one new problem (sample-data/README.md). */
  static final Path NEXT = CLEAN.resolve("next");

  private SampleData() {}

  /** Copies the files of a folder (an upload) into a new folder. */
  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
