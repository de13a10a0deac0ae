package org.odtrial.cli.internal;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command writes its report: a file (-o) or standard output. Closing it closes the file but
 * never standard output, so a format that closes its writer cannot break later output.
 */
public final class Output implements AutoCloseable {
  private final Writer target;
  private final Writer writer;
  private final boolean file;

  private Output(Writer target, boolean file) {
    this.target = target;
    this.file = file;
    this.writer =
        new FilterWriter(target) {
          @Override
          public void close() throws IOException {
            flush(); // the owner closes the target
          }
        };
  }

  /** Standard output when {@code file} is null, else the file (created or replaced, UTF-8). */
  public static Output of(PrintWriter stdout, Path file) throws IOException {
    if (file == null) {
      return new Output(stdout, false);
    }
    return new Output(
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)),
        true);
  }

  /** The writer to write to; closing it only flushes. */
  public Writer writer() {
    return writer;
  }

  /** Whether the report goes to a file. */
  public boolean toFile() {
    return file;
  }

  @Override
  public void close() throws IOException {
    target.flush();
    if (file) {
      target.close();
    }
  }
}
