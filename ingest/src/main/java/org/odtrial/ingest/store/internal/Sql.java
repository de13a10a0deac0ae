package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for statements run once, outside the hot loops. */
public final class Sql {
  /**
   * SQLite primary result code of a constraint violation (e.g. a duplicate key in a unique index).
   */
  public static final int SQLITE_CONSTRAINT = 19;

  /** SQLite primary result code of "file is not a database". */
  public static final int SQLITE_NOTADB = 26;

  /** SQLite primary result code of "database disk image is malformed". */
  public static final int SQLITE_CORRUPT = 11;

  private Sql() {}

  public static void exec(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Runs an INSERT/UPDATE/DELETE with integer parameters and returns the number of rows it changed.
   */
  public static long update(Connection connection, String sql, long... params) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Runs a query with integer parameters whose first row's first column is a number. */
  public static long queryLong(Connection connection, String sql, long... params)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** SQLite's primary result code of a failure (the low byte of the extended code). */
  public static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }
}
