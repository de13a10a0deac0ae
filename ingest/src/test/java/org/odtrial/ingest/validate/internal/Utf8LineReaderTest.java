package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {

  private static String readAll(Reader r) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[777];
    int n;
    while ((n = r.read(buf, 0, buf.length)) >= 0) {
      b.append(buf, 0, n);
    }
    return b.toString();
  }

  @Test
  void crLfSplitAcrossDecoderBuffersCountsAsOneLineBreak() throws IOException {
    String text = "x".repeat(65535) + "\r\n" + "y\n" + "z";
    Utf8LineReader r =
        new Utf8LineReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)),
            (line, offset) -> {});
    assertThat(readAll(r)).isEqualTo(text);
    assertThat(r.lineOf(0)).isEqualTo(1);
    assertThat(r.lineOf(65537)).isEqualTo(2); // 'y'
    assertThat(r.lineOf(65539)).isEqualTo(3); // 'z'
  }

  @Test
  void byteOrderMarkIsDroppedAndPositionsStartAfterIt() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.writeBytes("a\nb\r\nc\rd".getBytes(StandardCharsets.US_ASCII));
    Utf8LineReader r =
        new Utf8LineReader(new ByteArrayInputStream(b.toByteArray()), (line, offset) -> {});
    assertThat(readAll(r)).isEqualTo("a\nb\r\nc\rd");
    assertThat(r.lineOf(0)).isEqualTo(1);
    assertThat(r.lineOf(2)).isEqualTo(2); // b
    assertThat(r.lineOf(5)).isEqualTo(3); // c
    assertThat(r.lineOf(7)).isEqualTo(4); // d
  }

  @Test
  void invalidBytesAreReportedWithLineAndByteOffsetAndReplaced() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("ok\nbad ".getBytes(StandardCharsets.US_ASCII));
    b.write(0xFF);
    b.write(0xFE);
    b.writeBytes("\nfine \u00e9\nagain ".getBytes(StandardCharsets.UTF_8));
    b.write(0x80);
    List<long[]> seen = new ArrayList<>();
    Utf8LineReader r =
        new Utf8LineReader(
            new ByteArrayInputStream(b.toByteArray()),
            (line, offset) -> seen.add(new long[] {line, offset}));
    String s = readAll(r);
    assertThat(s).contains("fine \u00e9").contains("\uFFFD");
    // two bad bytes on line 2 are reported once; line 4 once
    assertThat(seen).extracting(x -> x[0]).containsExactly(2L, 4L);
    assertThat(seen.get(0)[1]).isEqualTo(7);
  }

  /**
   * The limits, one character at a time as the CSV quoting is followed (the reader takes runs of
   * ordinary characters at once): "end" or the kind of cut, the index of the first character over
   * the limit and the line of the record cut short.
   */
  private static String limitsOneByOne(String text) {
    int state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote seen in a quoted cell
    long line = 1;
    long recordLine = 1;
    long recordChars = 0;
    long cellChars = 0;
    long cells = 1;
    boolean cr = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean newline = c == '\n' || c == '\r';
      if (newline && (c == '\r' || !cr)) {
        line++;
      }
      cr = c == '\r';
      if (state == 2) {
        if (c == '"') {
          state = 3;
        }
      } else if (state != 1 && c == '"') {
        state = 2;
      } else if (c == ',') {
        state = 0;
        cells++;
        cellChars = -1;
      } else if (newline) {
        state = 0;
        recordLine = line;
        recordChars = -1;
        cellChars = -1;
        cells = 1;
      } else {
        state = 1;
      }
      recordChars++;
      cellChars++;
      String over =
          cellChars > Utf8LineReader.MAX_CELL
              ? "CELL"
              : recordChars > Utf8LineReader.MAX_RECORD
                  ? "RECORD"
                  : cells > Utf8LineReader.MAX_CELLS ? "CELLS" : null;
      if (over != null) {
        return over + " at " + i + " line " + recordLine;
      }
    }
    return "end";
  }

  @Test
  void cellsAndRecordsAreCutExactlyAtTheirLimits() throws IOException {
    Random r = new Random(65536L);
    int cuts = 0;
    for (int t = 0; t < 24; t++) {
      // near the cell limit, the record limit, the cell count limit, or none
      int mode = t % 4;
      StringBuilder b = new StringBuilder();
      while (b.length() < 3_000_000) {
        int kind = r.nextInt(8);
        switch (kind) {
          case 0 -> {
            int n =
                mode == 0
                    ? Utf8LineReader.MAX_CELL - 3 + r.nextInt(6)
                    : mode == 1 ? 30_000 + r.nextInt(5_000) : r.nextInt(50);
            b.append(r.nextInt(3) == 0 ? "\"" + "x".repeat(n) + "\"" : "x".repeat(n));
            if (mode == 1) {
              b.append(','); // long cells, not too long: a long record
            }
          }
          case 1 -> {
            if (mode != 1) {
              b.append('"').append("q,\n".repeat(r.nextInt(3))).append('"');
            }
          }
          case 2, 3 -> b.append(',');
          case 4 -> {
            if (mode != 1 || r.nextInt(30) == 0) {
              b.append(r.nextBoolean() ? "\n" : r.nextBoolean() ? "\r\n" : "\r");
            }
          }
          case 5 ->
              b.append(",".repeat(mode == 2 ? Utf8LineReader.MAX_CELLS / 4 + r.nextInt(10) : 1));
          default -> b.append("v").append(r.nextInt(1_000));
        }
      }
      String text = b.toString();
      Utf8LineReader reader =
          new Utf8LineReader(
              new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)),
              (line, offset) -> {});
      String read = readAll(reader);
      String got =
          reader.cut() == null
              ? "end"
              : reader.cut() + " at " + read.length() + " line " + reader.cutLine();
      assertThat(got).as("text %d", t).isEqualTo(limitsOneByOne(text));
      if (reader.cut() != null) {
        cuts++;
      }
      assertThat(read).isEqualTo(text.substring(0, read.length()));
    }
    assertThat(cuts).isGreaterThanOrEqualTo(12);
  }
}
