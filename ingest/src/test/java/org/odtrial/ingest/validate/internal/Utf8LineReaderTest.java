package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
