package org.odtrial.ingest.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Stores a numeric cell as a typed value plus, only where the typed value would not give back the uploaded text
 * exactly (e.g. {@code 07}, {@code 12.50}, {@code -0}, or an unparseable value), the text itself. Reading prefers
 * the text, so every value reads back byte-identical to what was uploaded.
 */
public final class ValueCodec {
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  private ValueCodec() {}

  /** Canonical text of an integer as {@link #bindInteger} assumes it (decimal, no sign for positives). */
  public static String integerText(long value) {
    return Long.toString(value);
  }

  /** Canonical text of a decimal: Java's shortest round-trip form, without a trailing {@code .0}. */
  public static String decimalText(double value) {
    String s = Double.toString(value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** Binds an INTEGER cell to the typed parameter {@code at} and its exact-text parameter {@code at + 1}. */
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
    setTextUnlessCanonical(ps, at + 1, raw, integerText(value));
  }

  /** Binds a DECIMAL cell to the typed parameter {@code at} and its exact-text parameter {@code at + 1}. */
  public static void bindDecimal(PreparedStatement ps, int at, String raw) throws SQLException {
    if (raw == null) {
      ps.setNull(at, Types.REAL);
      ps.setNull(at + 1, Types.VARCHAR);
      return;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    // SQLite turns NaN into NULL and may store -0.0 as integer 0: keep such values as text only
    if (!Double.isFinite(value) || Double.doubleToRawLongBits(value) == NEGATIVE_ZERO) {
      ps.setNull(at, Types.REAL);
      ps.setString(at + 1, raw);
      return;
    }
    ps.setDouble(at, value);
    setTextUnlessCanonical(ps, at + 1, raw, decimalText(value));
  }

  /** Reads back an INTEGER cell stored by {@link #bindInteger} from columns {@code at}, {@code at + 1}. */
  public static String readInteger(ResultSet rs, int at) throws SQLException {
    String text = rs.getString(at + 1);
    if (text != null) {
      return text;
    }
    long value = rs.getLong(at);
    return rs.wasNull() ? null : integerText(value);
  }

  /** Reads back a DECIMAL cell stored by {@link #bindDecimal} from columns {@code at}, {@code at + 1}. */
  public static String readDecimal(ResultSet rs, int at) throws SQLException {
    String text = rs.getString(at + 1);
    if (text != null) {
      return text;
    }
    double value = rs.getDouble(at);
    return rs.wasNull() ? null : decimalText(value);
  }

  /** The value of an integer text, or null if it is not one (leniently, as {@link Long#parseLong} reads it). */
  public static Long parseLong(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void setTextUnlessCanonical(PreparedStatement ps, int at, String raw, String canonical)
      throws SQLException {
    if (canonical.equals(raw)) {
      ps.setNull(at, Types.VARCHAR);
    } else {
      ps.setString(at, raw);
    }
  }
}
