package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteRecords} must read every file exactly as {@link CsvRecords} over a {@link
 * Utf8LineReader} of the whole file does: the same cells, record positions and lines, invalid-byte
 * reports (also those after a cut, which depend on where the reader's reads end), cuts and broken
 * quoting, wherever in the file the first record that is not simple comes.
 */
class ByteRecordsTest {

  /** What CsvRecords over a Utf8LineReader of the whole text reads, one line per event. */
  private static List<String> whole(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(bytes), invalid(out));
    CsvRecords records = new CsvRecords(reader);
    while (true) {
      String[] r;
      try {
        r = records.next();
        if (r == null) {
          break;
        }
      } catch (CsvRecords.Malformed e) {
        if (reader.cut() != null) {
          break;
        }
        out.add("malformed at line " + reader.lineOf(records.recordStart()));
        return out;
      }
      long start = records.recordStart();
      if (reader.cut() != null && start >= reader.cutRecordStart()) {
        break;
      }
      out.add(reader.lineOf(start) + " @" + start + " " + List.of(r));
    }
    out.add(
        "end, cut "
            + reader.cut()
            + (reader.cut() == null
                ? ""
                : " " + reader.cutLine() + " @" + reader.cutRecordStart()));
    return out;
  }

  /** The same with ByteRecords. */
  private static List<String> ours(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    ByteRecords records = new ByteRecords(new ByteArrayInputStream(bytes), invalid(out));
    while (true) {
      String[] r;
      try {
        r = records.next();
        if (r == null) {
          break;
        }
      } catch (CsvRecords.Malformed e) {
        if (records.cut() != null) {
          break;
        }
        out.add("malformed at line " + records.line());
        return out;
      }
      long start = records.recordStart();
      if (records.cut() != null && start >= records.cutRecordStart()) {
        break;
      }
      out.add(records.line() + " @" + start + " " + List.of(r));
    }
    out.add(
        "end, cut "
            + records.cut()
            + (records.cut() == null
                ? ""
                : " " + records.cutLine() + " @" + records.cutRecordStart()));
    return out;
  }

  /**
   * Invalid bytes are listed after the records: a reader of the whole file reports them as it
   * decodes, ahead of the records it hands out, ByteRecords once it reads them through such a
   * reader; the validator sorts its findings by line (and has one encoding finding a line).
   */
  private static Utf8LineReader.InvalidBytes invalid(List<String> out) {
    return (line, offset) -> out.add("~invalid UTF-8 on line " + line + " at byte " + offset);
  }

  private static List<String> invalidLast(List<String> events) {
    List<String> out = new ArrayList<>();
    events.stream().filter(e -> !e.startsWith("~")).forEach(out::add);
    events.stream().filter(e -> e.startsWith("~")).forEach(out::add);
    return out;
  }

  private static void same(byte[] bytes, String what) throws IOException {
    List<String> expected = invalidLast(whole(bytes));
    List<String> ours = invalidLast(ours(bytes));
    if (!ours.equals(expected)) {
      assertThat(ours).as(what).isEqualTo(expected);
    }
  }

  private static final String[] PIECES = {
    "a", "bc", "12", ",", ",", ",", "\"", "\"\"", "\n", "\n", "\n", "\r", "\r\n", "\r\n", " ", "\t",
    "\u00A0", "é", "\uFEFF", "\u0000", "x y", "!"
  };

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @Test
  void shortTextsAfterSimpleRecordsAreReadAsAReaderOfTheWholeTextReadsThem() throws IOException {
    Random r = new Random(20261202L);
    for (int t = 0; t < 6_000; t++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (r.nextInt(5) == 0) {
        b.writeBytes(BOM);
      }
      int simple = r.nextInt(4);
      for (int i = 0; i < simple; i++) {
        b.writeBytes(("v" + r.nextInt(30) + ",w" + (r.nextInt(3) == 0 ? "" : "1")).getBytes());
        b.writeBytes(r.nextInt(4) == 0 ? "\r\n".getBytes() : "\n".getBytes());
      }
      StringBuilder s = new StringBuilder();
      for (int i = r.nextInt(30); i > 0; i--) {
        s.append(PIECES[r.nextInt(PIECES.length)]);
      }
      byte[] tail = s.toString().getBytes(StandardCharsets.UTF_8);
      if (r.nextInt(6) == 0 && tail.length > 0) {
        tail[r.nextInt(tail.length)] = (byte) (0x80 + r.nextInt(0x80)); // invalid UTF-8
      }
      b.writeBytes(tail);
      byte[] bytes = b.toByteArray();
      same(bytes, "text " + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /**
   * Files of hundreds of KiB of simple records (so the reads and the buffer wrap many times), with
   * what is not simple at random places: quotes, non-ASCII and invalid bytes, lone CRs, cells and
   * records over the limits, a quote never closed (the rest of the file one cell, with invalid
   * bytes after the cut), empty lines, and no line end at the end.
   */
  @Test
  void largeTextsWithTheFirstRecordThatIsNotSimpleAnywhereAreReadTheSame() throws IOException {
    Random r = new Random(4180L);
    for (int t = 0; t < 120; t++) {
      StringBuilder b = new StringBuilder();
      if (t % 7 == 3) {
        b.append('\uFEFF');
      }
      b.append("id,day,code,n\n");
      int records = 2_000 + r.nextInt(30_000);
      int odd = r.nextInt(records + 1); // where the first record that is not simple goes
      int kind = r.nextInt(9);
      String[] codes = {"home", "clinic", "video"};
      for (int i = 0; i < records; i++) {
        if (i == odd) {
          switch (kind) {
            case 0 -> b.append("\"quoted, cell\",x\n");
            case 1 -> b.append("Zoë,x\n");
            case 2 -> b.append("a\rb\n");
            case 3 -> b.append("z".repeat(Utf8LineReader.MAX_CELL - 2 + r.nextInt(4))).append('\n');
            case 4 -> b.append("\"never closed,").append("y\n".repeat(40_000));
            case 5 ->
                b.append(",".repeat(Utf8LineReader.MAX_CELLS - 2 + r.nextInt(4))).append('\n');
            case 6 -> b.append("\n\n\r\n");
            case 7 -> b.append("\u0000x,\t \n");
            default -> b.append("P").append(i); // an end without a line end
          }
          if (kind == 8) {
            break;
          }
        }
        int id = i / (1 + r.nextInt(10));
        b.append('P').append(id).append(',');
        b.append("2021-0").append(1 + r.nextInt(9)).append("-1").append(r.nextInt(10)).append(',');
        b.append(r.nextInt(20) == 0 ? "" : codes[r.nextInt(3)]).append(',');
        b.append(r.nextInt(1000));
        b.append(t % 3 == 1 ? "\r\n" : "\n");
      }
      byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      if (t % 5 == 4) {
        // invalid bytes here and there, also after a cut
        for (int k = 0; k < 3; k++) {
          int at = r.nextInt(bytes.length);
          if (bytes[at] != '\n' && bytes[at] != '\r') {
            bytes[at] = (byte) 0xFF;
          }
        }
      }
      same(bytes, "text " + t + ", kind " + kind + " at record " + odd);
    }
  }

  @Test
  void theRestIsHandedOverInReadsThatEndWhereAWholeFileReaderEndsThem() throws IOException {
    // a quote never closed just before a 64 KiB boundary of the file: the cell is cut 64 KiB on,
    // and the invalid byte in the reader's piece after the cut is reported as it is when the whole
    // file is read
    for (int before : new int[] {65_536 - 700, 65_536 - 10, 65_536, 65_536 + 3, 131_072 - 1}) {
      for (int after : new int[] {100, 30_000, 64_000, 66_000}) {
        StringBuilder b = new StringBuilder("h\n");
        while (b.length() < before - 20) {
          b.append("P").append(b.length()).append('\n');
        }
        while (b.length() < before) {
          b.append("\n");
        }
        b.append('"').append("q".repeat(Utf8LineReader.MAX_CELL + after));
        byte[] text = b.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[text.length + 4];
        System.arraycopy(text, 0, bytes, 0, text.length);
        bytes[text.length] = (byte) 0xFF;
        bytes[text.length + 1] = 'x';
        bytes[text.length + 2] = (byte) 0xC3;
        bytes[text.length + 3] = '\n';
        same(bytes, "quote at " + before + ", cut " + after + " before the invalid byte");
        assertThat(ours(bytes)).anyMatch(s -> s.startsWith("end, cut CELL"));
      }
    }
  }

  @Test
  void simpleRecordsKeepTheirCellsEmptyCellsAndRepeatedCells() throws IOException {
    byte[] bytes = "a,b,c\r\nP1,,x\nP1,2021-01-01,\n\n,\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(ours(bytes))
        .containsExactly(
            "1 @0 [a, b, c]",
            "2 @7 [P1, , x]",
            "3 @13 [P1, 2021-01-01, ]",
            "4 @28 []",
            "5 @29 [, ]",
            "end, cut null")
        .isEqualTo(whole(bytes));
  }
}
