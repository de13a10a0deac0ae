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
  /** Bytes are gathered here and digested in blocks: a digest call per byte or value is slow. */
  private static final int BLOCK = 8192;

  private final MessageDigest digest;
  private final byte[] buffer = new byte[BLOCK];
  private int length;
  private long values;

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
      put((byte) 0);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      put((byte) 1);
      putLong(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      put((byte) 2);
      putLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    } else if (v instanceof String s) {
      bytes(3, s.getBytes(StandardCharsets.UTF_8));
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
    drain();
    return digest.digest();
  }

  private void bytes(int tag, byte[] b) {
    int n = b.length;
    put((byte) tag);
    put((byte) (n >>> 24));
    put((byte) (n >>> 16));
    put((byte) (n >>> 8));
    put((byte) n);
    if (n > BLOCK - length) {
      drain();
      digest.update(b);
    } else {
      System.arraycopy(b, 0, buffer, length, n);
      length += n;
    }
  }

  private void putLong(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      put((byte) (v >>> shift));
    }
  }

  private void put(byte b) {
    if (length == BLOCK) {
      drain();
    }
    buffer[length++] = b;
  }

  private void drain() {
    digest.update(buffer, 0, length);
    length = 0;
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
