package org.odtrial.ingest.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Fingerprint of a record's exact uploaded values: the first 16 bytes of SHA-256 over, per value in canonical
 * order, a 0 byte for a missing value or a 1 byte, the 4-byte big-endian UTF-8 length and the UTF-8 bytes. Only
 * two versions of the same key are ever compared, so 128 bits make a missed change practically impossible.
 */
public final class RecordHasher {
  public static final int LENGTH = 16;

  private final MessageDigest sha256;
  private final byte[] length = new byte[4];

  public RecordHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public byte[] hash(String[] values) {
    for (String value : values) {
      if (value == null) {
        sha256.update((byte) 0);
        continue;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      sha256.update((byte) 1);
      length[0] = (byte) (bytes.length >>> 24);
      length[1] = (byte) (bytes.length >>> 16);
      length[2] = (byte) (bytes.length >>> 8);
      length[3] = (byte) bytes.length;
      sha256.update(length);
      sha256.update(bytes);
    }
    return Arrays.copyOf(sha256.digest(), LENGTH);
  }
}
