package org.odtrial.cli.internal;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.odtrial.ingest.output.AtomicFiles;

/**
 * Where a command writes its report: a file given with -o, written whole or not at all ({@link
 * AtomicFiles}), or standard output, which a format closing its writer never closes.
 */
public final class Output {
  private Output() {}

  /** Writes to {@code file}, or to {@code stdout} when it is null. */
  public static void write(PrintWriter stdout, Path file, AtomicFiles.Text text)
      throws IOException {
    if (file != null) {
      AtomicFiles.writeText(file, text);
      return;
    }
    text.writeTo(
        new FilterWriter(stdout) {
          @Override
          public void close() {
            stdout.flush();
          }
        });
    stdout.flush();
  }
}
