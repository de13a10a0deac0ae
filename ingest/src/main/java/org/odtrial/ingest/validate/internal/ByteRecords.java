package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of a CSV file, as {@link CsvRecords} over a {@link Utf8LineReader} reads them (the
 * same cells, positions, lines, cuts, broken quoting and invalid-byte reports), but cut straight
 * from the bytes while the records are simple: ASCII without quotes or lone carriage returns, ended
 * by LF or CRLF, and far within the reader's limits. That is nearly every record of a real upload,
 * and reading them so costs one pass over the bytes and one copy per new cell, where decoding,
 * following the quoting, counting lines and splitting were a pass each over a copy of the text.
 *
 * <p>At the first record that is not simple (or the end of a file without a final line end) the
 * rest of the file, from that record's start, goes to a {@link Utf8LineReader} and {@link
 * CsvRecords} that carry on from there: at a record's start their state is that of a fresh reader
 * at the record's position and line. The one thing a reader's results depend on beyond the text is
 * where its reads of the file end (it reports the invalid bytes of each decoded piece, also those
 * after a cut), so the rest is handed over in reads that end where a reader of the whole file would
 * have ended them (every 64 KiB of the file, as far as all bytes before are ASCII). ByteRecordsTest
 * compares the two on random text.
 */
final class ByteRecords {
  /** Longest record read here, in bytes: far from every limit of {@link Utf8LineReader}. */
  private static final int LONG = 60_000;

  /** Most cells of a record read here. */
  private static final int MANY = 1_000;

  /** The byte buffer of {@link Utf8LineReader}, where its reads of a whole file end. */
  private static final int READ = 1 << 16;

  private final InputStream in;
  private final Utf8LineReader.InvalidBytes invalid;
  private final byte[] buf = new byte[1 << 18];
  private int end; // bytes in buf
  private long fileOff; // file offset of buf[0]
  private boolean eof;
  private int p; // start of the next record
  private int bom; // 3 when the file starts with a byte-order mark (positions count after it)
  private long line = 1; // line of the record at p
  private boolean produced; // a record was returned

  private long start; // position and line of the record last returned
  private long startLine;

  // the record before, to hand its cells on where they repeat (as CsvRecords does)
  private String[] above;
  private int[] aboveAt = new int[16]; // its cells' bounds in buf: cell k is [at[k], at[k + 1] - 1)
  private int[] at = new int[16];

  // once a record was not simple
  private Utf8LineReader slowReader;
  private CsvRecords slow;

  ByteRecords(InputStream in, Utf8LineReader.InvalidBytes invalid) {
    this.in = in;
    this.invalid = invalid;
  }

  /** Character position (from 0) of the record last returned (or whose quoting broke). */
  long recordStart() {
    return slow != null ? slow.recordStart() : start;
  }

  /** Physical line on which the record last returned (or whose quoting broke) starts. */
  long line() {
    return slow != null ? slowReader.lineOf(slow.recordStart()) : startLine;
  }

  /** As {@link Utf8LineReader#cut()}. */
  Utf8LineReader.Cut cut() {
    return slow != null ? slowReader.cut() : null;
  }

  /** As {@link Utf8LineReader#cutRecordStart()}. */
  long cutRecordStart() {
    return slowReader.cutRecordStart();
  }

  /** As {@link Utf8LineReader#cutLine()}. */
  long cutLine() {
    return slowReader.cutLine();
  }

  /** The next record's cells, or null at the end of the text; as {@link CsvRecords#next()}. */
  String[] next() throws IOException {
    if (slow != null) {
      return slow.next();
    }
    if (!produced && end == 0) {
      fill();
      if (end >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
        bom = 3;
        p = 3;
      }
    }
    while (true) {
      int s = p;
      byte[] a = buf;
      int e = end;
      int[] bounds = at;
      int n = 0; // commas
      bounds[0] = s;
      int i = s;
      int stop = -1; // the line end
      while (i < e) {
        byte b = a[i];
        if (b > '"') { // most bytes: letters, digits, '-', '.', ...
          if (b == ',') {
            if (++n + 1 == bounds.length) { // room for the record's end too
              if (n >= MANY) {
                return handOver(s);
              }
              bounds = at = Arrays.copyOf(bounds, 2 * bounds.length);
            }
            bounds[n] = i + 1;
          }
          i++;
        } else if (b == '\n') {
          stop = i;
          break;
        } else if (b == '\r') {
          if (i + 1 == e) {
            break; // is an LF next?
          }
          if (a[i + 1] != '\n') {
            return handOver(s); // a lone CR
          }
          stop = i;
          break;
        } else if (b == '"' || b < 0) {
          return handOver(s); // quoting or a non-ASCII (or invalid) byte
        } else {
          i++; // space, '!' or a control character: text
        }
      }
      if (stop < 0 || stop - s > LONG) {
        if (eof || e - s > LONG) {
          return handOver(s); // the file's last record has no line end, or the record is long
        }
        more(s);
        continue;
      }
      p = stop + (a[stop] == '\r' ? 2 : 1);
      bounds[n + 1] = stop + 1;
      String[] r = new String[n + 1];
      String[] up = above;
      int[] upAt = aboveAt;
      int upCells = up == null ? 0 : up.length;
      for (int k = 0; k <= n; k++) {
        int from = bounds[k];
        int to = bounds[k + 1] - 1;
        if (from == to) {
          r[k] = "";
        } else if (k < upCells && same(a, from, to, upAt[k], upAt[k + 1] - 1)) {
          // the cell above: the same String, which costs nothing and lets the checks see it is
          r[k] = up[k];
        } else {
          r[k] = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
        }
      }
      above = r;
      at = upAt;
      aboveAt = bounds;
      start = fileOff + s - bom;
      startLine = line++;
      produced = true;
      return r;
    }
  }

  private static boolean same(byte[] a, int from, int to, int aboveFrom, int aboveTo) {
    return to - from == aboveTo - aboveFrom
        && a[to - 1] == a[aboveTo - 1] // ids and dates that differ mostly differ at the end
        && Arrays.equals(a, from, to, a, aboveFrom, aboveTo);
  }

  /** Reads more of the file; the record at s (and the one above it, if any) stays. */
  private void more(int s) throws IOException {
    if (end == buf.length) {
      int keep = above != null ? aboveAt[0] : s;
      System.arraycopy(buf, keep, buf, 0, end - keep);
      end -= keep;
      fileOff += keep;
      p = s - keep;
      if (above != null) {
        for (int k = 0; k <= above.length; k++) {
          aboveAt[k] -= keep;
        }
      }
    }
    fill();
  }

  private void fill() throws IOException {
    while (end < buf.length) {
      int r = in.read(buf, end, buf.length - end);
      if (r < 0) {
        eof = true;
        return;
      }
      end += r;
      if (r > 0) {
        return;
      }
    }
  }

  /** Reads the rest of the file, from the record at s, as CsvRecords over Utf8LineReader. */
  private String[] handOver(int s) throws IOException {
    if (!produced) {
      // from the very start (buf still holds the file from its first byte): as ever
      slowReader = new Utf8LineReader(new Rest(buf, 0, end, 0, in), invalid);
      slow = new CsvRecords(slowReader);
    } else {
      long offset = fileOff + s;
      slowReader =
          new Utf8LineReader(
              new Rest(buf, s, end, offset, in), invalid, offset - bom, line, offset);
      slow = new CsvRecords(slowReader, offset - bom);
    }
    above = null;
    return slow.next();
  }

  /**
   * The bytes of the file from a record's start: those still in the buffer, then the rest of the
   * stream. Its first read ends where the read of a {@link Utf8LineReader} of the whole file that
   * holds the record's start would have ended (the next multiple of 64 KiB of the file), the others
   * read as much as they are asked for (as a file does), so that its reads end at the same bytes.
   */
  private static final class Rest extends InputStream {
    private final byte[] buf;
    private int at;
    private final int end;
    private long offset; // of the next byte in the file
    private final InputStream in;
    private boolean first = true;

    Rest(byte[] buf, int at, int end, long offset, InputStream in) {
      this.buf = buf;
      this.at = at;
      this.end = end;
      this.offset = offset;
      this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int want = first ? (int) Math.min(len, READ - offset % READ) : len;
      first = false;
      int n = Math.min(want, end - at);
      System.arraycopy(buf, at, b, off, n);
      at += n;
      while (n < want) {
        int r = in.read(b, off + n, want - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      offset += n;
      return n == 0 ? -1 : n;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
