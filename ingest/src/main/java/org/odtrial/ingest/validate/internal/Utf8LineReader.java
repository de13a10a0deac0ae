package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly (malformed bytes are reported with their physical line, then replaced by
 * U+FFFD so reading can go on), drops a leading byte-order mark, and remembers where lines start so
 * that a character position (as commons-csv reports it for each record) can be turned into a
 * physical line number. Line ends are LF, CRLF or a lone CR. Only line starts not yet asked about
 * are kept, so memory stays bounded by the read-ahead.
 *
 * <p>It also follows the CSV quoting as commons-csv reads it (RFC 4180) and stops the text, as if
 * the file ended, before a cell longer than {@link #MAX_CELL} characters, a record longer than
 * {@link #MAX_RECORD} characters or with more than {@link #MAX_CELLS} cells: commons-csv holds a
 * whole record in memory, so a 400 MiB file with one stray quote (the rest of the file is then one
 * cell) or a line of 80 MiB would otherwise exhaust the heap. {@link #cut()} then says where and
 * why.
 */
public final class Utf8LineReader extends Reader {
  /**
   * Longest cell read, in characters as written (quotes included; the contract's longest value has
   * 64).
   */
  public static final int MAX_CELL = 65_536;

  /** Longest record read, in characters. */
  public static final int MAX_RECORD = 1 << 20;

  /** Most cells in one record (the contract's widest file has 11 columns). */
  public static final int MAX_CELLS = 10_000;

  /** Why reading stopped early. */
  public enum Cut {
    CELL,
    RECORD,
    CELLS
  }

  /** Told about each stretch of invalid bytes. */
  public interface InvalidBytes {
    void at(long line, long byteOffset);
  }

  private final InputStream in;
  private final InvalidBytes invalid;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private final CharBuffer chars = CharBuffer.allocate(1 << 16);
  private boolean eof;
  private boolean first = true;
  private long bytesConsumed;

  private long charsOut; // characters handed out so far (position of the next char)
  private boolean pendingCr;
  private long linesSeen; // line starts after position 0 seen in decoded text
  private long lastInvalidLine = -1;

  // queue of line-start positions not yet passed by lineOf()
  private long[] starts = new long[1024];
  private int head;
  private int tail;
  private long linesPassed; // line starts <= last position asked about

  // the CSV quoting, followed to bound cells and records
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  private int state = FIELD_START;
  private long pos; // position (as commons-csv counts) of the next character scanned
  private long line = 1; // physical line of the next character scanned
  private boolean scanCr;
  private long recordStart;
  private long recordLine = 1;
  private long recordChars;
  private long cellChars;
  private long cells = 1;
  private Cut cut;
  private long cutStart;
  private long cutLine;

  public Utf8LineReader(InputStream in, InvalidBytes invalid) {
    this.in = in;
    this.invalid = invalid;
    bytes.flip();
    chars.flip();
  }

  /**
   * Goes on reading a text at the start of a record that is not its first (see {@link
   * ByteRecords}): {@code in} holds the text from there on, whose first character has the position
   * {@code position}, is on line {@code line} and follows {@code bytesBefore} bytes. Read from
   * there, the text gives what it gives when read from its start, provided {@code in}'s reads end
   * where they would have (see {@link ByteRecords}).
   */
  Utf8LineReader(InputStream in, InvalidBytes invalid, long position, long line, long bytesBefore) {
    this(in, invalid);
    first = false;
    bytesConsumed = bytesBefore;
    charsOut = position;
    linesSeen = line - 1;
    linesPassed = line - 1;
    pos = position;
    this.line = line;
    recordStart = position;
    recordLine = line;
  }

  /**
   * Physical line (1-based) of the character at {@code position}; positions must be asked in rising
   * order.
   */
  public long lineOf(long position) {
    while (head < tail && starts[head] <= position) {
      head++;
      linesPassed++;
    }
    return linesPassed + 1;
  }

  /** Why the text was cut short, or null when it was not. */
  public Cut cut() {
    return cut;
  }

  /** Character position of the record that was cut short. */
  public long cutRecordStart() {
    return cutStart;
  }

  /** Physical line on which the record that was cut short starts. */
  public long cutLine() {
    return cutLine;
  }

  /** Lines started so far in what has been decoded (1 + line breaks seen). */
  public long linesDecoded() {
    return linesSeen + 1;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  @Override
  public int read() throws IOException {
    while (!chars.hasRemaining()) {
      if (!fill()) {
        return -1;
      }
    }
    return chars.get();
  }

  /** Decodes the next chunk into {@code chars}; false at end of input or after a cut. */
  private boolean fill() throws IOException {
    if (cut != null) {
      return false;
    }
    chars.clear();
    int startPos = 0;
    while (chars.position() == 0) {
      if (!eof && bytes.remaining() < 8) {
        bytes.compact();
        int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (r < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + r);
        }
        bytes.flip();
      }
      int before = bytes.position();
      CoderResult cr = decoder.decode(bytes, chars, eof);
      bytesConsumed += bytes.position() - before;
      if (cr.isError()) {
        countLines(startPos);
        startPos = chars.position();
        reportInvalid();
        bytes.position(bytes.position() + cr.length());
        bytesConsumed += cr.length();
        chars.put('\uFFFD');
      } else if (cr.isUnderflow() && eof && !bytes.hasRemaining()) {
        if (chars.position() == 0) {
          chars.flip();
          return false;
        }
        break;
      }
      // on overflow, chars is full: leave the loop through its condition
    }
    countLines(startPos);
    chars.flip();
    if (first) {
      first = false;
      if (chars.hasRemaining() && chars.get(0) == '\uFEFF') {
        // positions count from the first character after the mark, as commons-csv sees it
        chars.position(1);
        charsOut -= 1;
        for (int i = head; i < tail; i++) {
          starts[i]--;
        }
      }
    }
    scanCsv();
    return chars.hasRemaining() || cut == null;
  }

  /**
   * Follows cells and records through the chunk about to be handed out; on a cell, record or cell
   * count over its limit, ends the chunk before that character and remembers the cut.
   */
  private void scanCsv() {
    char[] a = chars.array();
    int end = chars.limit();
    for (int i = chars.position(); i < end; i++) {
      char c = a[i];
      if (c != ',' && c != '"' && c != '\n' && c != '\r') {
        // a run of most characters: what the general case below does with each of them, without
        // its branches and for the whole run at once (the cell count cannot grow in it, so only
        // the cell and record lengths need checking)
        int j = i + 1;
        while (j < end) {
          char d = a[j];
          if (d == ',' || d == '"' || d == '\n' || d == '\r') {
            break;
          }
          j++;
        }
        int run = j - i;
        // the run's k-th character (from 1) is the first over a limit, if k <= run
        long k = Math.min(MAX_CELL - cellChars, MAX_RECORD - recordChars) + 1;
        if (k <= run) {
          cut(cellChars + k > MAX_CELL ? Cut.CELL : Cut.RECORD, i + (int) k - 1);
          return;
        }
        scanCr = false;
        if (state != QUOTED) {
          state = UNQUOTED;
        }
        recordChars += run;
        cellChars += run;
        pos += run;
        i = j - 1;
        continue;
      }
      boolean newline = c == '\n' || c == '\r';
      if (newline) {
        if (c == '\r' || !scanCr) {
          line++;
        }
        scanCr = c == '\r';
      } else {
        scanCr = false;
      }
      switch (state) {
        case FIELD_START, UNQUOTED, QUOTE_SEEN -> {
          if (state != UNQUOTED && c == '"') {
            state = QUOTED; // opens a quoted cell, or is a doubled quote inside one
          } else if (c == ',') {
            state = FIELD_START;
            cells++;
            cellChars = -1;
          } else if (newline) {
            state = FIELD_START;
            recordStart = pos + 1;
            recordLine = line;
            recordChars = -1;
            cellChars = -1;
            cells = 1;
          } else {
            state = UNQUOTED;
          }
        }
        default -> {
          if (c == '"') {
            state = QUOTE_SEEN;
          }
        }
      }
      recordChars++;
      cellChars++;
      pos++;
      Cut over =
          cellChars > MAX_CELL
              ? Cut.CELL
              : recordChars > MAX_RECORD ? Cut.RECORD : cells > MAX_CELLS ? Cut.CELLS : null;
      if (over != null) {
        cut(over, i);
        return;
      }
    }
  }

  /** Ends the chunk before chars[i], the first character over a limit. */
  private void cut(Cut over, int i) {
    cut = over;
    cutStart = recordStart;
    cutLine = recordLine;
    chars.limit(i);
  }

  private void reportInvalid() {
    long line = linesSeen + 1;
    if (line != lastInvalidLine) {
      lastInvalidLine = line;
      invalid.at(line, bytesConsumed);
    }
  }

  /** Records line starts in chars[from, position) and advances charsOut over them. */
  private void countLines(int from) {
    char[] a = chars.array();
    int end = chars.position();
    boolean cr = pendingCr;
    long at = charsOut - from; // position of a[0]
    for (int i = from; i < end; i++) {
      char c = a[i];
      if (c > '\r' && !cr) {
        continue; // most characters
      }
      if (c == '\n') {
        cr = false;
        push(at + i + 1);
      } else {
        if (cr) {
          push(at + i);
        }
        cr = c == '\r';
      }
    }
    pendingCr = cr;
    charsOut += end - from;
    if (eof && pendingCr && !bytes.hasRemaining()) {
      pendingCr = false;
      push(charsOut);
    }
  }

  private void push(long start) {
    linesSeen++;
    if (tail == starts.length) {
      if (head > 0) {
        System.arraycopy(starts, head, starts, 0, tail - head);
        tail -= head;
        head = 0;
      }
      if (tail == starts.length) {
        starts = java.util.Arrays.copyOf(starts, starts.length * 2);
      }
    }
    starts[tail++] = start;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
