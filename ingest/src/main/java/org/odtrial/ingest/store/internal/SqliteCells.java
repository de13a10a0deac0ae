package org.odtrial.ingest.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Takes the cells of a SQLite result row as exactly the objects {@code ResultSet.getObject} gives
 * (Integer or Long by size, Double, String, byte[] or null, by each cell's stored type), through
 * the driver's statement handle ({@link CoreStatement#pointer}, {@link DB}'s column calls) instead
 * of its {@code ResultSet}. Verifying a store reads every cell of every record (18 million records
 * at a million participants), and there {@code getObject}'s own overhead was most of the cost: per
 * cell a lambda and a lock through {@code SafeStmtPtr} for the type and again for the value, and
 * text passed through a direct {@code ByteBuffer} made by JNI. Here one lock covers the whole row
 * and text comes as its bytes ({@code sqlite3_column_blob} gives a text's exact bytes, NUL bytes
 * included), decoded as {@code getString} decodes them.
 *
 * <p>Only for stores whose text is UTF-8 (every store odtrial makes): for any other encoding the
 * blob of a text cell would be in that encoding, so {@link #of} declines and the caller uses {@code
 * getObject}.
 */
final class SqliteCells implements SafeStmtPtr.SafePtrConsumer<SQLException> {
  private final SafeStmtPtr statement;
  private Object[] row;

  private SqliteCells(SafeStmtPtr statement) {
    this.statement = statement;
  }

  /**
   * The cells of {@code ps}'s current row (call after {@code executeQuery}), or null when {@code
   * ps} is not a SQLite statement on a UTF-8 database.
   */
  static SqliteCells of(PreparedStatement ps) throws SQLException {
    if (!(ps instanceof CoreStatement core) || core.pointer == null || !utf8(ps)) {
      return null;
    }
    return new SqliteCells(core.pointer);
  }

  private static boolean utf8(PreparedStatement ps) throws SQLException {
    try (Statement s = ps.getConnection().createStatement();
        ResultSet rs = s.executeQuery("PRAGMA encoding")) {
      return rs.next() && "UTF-8".equalsIgnoreCase(rs.getString(1));
    }
  }

  /** Fills {@code row} with the first {@code row.length} cells of the current row. */
  void read(Object[] row) throws SQLException {
    this.row = row;
    try {
      statement.safeRunConsume(this);
    } finally {
      this.row = null;
    }
  }

  @Override
  public void run(DB db, long stmt) throws SQLException {
    Object[] r = row;
    for (int i = 0; i < r.length; i++) {
      r[i] = cell(db, stmt, i);
    }
  }

  private static Object cell(DB db, long stmt, int i) throws SQLException {
    switch (db.column_type(stmt, i)) {
      case Codes.SQLITE_INTEGER -> {
        long v = db.column_long(stmt, i);
        // as getObject: an Integer when the value fits one
        return v == (int) v ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v);
      }
      case Codes.SQLITE_FLOAT -> {
        return db.column_double(stmt, i);
      }
      case Codes.SQLITE_BLOB -> {
        return db.column_blob(stmt, i);
      }
      case Codes.SQLITE_NULL -> {
        return null;
      }
      default -> {
        // text (and, as getObject, anything else): its bytes as getString decodes them
        byte[] b = db.column_blob(stmt, i);
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
      }
    }
  }
}
