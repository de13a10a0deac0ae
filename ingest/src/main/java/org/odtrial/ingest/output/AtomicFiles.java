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
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
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

  /**
   * Writes {@code target} whole or not at all. A device or a pipe ({@code -o /dev/null}, {@code
   * /dev/stdout}, a FIFO) is written to as it is, and a symbolic link to a file has that file
   * replaced, not the link: renaming a file over them would replace the device or the link itself
   * (run as root, {@code /dev/null} would become a plain file).
   */
  public static void write(Path target, Content content) throws IOException {
    if (Files.isSymbolicLink(target)) {
      Path real = realFile(target);
      if (real == null) {
        writeInPlace(target, content);
      } else {
        write(real, content);
      }
      return;
    }
    if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
      writeInPlace(target, content);
      return;
    }
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = createTemporary(target, dir);
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
   * The file a symbolic link leads to, or null when it leads nowhere that can be named (a link to a
   * file not there yet, or {@code /proc/self/fd/1} of a pipe): such a target is written in place.
   */
  private static Path realFile(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes through {@code target} as it is: a device, a pipe, or what a dangling link names. */
  private static void writeInPlace(Path target, Content content) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      content.writeTo(out);
      out.flush();
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
    try {
      return new Staging(dir, Files.createTempDirectory(dir, ".odtrial-"));
    } catch (FileSystemException e) {
      throw named(e, dir); // a failure names the folder, not the hidden one made inside it
    }
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
  private static Path createTemporary(Path target, Path dir) throws IOException {
    if (Files.isDirectory(target)) {
      throw new IOException(target + " is a folder; give the name of a file to write");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(
          "cannot write "
              + target
              + ": "
              + (dir != null && Files.exists(dir)
                  ? dir + " is a file, not a folder"
                  : "its folder does not exist"));
    }
    String name = target.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      } catch (FileSystemException e) {
        throw named(e, target);
      }
    }
  }

  /**
   * The failure {@code e} to create a temporary file or folder, told of {@code target}, the file or
   * folder the user named: the temporary's name would say nothing to them.
   */
  private static FileSystemException named(FileSystemException e, Path target) {
    FileSystemException named =
        e instanceof AccessDeniedException
            ? new AccessDeniedException(target.toString())
            : new FileSystemException(target.toString(), null, e.getReason());
    named.initCause(e);
    return named;
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
