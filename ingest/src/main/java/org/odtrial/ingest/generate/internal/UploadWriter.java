package org.odtrial.ingest.generate.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The five CSV files of an upload, open together so rows stream into each as they are generated;
 * each file is encoded and written by its own thread. Headers in canonical column order, LF line
 * ends, RFC 4180 quoting where a cell needs it. UTF-8.
 */
public final class UploadWriter implements CountingSink, AutoCloseable {
  private final AsyncFileWriter[] writers = new AsyncFileWriter[TrialFile.values().length];
  private final long[] rows = new long[TrialFile.values().length];

  public UploadWriter(Path dir) {
    try {
      Files.createDirectories(dir);
      for (TrialFile file : TrialFile.values()) {
        AsyncFileWriter w = new AsyncFileWriter(dir.resolve(file.fileName()));
        writers[file.ordinal()] = w;
        writeLine(w.text(), file.columns().stream().map(Column::name).toArray(String[]::new));
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void row(TrialFile file, String[] cells) {
    AsyncFileWriter w = writers[file.ordinal()];
    writeLine(w.text(), cells);
    w.flushIfFull();
    rows[file.ordinal()]++;
  }

  /** Data rows written so far to a file; the last row written is on line {@code rows(file) + 1}. */
  @Override
  public long rows(TrialFile file) {
    return rows[file.ordinal()];
  }

  private static void writeLine(StringBuilder b, String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String cell = cells[i];
      if (cell != null) {
        if (needsQuotes(cell)) {
          b.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
          b.append(cell);
        }
      }
    }
    b.append('\n');
  }

  private static boolean needsQuotes(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** Finishes every file; the first failure is thrown after all have been tried. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (AsyncFileWriter w : writers) {
      if (w != null) {
        try {
          w.close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // already failing: the first error is the one reported
    }
  }
}
