package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class RecordHasherTest {

  @Test
  void isMurmurHash3X64Of128OverTheDocumentedByteString() {
    List<String[]> records =
        List.of(
            new String[] {},
            new String[] {null},
            new String[] {""},
            new String[] {"P0001", "GP01", "2019-02-01", "31", null, "white"},
            new String[] {"north é – ünïcode 𝄞", "abc", "abcd", "abcde", "abcdefgh", "abcdefghi"},
            new String[] {"a", "b", "c"});
    RecordHasher hasher = new RecordHasher();
    for (String[] record : records) {
      byte[] input = documentedBytes(record);
      long[] reference = MurmurHash3.hash128x64(input, 0, input.length, 0);
      byte[] expected =
          ByteBuffer.allocate(16)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(reference[0])
              .putLong(reference[1])
              .array();
      assertThat(hasher.hash(record)).as(java.util.Arrays.toString(record)).isEqualTo(expected);
    }
  }

  @Test
  void tellsApartRecordsThatDifferOnlyInHowValuesAreSplitOrMissing() {
    RecordHasher hasher = new RecordHasher();
    List<String[]> records =
        List.of(
            new String[] {"ab", "c"},
            new String[] {"a", "bc"},
            new String[] {"abc", null},
            new String[] {"abc", ""},
            new String[] {null, "abc"},
            new String[] {"", "abc"},
            new String[] {"7", "x"},
            new String[] {"07", "x"});
    Set<String> distinct = new HashSet<>();
    for (String[] record : records) {
      distinct.add(java.util.HexFormat.of().formatHex(hasher.hash(record)));
    }
    assertThat(distinct).hasSize(records.size());
  }

  /** The byte string RecordHasher's documentation defines, built the slow, obvious way. */
  private static byte[] documentedBytes(String[] record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : record) {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      length.putLong(value == null ? -1 : value.length());
      out.writeBytes(length.array());
      if (value != null) {
        byte[] utf16 = value.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(utf16);
        out.writeBytes(new byte[(8 - utf16.length % 8) % 8]);
      }
    }
    return out.toByteArray();
  }
}
