package org.odtrial.ingest.generate.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The five CSV files of an upload, open together so rows stream into each as they are generated. Headers in canonical
 * column order, LF line ends, RFC 4180 quoting where a cell needs it.
 */
public final class UploadWriter implements RowSink, AutoCloseable {
  private static final int BUFFER_CHARS = 1 << 16;
  private final Writer[] writers = new Writer[TrialFile.values().length];
  private final long[] rows = new long[TrialFile.values().length];

  public UploadWriter(Path dir) {
    try {
      Files.createDirectories(dir);
      for (TrialFile file : TrialFile.values()) {
        Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(dir.resolve(file.fileName())), StandardCharsets.UTF_8),
                BUFFER_CHARS);
        writers[file.ordinal()] = w;
        String[] header = file.columns().stream().map(Column::name).toArray(String[]::new);
        writeLine(w, header);
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void row(TrialFile file, String[] cells) {
    try {
      writeLine(writers[file.ordinal()], cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows[file.ordinal()]++;
  }

  /** Data rows written so far to a file; the last row written is on line {@code rows(file) + 1}. */
  public long rows(TrialFile file) {
    return rows[file.ordinal()];
  }

  private static void writeLine(Writer w, String[] cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      String cell = cells[i];
      if (cell != null) {
        if (needsQuotes(cell)) {
          w.write('"');
          w.write(cell.replace("\"", "\"\""));
          w.write('"');
        } else {
          w.write(cell);
        }
      }
    }
    w.write('\n');
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

  @Override
  public void close() {
    IOException first = null;
    for (Writer w : writers) {
      if (w != null) {
        try {
          w.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }

  private void closeQuietly() {
    for (Writer w : writers) {
      if (w != null) {
        try {
          w.close();
        } catch (IOException ignored) {
          // already failing: the first error is the one reported
        }
      }
    }
  }
}
