package org.odtrial.ingest.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Stores a numeric cell as a typed value (for SQL) plus its exact text where the typed value alone
 * would not give back the upload byte for byte: for an integer only when it is not in canonical
 * form (e.g. {@code 07}, {@code +5}, {@code -0}, or not a number at all), for a decimal always.
 * Reading prefers the text.
 */
public final class ValueCodec {
  private ValueCodec() {}

  /**
   * Canonical text of an integer as {@link #bindInteger} assumes it (decimal, no sign for
   * positives).
   */
  public static String integerText(long value) {
    return Long.toString(value);
  }

  /**
   * Binds an INTEGER cell to the typed parameter {@code at} and its exact-text parameter {@code at
   * + 1}.
   */
  public static void bindInteger(PreparedStatement ps, int at, String raw) throws SQLException {
    if (raw == null) {
      ps.setNull(at, Types.INTEGER);
      ps.setNull(at + 1, Types.VARCHAR);
      return;
    }
    Long value = parseLong(raw);
    if (value == null) {
      ps.setNull(at, Types.INTEGER);
      ps.setString(at + 1, raw);
      return;
    }
    ps.setLong(at, value);
    if (isCanonicalInteger(raw)) {
      ps.setNull(at + 1, Types.VARCHAR);
    } else {
      ps.setString(at + 1, raw);
    }
  }

  /**
   * Whether a text that parses as a long is exactly {@link #integerText} of its value: no sign but
   * a minus, no leading zero, not {@code -0}. Checked without building the canonical text, as it
   * runs for every cell.
   */
  static boolean isCanonicalInteger(String raw) {
    int n = raw.length();
    int first = raw.charAt(0) == '-' ? 1 : 0;
    if (first == n) {
      return false;
    }
    if (raw.charAt(first) == '0') {
      return n == 1;
    }
    for (int i = first; i < n; i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Binds a DECIMAL cell: its value as REAL at {@code at} (null unless finite) for SQL use, and
   * always its exact text at {@code at + 1}, because the shortest decimal form of a double is not
   * the same in every Java version.
   */
  public static void bindDecimal(PreparedStatement ps, int at, String raw) throws SQLException {
    double value = finiteValue(raw);
    if (Double.isFinite(value)) {
      ps.setDouble(at, value);
    } else {
      ps.setNull(at, Types.REAL);
    }
    ps.setString(at + 1, raw);
  }

  /** {@link #bindInteger} for a COPY: the same two columns, typed value and exact text. */
  static void copyInteger(CopyRows out, String raw) {
    Long value = raw == null ? null : parseLong(raw);
    if (value == null) {
      out.nullValue().text(raw);
      return;
    }
    if (isCanonicalInteger(raw)) {
      // the upload's text is the value's decimal form: in text, sent as it is, not formatted again
      out.integer(value, raw).nullValue();
    } else {
      out.integer(value).text(raw);
    }
  }

  /** {@link #bindDecimal} for a COPY: the value if finite, else NULL, and always the text. */
  static void copyDecimal(CopyRows out, String raw) {
    double value = finiteValue(raw);
    if (!Double.isFinite(value)) {
      out.nullValue();
    } else if (Math.abs(value) >= Double.MIN_NORMAL && isPlainDecimal(raw)) {
      // PostgreSQL reads a plain decimal to the same double as Java (both round correctly), so
      // the upload's text is sent as it is rather than formatted again; zero, subnormal values and
      // Java-only spellings (hex, a d or f suffix, blanks) go as Java's shortest form
      out.decimal(value, raw);
    } else {
      out.decimal(value);
    }
    out.text(raw);
  }

  /**
   * {@code [+-]digits[.digits][(e|E)[+-]digits]} or {@code [+-].digits...}: what float8in reads.
   */
  static boolean isPlainDecimal(String raw) {
    int n = raw.length();
    int i = 0;
    if (i < n && (raw.charAt(i) == '+' || raw.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(raw.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && raw.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(raw.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (raw.charAt(i) == 'e' || raw.charAt(i) == 'E')) {
      i++;
      if (i < n && (raw.charAt(i) == '+' || raw.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(raw.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of a DECIMAL cell, or NaN when it is not a number (then kept as text only). */
  private static double finiteValue(String raw) {
    if (raw == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Reads back an INTEGER cell stored by {@link #bindInteger} from columns {@code at}, {@code at +
   * 1}.
   */
  public static String readInteger(ResultSet rs, int at) throws SQLException {
    String text = rs.getString(at + 1);
    if (text != null) {
      return text;
    }
    long value = rs.getLong(at);
    return rs.wasNull() ? null : integerText(value);
  }

  /**
   * Reads back a DECIMAL cell stored by {@link #bindDecimal} from columns {@code at}, {@code at +
   * 1}.
   */
  public static String readDecimal(ResultSet rs, int at) throws SQLException {
    return rs.getString(at + 1);
  }

  /**
   * The value of an integer text, or null if it is not one (leniently, as {@link Long#parseLong}
   * reads it).
   */
  public static Long parseLong(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
