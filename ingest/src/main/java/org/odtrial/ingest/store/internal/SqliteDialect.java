package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.store.StoreException;

/** The embedded store: one SQLite file, one writer at a time by {@code BEGIN IMMEDIATE}. */
final class SqliteDialect implements Dialect {
  /** The part of the page cache an index build's sorted runs each get ({@link #createIndex}). */
  static final int SORTER_SHARE = 4;

  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public String migrations() {
    return "";
  }

  @Override
  public int currentVersion(Connection connection, String where) throws SQLException {
    long applicationId = Sql.queryLong(connection, "PRAGMA application_id");
    long objects = Sql.queryLong(connection, "SELECT count(*) FROM sqlite_master");
    if (objects == 0 && applicationId == 0) {
      return 0;
    }
    boolean hasVersionTable =
        Sql.queryLong(
                connection,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name ="
                    + " 'schema_version'")
            == 1;
    if (applicationId != Migrator.APPLICATION_ID || !hasVersionTable) {
      throw new StoreException(
          String.format(
              Locale.ROOT,
              "%s is a SQLite database but not an odtrial store (it has no odtrial schema_version"
                  + " table); give the path of an odtrial store or of a new file",
              where));
    }
    return (int)
        Sql.queryLong(connection, "SELECT coalesce(max(version), 0) FROM main.schema_version");
  }

  @Override
  public void createStore(Connection connection) {
    // the file is the store: nothing to create before the tables
  }

  @Override
  public void beginWrite(Connection connection) throws SQLException {
    Sql.exec(connection, "BEGIN IMMEDIATE");
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    Sql.exec(connection, "COMMIT");
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    Sql.exec(connection, "ROLLBACK");
  }

  /** A SQLite read is one snapshot per statement already, and streams from its cursor. */
  @Override
  public boolean beginRead(Connection connection) {
    return false;
  }

  @Override
  public void endRead(Connection connection) {
    // nothing was begun
  }

  @Override
  public long waitMillis(Connection connection) throws SQLException {
    return Sql.queryLong(connection, "PRAGMA busy_timeout");
  }

  @Override
  public Failure failure(SQLException e) {
    return switch (e.getErrorCode() & 0xff) {
      case Sql.SQLITE_BUSY -> Failure.BUSY;
      case Sql.SQLITE_READONLY, Sql.SQLITE_CANTOPEN -> Failure.READ_ONLY;
      case Sql.SQLITE_CONSTRAINT -> Failure.CONSTRAINT;
      case Sql.SQLITE_NOTADB, Sql.SQLITE_CORRUPT -> Failure.NOT_A_DATABASE;
      default -> Failure.OTHER;
    };
  }

  @Override
  public List<String> columns(Connection connection, String table) throws SQLException {
    List<String> actual = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA main.table_info(" + table + ")")) {
      while (rs.next()) {
        actual.add(rs.getString("name"));
      }
    }
    return actual;
  }

  @Override
  public List<String[]> indexes(Connection connection, String table) throws SQLException {
    return Sql.rows(
        connection,
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS"
            + " NOT NULL ORDER BY name",
        table,
        2);
  }

  @Override
  public String temp() {
    return "temp.";
  }

  @Override
  public String stagingKey(String staging, List<String> keyColumns) {
    return "CREATE UNIQUE INDEX temp."
        + staging
        + "_key ON "
        + staging
        + " ("
        + String.join(", ", keyColumns)
        + ")";
  }

  @Override
  public String sqlType(ColumnType type) {
    return switch (type) {
      case INTEGER -> "INTEGER";
      case DECIMAL -> "REAL";
      default -> "TEXT";
    };
  }

  @Override
  public String bytesType() {
    return "BLOB";
  }

  /** A write that changes nothing, so a store that cannot be written says so now. */
  @Override
  public void checkWritable(Connection connection) throws SQLException {
    Sql.exec(
        connection,
        "UPDATE main.schema_version SET description = description WHERE version ="
            + " (SELECT max(version) FROM main.schema_version)");
  }

  @Override
  public boolean mayRebuildIndexes(Connection connection, String table) {
    return true;
  }

  @Override
  public boolean copyInto(Connection connection, String qualifiedTable) {
    return false;
  }

  /**
   * SQLite's sorter holds up to one sorted run per sorting thread ({@code PRAGMA threads} plus the
   * statement's own), each as large as the main database's page cache: with {@code threads = 2} and
   * 64 MiB of cache, 192 MiB more resident memory while a million participants' indexes are built
   * at commit, on top of everything the load holds (a million-participant ingest then peaked near,
   * and once over, 1 GiB). So the page cache is set to a quarter of its size for the build, which
   * bounds the sorter at three quarters of the cache the load already has, and restored after. The
   * same CPU measured for the builds alone (docs/performance.md, "The sorter's memory at commit").
   */
  @Override
  public void createIndex(Connection connection, String sql) throws SQLException {
    long cache = Sql.queryLong(connection, "PRAGMA main.cache_size");
    // negative: KiB; positive: pages
    Sql.exec(connection, "PRAGMA main.cache_size = " + cache / SORTER_SHARE);
    SQLException failed = null;
    try {
      Sql.exec(connection, sql);
    } catch (SQLException e) {
      failed = e;
      throw e;
    } finally {
      try {
        Sql.exec(connection, "PRAGMA main.cache_size = " + cache);
      } catch (SQLException e) {
        if (failed == null) {
          throw e;
        }
        failed.addSuppressed(e);
      }
    }
  }

  @Override
  public void analyze(Connection connection, String qualifiedTable) {
    // SQLite plans these statements well from the unique indexes alone
  }
}
