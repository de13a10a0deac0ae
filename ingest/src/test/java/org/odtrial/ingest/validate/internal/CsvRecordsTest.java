package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvRecords} must read every text exactly as commons-csv (RFC 4180, empty lines kept, no
 * trimming), which the validator used before: the same cells, record positions and lines, the same
 * record at which broken quoting stops reading, and the same records before a cut of the {@link
 * Utf8LineReader} (which depends on when each asks for more text).
 */
class CsvRecordsTest {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).get();

  /** What commons-csv reads, as the validator's record pump used it, one line per event. */
  private static List<String> commons(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    Utf8LineReader reader = reader(bytes, out);
    CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    Iterator<CSVRecord> it = parser.iterator();
    long nextLine = 1;
    while (true) {
      CSVRecord r;
      try {
        if (!it.hasNext()) {
          break;
        }
        r = it.next();
      } catch (UncheckedIOException e) {
        if (reader.cut() != null) {
          break;
        }
        out.add("malformed at line " + nextLine);
        return out;
      }
      if (reader.cut() != null && r.getCharacterPosition() >= reader.cutRecordStart()) {
        break;
      }
      out.add(
          reader.lineOf(r.getCharacterPosition())
              + " @"
              + r.getCharacterPosition()
              + " "
              + r.toList());
      nextLine = parser.getCurrentLineNumber() + 1;
    }
    out.add("end, cut " + reader.cut() + (reader.cut() == null ? "" : " " + reader.cutLine()));
    return out;
  }

  /** The same with {@link CsvRecords}. */
  private static List<String> ours(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    Utf8LineReader reader = reader(bytes, out);
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
    out.add("end, cut " + reader.cut() + (reader.cut() == null ? "" : " " + reader.cutLine()));
    return out;
  }

  private static Utf8LineReader reader(byte[] bytes, List<String> out) {
    return new Utf8LineReader(
        new ByteArrayInputStream(bytes),
        (line, offset) -> out.add("invalid UTF-8 on line " + line + " at byte " + offset));
  }

  private static final String[] PIECES = {
    "a", "bc", "12", ",", ",", ",", "\"", "\"", "\"\"", "\n", "\n", "\r", "\r\n", " ", "\t",
    "\u00A0", "\u2003", "é", "\uFEFF", "\u0000", ";", "x y"
  };

  private static byte[] random(Random r, int pieces) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(8) == 0 && bytes.length > 0) {
      bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x80)); // invalid UTF-8
    }
    return bytes;
  }

  @Test
  void randomShortTextsAreReadAsCommonsCsvReadsThem() throws IOException {
    Random r = new Random(20261202L);
    for (int t = 0; t < 4_000; t++) {
      byte[] bytes = random(r, r.nextInt(40));
      List<String> expected = commons(bytes);
      List<String> ours = ours(bytes);
      if (!ours.equals(expected)) {
        assertThat(ours)
            .as("text %s", new String(bytes, StandardCharsets.UTF_8))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void textsOverManyBuffersAndOverTheLimitsAreReadAsCommonsCsvReadsThem() throws IOException {
    Random r = new Random(4180L);
    for (int t = 0; t < 10; t++) {
      StringBuilder b = new StringBuilder();
      int records = 2_000 + r.nextInt(8_000);
      for (int i = 0; i < records; i++) {
        int cells = 1 + r.nextInt(4);
        for (int c = 0; c < cells; c++) {
          if (c > 0) {
            b.append(',');
          }
          int kind = r.nextInt(50);
          if (kind == 0) {
            b.append('"').append("q\"\"\n".repeat(r.nextInt(3))).append('"');
          } else if (kind == 1 && t % 4 == 0) {
            b.append("z".repeat(Utf8LineReader.MAX_CELL - 2 + r.nextInt(4)));
          } else if (kind == 2 && t % 8 == 1) {
            b.append('"'); // never closed, or closed by a later record's quote
          } else {
            b.append("v").append(r.nextInt(1000));
          }
        }
        b.append(r.nextInt(10) == 0 ? "\r\n" : r.nextInt(10) == 0 ? "\r" : "\n");
      }
      byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(ours(bytes)).as("text %d", t).isEqualTo(commons(bytes));
    }
  }

  @Test
  void quotedCellsWhitespaceAfterTheClosingQuoteAndEmptyLines() throws IOException {
    String text = "\"a\"\"b\" \t,\"\"\r\n\n\r\"x\ny\",z\n\"q\" w\n";
    List<String> ours = ours(text.getBytes(StandardCharsets.UTF_8));
    assertThat(ours).isEqualTo(commons(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(ours)
        .containsExactly(
            "1 @0 [a\"b, ]", "2 @13 []", "3 @14 []", "4 @15 [x\ny, z]", "malformed at line 6");
  }
}
