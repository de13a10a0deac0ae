package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.store.StoreException;

/** Small JDBC helpers for statements run once, outside the hot loops. */
public final class Sql {
  /**
   * SQLite primary result code of a constraint violation (e.g. a duplicate key in a unique index).
   */
  public static final int SQLITE_CONSTRAINT = 19;

  /** SQLite primary result code of "database is locked" (another connection holds it). */
  public static final int SQLITE_BUSY = 5;

  /** SQLite primary result code of "attempt to write a readonly database". */
  public static final int SQLITE_READONLY = 8;

  /** SQLite primary result code of "unable to open database file". */
  public static final int SQLITE_CANTOPEN = 14;

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

  /**
   * Runs a query with one text parameter and returns every row's first {@code width} columns as
   * text.
   */
  public static List<String[]> rows(Connection connection, String sql, String param, int width)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] row = new String[width];
          for (int i = 0; i < width; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * Starts a write transaction, waiting up to the busy timeout for another writer.
   *
   * @param what what the transaction is for, e.g. "start a load", for the message
   * @throws StoreException BUSY when another command kept the store longer, READ_ONLY when the
   *     store cannot be written
   */
  public static void beginWrite(Connection connection, String what) {
    try {
      Dialect.of(connection).beginWrite(connection);
    } catch (SQLException e) {
      throw writeFailure(connection, what, e);
    }
  }

  /** Commits, turning a commit that could not wait for readers into a clear BUSY failure. */
  public static void commit(Connection connection, String what) throws SQLException {
    try {
      Dialect.of(connection).commit(connection);
    } catch (SQLException e) {
      if (Dialect.of(connection).failure(e) == Dialect.Failure.BUSY) {
        throw new StoreException(
            StoreException.Kind.BUSY,
            String.format(
                Locale.ROOT,
                "cannot %s: another odtrial command kept reading the store for more than %d s;"
                    + " nothing was written, try again when it has finished",
                what,
                waitSeconds(connection)),
            e);
      }
      throw e;
    }
  }

  /** Rolls back the open transaction. */
  public static void rollback(Connection connection) throws SQLException {
    Dialect.of(connection).rollback(connection);
  }

  /** A failure to write: another writer, a read-only store, or something else. */
  public static StoreException writeFailure(Connection connection, String what, SQLException e) {
    return switch (Dialect.of(connection).failure(e)) {
      case BUSY ->
          new StoreException(
              StoreException.Kind.BUSY,
              String.format(
                  Locale.ROOT,
                  "cannot %s: another ingest is running on this store (or another odtrial command"
                      + " that writes to it); waited %d s. Try again when it has finished, or wait"
                      + " longer with --wait",
                  what,
                  waitSeconds(connection)),
              e);
      case READ_ONLY ->
          new StoreException(
              StoreException.Kind.READ_ONLY,
              "cannot "
                  + what
                  + ": the store is read-only here (file permissions or a read-only file system)",
              e);
      case FORBIDDEN ->
          new StoreException(
              StoreException.Kind.FORBIDDEN,
              "cannot " + what + ": your database role may not (" + e.getMessage() + ")",
              e);
      default -> new StoreException("cannot " + what + ": " + e.getMessage(), e);
    };
  }

  private static long waitSeconds(Connection connection) {
    try {
      return (Dialect.of(connection).waitMillis(connection) + 999) / 1000;
    } catch (SQLException e) {
      return 0;
    }
  }

  /** SQLite's primary result code of a failure (the low byte of the extended code). */
  public static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }
}
