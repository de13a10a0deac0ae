package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits the text of a {@link Utf8LineReader} into RFC 4180 records, cell for cell as commons-csv
 * 1.14 does with {@code CSVFormat.RFC4180} (empty lines kept, no trimming): a record ends at LF,
 * CRLF or a lone CR; a cell that starts with a quote is quoted, {@code ""} inside it is one quote,
 * whitespace between its closing quote and the next comma or line end is dropped, and anything else
 * there, or the end of the text inside it, is broken quoting ({@link Malformed}); a quote inside an
 * unquoted cell is text. It asks the reader for more text exactly when commons-csv would (when it
 * reads or looks ahead past what it has), so the reader's limits ({@link Utf8LineReader#cut()})
 * show at the same records. It exists for speed: cells are cut straight out of the decoded text,
 * without a per-character reader call, token buffer or record object. CsvRecordsTest compares the
 * two on random text.
 */
final class CsvRecords {
  /** Broken quoting: commons-csv's {@code CSVException}. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private static final int EOF = -1;
  private static final int TOKEN = 0;
  private static final int END_OF_RECORD = 1;
  private static final int END_OF_TEXT = 2; // with a last cell
  private static final int NOTHING = 3; // end of text, no cell

  private final Utf8LineReader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private long base; // position of buf[0] in the text
  private boolean eofRead; // the last character read was the end of the text
  private boolean lastTokenDelimiter;
  private String cell;
  private final StringBuilder spill = new StringBuilder();
  private String[] cells = new String[16]; // also the cells of the record before, until overwritten
  private int cellIndex; // of the cell being read
  private long recordStart;

  CsvRecords(Utf8LineReader in) {
    this(in, 0);
  }

  /** Reads text whose first character has the position {@code base} (a record's start). */
  CsvRecords(Utf8LineReader in, long base) {
    this.in = in;
    this.base = base;
  }

  /** Character position (from 0) of the record last returned. */
  long recordStart() {
    return recordStart;
  }

  /** The next record's cells, or null at the end of the text. */
  String[] next() throws IOException {
    recordStart = base + pos;
    int n = 0;
    int type;
    do {
      cellIndex = n;
      type = token();
      if (type != NOTHING) {
        if (n == cells.length) {
          cells = Arrays.copyOf(cells, n * 2);
        }
        cells[n++] = cell;
      }
    } while (type == TOKEN);
    return n == 0 ? null : Arrays.copyOf(cells, n);
  }

  /** Makes buf[pos] available; false at the end of the text. */
  private boolean fill() throws IOException {
    base += end;
    pos = 0;
    end = 0;
    int r = in.read(buf, 0, buf.length);
    if (r <= 0) {
      return false;
    }
    end = r;
    return true;
  }

  private int read() throws IOException {
    if (pos == end && !fill()) {
      eofRead = true;
      return EOF;
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == end && !fill()) {
      return EOF;
    }
    return buf[pos];
  }

  /** True at a line end; a CR followed by LF takes the LF too. */
  private boolean endOfLine(int c) throws IOException {
    if (c == '\r') {
      if (peek() == '\n') {
        pos++;
      }
      return true;
    }
    return c == '\n';
  }

  private int token() throws IOException {
    boolean afterEof = eofRead;
    int c = read();
    boolean eol = endOfLine(c);
    if (afterEof || (!lastTokenDelimiter && c == EOF)) {
      return NOTHING;
    }
    if (c == ',') {
      lastTokenDelimiter = true;
      cell = "";
      return TOKEN;
    }
    lastTokenDelimiter = false;
    if (eol) {
      cell = "";
      return END_OF_RECORD;
    }
    if (c == '"') {
      return quoted();
    }
    if (c == EOF) {
      cell = "";
      return END_OF_TEXT;
    }
    return simple();
  }

  /** An unquoted cell whose first character (not a comma, quote or line end) was just read. */
  private int simple() throws IOException {
    int start = pos - 1;
    spill.setLength(0);
    boolean spilled = false;
    while (true) {
      int i = start;
      char[] a = buf;
      int e = end;
      while (i < e) {
        char ch = a[i];
        if (ch == ',' || ch == '\n' || ch == '\r') {
          break;
        }
        i++;
      }
      if (i < e) {
        cell = text(start, i, spilled);
        pos = i + 1;
        char ch = a[i];
        if (ch == ',') {
          lastTokenDelimiter = true;
          return TOKEN;
        }
        if (ch == '\r') {
          endOfLine('\r');
        }
        return END_OF_RECORD;
      }
      spill.append(buf, start, e - start);
      spilled = true;
      pos = e;
      if (!fill()) {
        eofRead = true;
        cell = spill.toString();
        return END_OF_TEXT;
      }
      start = 0;
    }
  }

  private String text(int from, int to, boolean spilled) {
    if (!spilled) {
      if (from == to) {
        return "";
      }
      // a cell often repeats the one above it (participant_id, dates, codes): the same String then,
      // which costs no memory and lets the checks see it is the same value
      String above = cellIndex < cells.length ? cells[cellIndex] : null;
      return above != null && same(above, from, to) ? above : new String(buf, from, to - from);
    }
    spill.append(buf, from, to - from);
    return spill.toString();
  }

  private boolean same(String s, int from, int to) {
    if (s.length() != to - from) {
      return false;
    }
    // from the end: ids and dates that differ mostly differ in their last characters
    for (int i = to - 1; i >= from; i--) {
      if (s.charAt(i - from) != buf[i]) {
        return false;
      }
    }
    return true;
  }

  /** A quoted cell whose opening quote was just read. */
  private int quoted() throws IOException {
    spill.setLength(0);
    while (true) {
      int start = pos;
      int i = start;
      char[] a = buf;
      int e = end;
      while (i < e && a[i] != '"') {
        i++;
      }
      spill.append(a, start, i - start);
      if (i == e) {
        pos = e;
        if (!fill()) {
          eofRead = true;
          throw new Malformed("EOF reached before encapsulated token finished");
        }
        continue;
      }
      pos = i + 1; // the quote
      if (peek() == '"') {
        pos++;
        spill.append('"');
        continue;
      }
      cell = spill.toString();
      while (true) {
        int c = read();
        if (c == ',') {
          lastTokenDelimiter = true;
          return TOKEN;
        }
        if (c == EOF) {
          return END_OF_TEXT;
        }
        if (endOfLine(c)) {
          return END_OF_RECORD;
        }
        if (!Character.isWhitespace((char) c)) {
          throw new Malformed("Invalid character between encapsulated token and delimiter");
        }
      }
    }
  }
}
