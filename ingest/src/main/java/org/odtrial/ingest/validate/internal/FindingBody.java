package org.odtrial.ingest.validate.internal;

import java.nio.charset.StandardCharsets;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.Severity;

/**
 * What a finding shows, as one byte string for the {@link FindingSpool}: reading nine text columns
 * back from SQLite cost two thirds of reading a large report (a native call for each), one blob a
 * row costs one. Strings are stored as UTF-8, as SQLite stores text, so a finding reads back
 * exactly as it did from text columns.
 *
 * <p>Layout: severity (one byte, its ordinal), line (eight bytes), then file, column, record, site,
 * rule and message, each as its length in bytes (four bytes, -1 for null) and its UTF-8 bytes.
 */
final class FindingBody {
  private static final Severity[] SEVERITIES = Severity.values();

  private FindingBody() {}

  static byte[] encode(Finding f) {
    byte[][] parts = {
      utf8(f.file()),
      utf8(f.column()),
      utf8(f.record()),
      utf8(f.site()),
      utf8(f.rule()),
      utf8(f.message())
    };
    int size = 1 + 8;
    for (byte[] p : parts) {
      size += 4 + (p == null ? 0 : p.length);
    }
    byte[] b = new byte[size];
    b[0] = (byte) f.severity().ordinal();
    putLong(b, 1, f.line());
    int pos = 9;
    for (byte[] p : parts) {
      putInt(b, pos, p == null ? -1 : p.length);
      pos += 4;
      if (p != null) {
        System.arraycopy(p, 0, b, pos, p.length);
        pos += p.length;
      }
    }
    return b;
  }

  /** The finding of {@link #encode}, with {@code root} as its root's query id. */
  static Finding decode(byte[] b, String root) {
    Severity severity = SEVERITIES[b[0]];
    long line = getLong(b, 1);
    String[] s = new String[6];
    int pos = 9;
    for (int i = 0; i < s.length; i++) {
      int n = getInt(b, pos);
      pos += 4;
      if (n >= 0) {
        s[i] = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
      }
    }
    return new Finding(severity, s[0], line, s[1], s[2], s[3], s[4], s[5], root);
  }

  private static byte[] utf8(String s) {
    // as sqlite-jdbc binds text (String.getBytes): a lone surrogate becomes '?' either way
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static void putInt(byte[] b, int pos, int v) {
    b[pos] = (byte) (v >>> 24);
    b[pos + 1] = (byte) (v >>> 16);
    b[pos + 2] = (byte) (v >>> 8);
    b[pos + 3] = (byte) v;
  }

  private static void putLong(byte[] b, int pos, long v) {
    putInt(b, pos, (int) (v >>> 32));
    putInt(b, pos + 4, (int) v);
  }

  private static int getInt(byte[] b, int pos) {
    return (b[pos] & 0xff) << 24
        | (b[pos + 1] & 0xff) << 16
        | (b[pos + 2] & 0xff) << 8
        | (b[pos + 3] & 0xff);
  }

  private static long getLong(byte[] b, int pos) {
    return ((long) getInt(b, pos) << 32) | (getInt(b, pos + 4) & 0xffffffffL);
  }
}
