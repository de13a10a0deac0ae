package org.odtrial.ingest.output;

import java.io.BufferedOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Output files that are either whole or absent: each is written to a temporary file in the same
 * folder, flushed to disk, then renamed over the target in one step. A full disk, a failure or a
 * killed process therefore never leaves a half-written report, results or findings file: the target
 * keeps its old content (or does not exist) and the temporary file is removed.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes characters (UTF-8) of one file. */
  @FunctionalInterface
  public interface Text {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code target} whole or not at all. */
  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = createTemporary(dir, target.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code target} as UTF-8 text, whole or not at all. The writer given to {@code text} may
   * be closed by it (a CSV printer does): closing only flushes.
   */
  public static void writeText(Path target, Text text) throws IOException {
    write(
        target,
        (OutputStream out) -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          text.writeTo(
              new FilterWriter(w) {
                @Override
                public void close() throws IOException {
                  flush();
                }
              });
          w.flush();
        });
  }

  /** Writes {@code target} holding {@code s} (UTF-8), whole or not at all. */
  public static void writeString(Path target, String s) throws IOException {
    write(target, (OutputStream out) -> out.write(s.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A hidden folder inside {@code dir} to write several files into; {@link Staging#commit()} moves
   * each into {@code dir}, and closing without commit removes them all.
   */
  public static Staging stage(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new Staging(dir, Files.createTempDirectory(dir, ".odtrial-"));
  }

  /** Files written together, moved into their folder one atomic rename each. */
  public static final class Staging implements AutoCloseable {
    private final Path target;
    private final Path dir;

    private Staging(Path target, Path dir) {
      this.target = target;
      this.dir = dir;
    }

    /** Where to write the files. */
    public Path dir() {
      return dir;
    }

    /**
     * Moves every file written into place (flushed to disk first); returns their new paths, by
     * name. Closing afterwards removes the empty staging folder.
     */
    public List<Path> commit() throws IOException {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
        for (Path p : in) {
          if (!Files.isRegularFile(p)) {
            throw new IOException("only files can be staged, not " + p);
          }
          files.add(p);
        }
      }
      files.sort(Comparator.comparing(p -> p.getFileName().toString()));
      for (Path p : files) {
        try (FileChannel channel = FileChannel.open(p, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
      List<Path> moved = new ArrayList<>();
      for (Path p : files) {
        Path to = target.resolve(p.getFileName().toString());
        move(p, to);
        moved.add(to);
      }
      return moved;
    }

    @Override
    public void close() throws IOException {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * A new empty file beside the target, created like any other file (permissions from the umask):
   * Files.createTempFile would make it readable by its owner only, and the rename would keep that,
   * so a site's query list in a shared folder could not be read by the colleague it is for.
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // same folder, so this only happens on unusual file systems: a plain replace is the best left
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
