package org.odtrial.ingest.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical byte encoding of stored values that the seal hashes: the logical content of a
 * value, the same whatever database holds it (SQLite here, PostgreSQL later), never its storage
 * bytes or row ids. Each value is a tag byte and its bytes:
 *
 * <ul>
 *   <li>{@code 0x00}: NULL
 *   <li>{@code 0x01}: an integer, 8 bytes big-endian two's complement
 *   <li>{@code 0x02}: a floating-point number, its 8 IEEE-754 bytes big-endian ({@code -0.0} as
 *       {@code 0.0}, which SQLite does not tell apart)
 *   <li>{@code 0x03}: text, 4-byte big-endian length of its UTF-8 bytes, then those bytes
 *   <li>{@code 0x04}: bytes, 4-byte big-endian length, then the bytes
 * </ul>
 *
 * <p>A value is encoded as what it is in the database (a text '30' stored in an INTEGER column is
 * text), so changing a value's type is a change too.
 */
public final class Canonical {
  private final MessageDigest digest;

  /**
   * Bytes not yet handed to the digest: a store's seal hashes millions of small values, and one
   * {@code MessageDigest.update} call per tag, length and value cost more than the hashing itself.
   * The digest sees the same bytes in the same order, so the result is the same.
   */
  private final byte[] buffer = new byte[BUFFER];

  private int used;
  private long values;

  private static final int BUFFER = 8192;

  private Canonical(MessageDigest digest) {
    this.digest = digest;
  }

  /** A new SHA-256 encoder. */
  public static Canonical sha256() {
    try {
      return new Canonical(MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** Adds one value as JDBC gives it (null, Integer, Long, Double, Float, String or byte[]). */
  public Canonical value(Object v) {
    values++;
    if (v == null) {
      room(1);
      buffer[used++] = 0;
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      room(9);
      buffer[used++] = 1;
      putLong(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      room(9);
      buffer[used++] = 2;
      putLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    } else if (v instanceof String s) {
      text(s, 3);
    } else if (v instanceof byte[] b) {
      bytes(4, b);
    } else {
      throw new IllegalArgumentException("no canonical encoding for " + v.getClass());
    }
    return this;
  }

  /** Adds a text value. */
  public Canonical text(String s) {
    return value(s);
  }

  /** Adds an integer value. */
  public Canonical integer(long v) {
    return value(v);
  }

  /** Adds a 32-byte digest as a bytes value. */
  public Canonical digest(byte[] sha256) {
    return value(sha256);
  }

  /** How many values were added. */
  public long count() {
    return values;
  }

  /** The SHA-256 of everything added; the encoder is reset. */
  public byte[] finish() {
    values = 0;
    flush();
    return digest.digest();
  }

  /** A text value: its UTF-8 bytes, written straight into the buffer when it is all ASCII. */
  private void text(String s, int tag) {
    int n = s.length();
    if (n > BUFFER - 5) {
      bytes(tag, s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    room(5 + n);
    int at = used + 5;
    int high = 0;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      high |= ch;
      buffer[at + i] = (byte) ch;
    }
    if (high >= 0x80) {
      // not ASCII: the UTF-8 bytes differ from the chars (what was copied is overwritten)
      bytes(tag, s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    buffer[used++] = (byte) tag;
    putInt(n);
    used += n;
  }

  private void bytes(int tag, byte[] b) {
    room(5);
    buffer[used++] = (byte) tag;
    putInt(b.length);
    if (b.length <= BUFFER - used) {
      System.arraycopy(b, 0, buffer, used, b.length);
      used += b.length;
    } else {
      flush();
      digest.update(b);
    }
  }

  private void putInt(int n) {
    buffer[used++] = (byte) (n >>> 24);
    buffer[used++] = (byte) (n >>> 16);
    buffer[used++] = (byte) (n >>> 8);
    buffer[used++] = (byte) n;
  }

  private void putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      buffer[used + i] = (byte) v;
      v >>>= 8;
    }
    used += 8;
  }

  /** Makes room for {@code n} more bytes (n at most the buffer's size). */
  private void room(int n) {
    if (used + n > BUFFER) {
      flush();
    }
  }

  private void flush() {
    if (used > 0) {
      digest.update(buffer, 0, used);
      used = 0;
    }
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
