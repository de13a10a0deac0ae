package org.odtrial.ingest.validate.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Many short ASCII strings (validated ids) packed into one byte array, retrieved by index. */
final class AsciiStore {
  private byte[] bytes = new byte[1 << 12];
  private int[] ends = new int[256];
  private int size;
  private int used;

  /** Appends s (ASCII only) and returns its index. */
  int add(String s) {
    int n = s.length();
    while (used + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    for (int i = 0; i < n; i++) {
      bytes[used++] = (byte) s.charAt(i);
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, ends.length * 2);
    }
    ends[size] = used;
    return size++;
  }

  String get(int i) {
    int from = i == 0 ? 0 : ends[i - 1];
    return new String(bytes, from, ends[i] - from, StandardCharsets.US_ASCII);
  }
}
