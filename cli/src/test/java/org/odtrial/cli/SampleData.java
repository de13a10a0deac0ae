package org.odtrial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample trial; surefire runs each module's tests in the module folder. */
final class SampleData {
  static final Path CLEAN = Path.of("..", "sample-data").toAbsolutePath().normalize();
  static final Path DIRTY = CLEAN.resolve("dirty");

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

  /** Replaces the line of {@code file} in {@code dir} that starts with {@code prefix}. */
  static void replaceLine(Path dir, String file, String prefix, String line) {
    try {
      Path p = dir.resolve(file);
      List<String> lines = Files.readAllLines(p);
      int at = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(prefix)) {
          at = i;
        }
      }
      if (at < 0) {
        throw new IllegalArgumentException(prefix + " not in " + p);
      }
      lines.set(at, line);
      Files.write(p, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
