package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.Rule;

/**
 * Reads one upload file in a single pass: hashes the raw bytes, decodes UTF-8 strictly, parses RFC
 * 4180 CSV ({@link ByteRecords}), checks the header, maps each record to canonical column order and
 * hands it to the file's checker and to the sink. Records with the wrong number of cells are
 * reported and not passed on; blank lines are skipped.
 */
public final class CsvFileReader {
  /**
   * Records whose index slots are touched at once before they are checked (see {@link
   * FileChecker#prefetch}): few enough that the slots are still cached when their records come.
   */
  private static final int PREFETCH = 256;

  private final TrialFile file;
  private final Findings findings;

  public CsvFileReader(TrialFile file, Findings findings) {
    this.file = file;
    this.findings = findings;
  }

  /** Reads dir/file; returns its summary, or null when the file is missing or cannot be opened. */
  FileSummary read(Path dir, FileChecker checker, RecordSink sink) {
    Path path = dir.resolve(file.fileName());
    MessageDigest sha = sha256();
    InputStream raw;
    try {
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        // a folder, a pipe (which would wait for a writer for ever) or a device such as /dev/zero
        fileFinding(
            Rule.UNREADABLE_FILE,
            file.fileName()
                + " is not a regular file (it is a folder, a pipe or a device); put the CSV file"
                + " itself in the upload folder");
        return null;
      }
      raw = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      fileFinding(
          Rule.MISSING_FILE,
          file.fileName()
              + " is missing; all five files are required (a file may hold"
              + " just its header row)");
      return null;
    } catch (IOException | SecurityException e) {
      fileFinding(
          Rule.UNREADABLE_FILE,
          file.fileName() + " cannot be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    CountingStream counted = new CountingStream(new DigestInputStream(raw, sha));
    long rows = 0;
    try (counted) {
      ByteRecords records =
          new ByteRecords(
              counted,
              (line, offset) ->
                  findings.add(
                      file,
                      line,
                      null,
                      null,
                      null,
                      Rule.ENCODING,
                      fmt(
                          "line %d holds bytes that are not valid UTF-8 (at byte %d); save the file"
                              + " as UTF-8",
                          line, offset)));
      rows = parse(records, checker, sink);
      counted.transferTo(
          OutputDiscard.INSTANCE); // hash the rest of a file whose reading stopped early
    } catch (SinkFailure e) {
      throw e.failure;
    } catch (IOException | UncheckedIOException e) {
      fileFinding(
          Rule.UNREADABLE_FILE,
          file.fileName() + " could not be read to the end (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    return new FileSummary(file, rows, HexFormat.of().formatHex(sha.digest()), counted.count());
  }

  private long parse(ByteRecords records, FileChecker checker, RecordSink sink) throws IOException {
    String[] header;
    try {
      header = records.next();
      if (header == null) {
        fileFinding(
            Rule.EMPTY_FILE, file.fileName() + " is empty: it needs at least the header row");
        return 0;
      }
    } catch (IOException e) {
      if (records.cut() != null) {
        tooLong(records);
        return 0;
      }
      if (!(e instanceof CsvRecords.Malformed)) {
        throw e;
      }
      malformed(1);
      return 0;
    }
    if (records.cut() != null && records.recordStart() >= records.cutRecordStart()) {
      tooLong(records);
      return 0;
    }
    int[] target = header(header);
    if (target == null) {
      return 0;
    }
    int columns = file.columns().size();
    boolean[] present = new boolean[columns];
    for (int t : target) {
      if (t >= 0) {
        present[t] = true;
      }
    }
    checker.columnsInHeader(present);
    boolean extraCells = false;
    for (int t : target) {
      extraCells |= t < 0;
    }
    headerNames = header;
    inOrder = target.length == columns;
    for (int i = 0; i < target.length && inOrder; i++) {
      inOrder = target[i] == i;
    }
    int[] keyColumns = checker.keyColumns();
    int[] keyRaw = new int[keyColumns.length];
    for (int j = 0; j < keyColumns.length; j++) {
      keyRaw[j] = -1;
      for (int i = 0; i < target.length; i++) {
        if (target[i] == keyColumns[j]) {
          keyRaw[j] = i;
        }
      }
    }
    FingerprintIndex[] lookups = new FingerprintIndex[keyColumns.length];
    for (int j = 0; j < keyColumns.length; j++) {
      // finished before this file: safe to read on the pump's thread, started after it was
      lookups[j] = checker.keyLookedUp(j) ? checker.keyIndex(j) : null;
    }
    RecordPump pump = new RecordPump(records, keyRaw, target.length, lookups);
    Thread thread = new Thread(pump, "odtrial-csv-" + file.tableName());
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> pump.died(e));
    thread.start();
    long rows = 0;
    try {
      while (true) {
        RecordPump.Batch b = pump.take(thread);
        for (int k = 0; k < b.size(); k++) {
          if (k % PREFETCH == 0) {
            checker.prefetch(b.prints(), k, Math.min(b.size(), k + PREFETCH), keyRaw.length);
          }
          if (record(
              b.records()[k],
              b.lines()[k],
              target,
              extraCells,
              checker,
              sink,
              keyRaw,
              b.prints(),
              b.found(),
              2 * k * keyRaw.length)) {
            rows++;
          }
        }
        if (b.last()) {
          if (b.failure() instanceof RuntimeException e) {
            throw e;
          } else if (b.failure() instanceof Error e) {
            throw e;
          }
          if (b.cut() != null) {
            tooLong(records);
            return rows;
          }
          if (b.malformedAt() >= 0) {
            malformed(b.malformedAt());
            return rows;
          }
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.odtrial.ingest.IngestException(
          "validation of " + file.fileName() + " was interrupted", e);
    } finally {
      pump.stop();
      join(thread);
    }
    checker.finish();
    return rows;
  }

  /**
   * Checks one record and passes it on; false when it was not a data row (blank line or wrong cell
   * count).
   */
  private boolean record(
      String[] r,
      long line,
      int[] target,
      boolean extraCells,
      FileChecker checker,
      RecordSink sink,
      int[] keyRaw,
      long[] prints,
      int[] found,
      int printsAt) {
    if (r.length == 1 && r[0].isEmpty() && target.length > 1) {
      return false; // a blank line carries no data
    }
    if (r.length != target.length) {
      findings.add(
          file,
          line,
          null,
          null,
          null,
          Rule.CELL_COUNT,
          fmt(
              "this row has %d cells but the header has %d; check for stray commas or missing"
                  + " quotes",
              r.length, target.length));
      scanUnread(r, target, line, null, null, true);
      return false;
    }
    String[] values;
    if (inOrder) {
      values = r; // the reader's own array, handed over: no copy needed
      for (int i = 0; i < values.length; i++) {
        if (values[i].isEmpty()) {
          values[i] = null;
        }
      }
    } else {
      values = new String[file.columns().size()];
      for (int i = 0; i < target.length; i++) {
        int t = target[i];
        if (t >= 0) {
          String v = r[i];
          values[t] = v.isEmpty() ? null : v;
        }
      }
    }
    checker.accept(line, values, r, keyRaw, prints, found, printsAt);
    if (extraCells) {
      scanUnread(r, target, line, checker.record(), checker.site, false);
    }
    try {
      sink.accept(file, line, values);
    } catch (UncheckedIOException e) {
      throw new SinkFailure(
          e); // the sink's own I/O failure must not pass for a file that cannot be read
    }
    return true;
  }

  /**
   * Waits for the pump to end (it stops promptly once told to), keeping the caller's interrupt
   * status.
   */
  private static void join(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private String[] headerNames;

  /** Whether the header names every column of the contract, in contract order. */
  private boolean inOrder;

  /**
   * Direct identifiers are looked for in every cell, also those not otherwise read: cells under an
   * unknown or repeated header, and (when {@code all}) every cell of a ragged row.
   */
  private void scanUnread(
      String[] r, int[] target, long line, String record, String site, boolean all) {
    int columns = file.columns().size();
    for (int i = 0; i < r.length; i++) {
      if (!all && target[i] >= 0) {
        continue;
      }
      String kind = DirectIdentifiers.kind(r[i]);
      if (kind == null) {
        continue;
      }
      String name = i < headerNames.length ? headerNames[i] : null;
      if (name != null && DirectIdentifiers.kind(name) != null) {
        name = null;
      }
      int order = i < target.length && target[i] >= 0 ? target[i] : columns + i;
      findings.add(
          file,
          line,
          order,
          name,
          record,
          site,
          Rule.DIRECT_IDENTIFIER,
          "this cell looks like "
              + kind
              + ", a direct identifier; remove it, the upload must be de-identified (the"
              + " value is not repeated here)");
    }
  }

  private void tooLong(ByteRecords reader) {
    String what =
        switch (reader.cut()) {
          case CELL -> fmt("has a cell longer than %,d characters", Utf8LineReader.MAX_CELL);
          case RECORD -> fmt("is longer than %,d characters", Utf8LineReader.MAX_RECORD);
          case CELLS -> fmt("has more than %,d cells", Utf8LineReader.MAX_CELLS);
        };
    findings.add(
        file,
        reader.cutLine(),
        null,
        null,
        null,
        Rule.TOO_LONG,
        fmt(
            "the record starting on line %d %s; nothing after it was read. A quote that is never"
                + " closed makes the rest of the file one cell: check the quoting there, and that"
                + " this is the CSV export of the trial data",
            reader.cutLine(), what));
  }

  private void malformed(long line) {
    findings.add(
        file,
        line,
        null,
        null,
        null,
        Rule.MALFORMED_CSV,
        fmt(
            "the quoting of the record starting on line %d is broken (a quote is not closed, or"
                + " text follows a closing quote); nothing after it was read. Put quotes around a"
                + " whole cell and double any quote inside it",
            line));
  }

  /**
   * Checks the header; returns, for each header position, the canonical column index (-1 = ignore),
   * or null when the file cannot be read further.
   */
  private int[] header(String[] header) {
    if (header.length == 1 && header[0].indexOf(';') >= 0) {
      findings.add(
          file,
          1,
          null,
          null,
          null,
          Rule.SEMICOLON_DELIMITED,
          file.fileName() + " looks semicolon-delimited; export it as comma-separated CSV");
      return null;
    }
    int[] target = new int[header.length];
    Map<String, Integer> seen = new HashMap<>();
    List<Column> columns = file.columns();
    for (int i = 0; i < header.length; i++) {
      String name = header[i];
      int c = file.indexOf(name);
      target[i] = c;
      int order = columns.size() + i; // unknown columns sort after the contract's
      if (c < 0) {
        if (header.length == 1 && header[0].isEmpty()) {
          findings.add(
              file,
              1,
              null,
              null,
              null,
              Rule.EMPTY_FILE,
              file.fileName() + " has an empty first line; the first line must be the header row");
          return null;
        }
        unknownColumn(i, name, order);
        continue;
      }
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        target[i] = -1;
        findings.add(
            file,
            1,
            c,
            name,
            null,
            null,
            Rule.DUPLICATE_COLUMN,
            fmt(
                "column %s appears twice in the header (positions %d and %d); keep one",
                name, first + 1, i + 1));
      }
    }
    for (Column col : columns) {
      if (col.required() && !seen.containsKey(col.name())) {
        findings.add(
            file,
            1,
            col.name(),
            null,
            null,
            Rule.MISSING_COLUMN,
            "required column " + col.name() + " is not in the header");
      }
    }
    return target;
  }

  private void unknownColumn(int position, String name, int order) {
    String message;
    String column = null;
    if (name.isEmpty()) {
      message =
          fmt(
              "the header cell at position %d is blank; every column needs its contract name",
              position + 1);
    } else if (DirectIdentifiers.kind(name) != null) {
      message =
          fmt(
              "the header cell at position %d looks like %s, a direct identifier; remove it (not"
                  + " repeated here)",
              position + 1, DirectIdentifiers.kind(name));
      findings.add(file, 1, order, null, null, null, Rule.DIRECT_IDENTIFIER, message);
      return;
    } else {
      column = name;
      String near = null;
      for (Column c : file.columns()) {
        if (c.name().equalsIgnoreCase(name.strip())) {
          near = c.name();
        }
      }
      message =
          "unknown column "
              + Text.quote(name)
              + (near != null
                  ? "; did you mean " + near + "? (names are exact and case-sensitive)"
                  : ": it is not part of "
                      + file.fileName()
                      + " in contract v1; remove it, nothing beyond the agreed"
                      + " de-identified columns may be uploaded");
    }
    findings.add(file, 1, order, column, null, null, Rule.UNKNOWN_COLUMN, message);
  }

  private void fileFinding(Rule rule, String message) {
    findings.add(file, 0, null, null, null, rule, message);
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** Carries a sink's UncheckedIOException past the handler for read failures. */
  private static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient UncheckedIOException failure;

    SinkFailure(UncheckedIOException failure) {
      super(failure);
      this.failure = failure;
    }
  }

  /** Counts bytes read through it. */
  private static final class CountingStream extends java.io.FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) {
      throw new UnsupportedOperationException("skipping would leave bytes out of the hash");
    }
  }

  /** An output stream that drops everything. */
  private static final class OutputDiscard extends java.io.OutputStream {
    static final OutputDiscard INSTANCE = new OutputDiscard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
