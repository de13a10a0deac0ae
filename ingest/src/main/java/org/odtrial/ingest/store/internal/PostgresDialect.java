package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.store.StoreException;
import org.postgresql.PGConnection;

/**
 * A store in a PostgreSQL database, in its schema {@code main}. Writers (loads, events, migrations)
 * take one transaction-scoped advisory lock, so they run one at a time as on SQLite while readers
 * are never blocked; a read runs in one REPEATABLE READ, READ ONLY transaction, so it sees one
 * snapshot and streams through a cursor. Text columns are {@code COLLATE "C"}: ordering is by code
 * point, as SQLite's, whatever the database's locale, so reads and seals come out in the same order
 * on both.
 */
final class PostgresDialect implements Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  /** The key of the advisory lock that writers of a store take: 'odtr', as the SQLite file's id. */
  static final long WRITE_LOCK = Migrator.APPLICATION_ID;

  /** The schema holding the store. */
  static final String SCHEMA = "main";

  private PostgresDialect() {}

  static boolean is(Connection connection) {
    try {
      return connection.isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public String migrations() {
    return "postgresql/";
  }

  @Override
  public int currentVersion(Connection connection, String where) throws SQLException {
    long schema =
        Sql.queryLong(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = 'main'");
    if (schema == 0) {
      return 0;
    }
    long versionTable =
        Sql.queryLong(
            connection,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'main' AND c.relname = 'schema_version'");
    if (versionTable == 0) {
      throw new StoreException(
          String.format(
              Locale.ROOT,
              "%s has a schema main that is not an odtrial store (it has no odtrial"
                  + " schema_version table); give a database of its own to odtrial",
              where));
    }
    return (int)
        Sql.queryLong(connection, "SELECT coalesce(max(version), 0) FROM main.schema_version");
  }

  @Override
  public void createStore(Connection connection) throws SQLException {
    Sql.exec(connection, "CREATE SCHEMA main");
    Sql.exec(connection, "COMMENT ON SCHEMA main IS 'odtrial store'");
  }

  @Override
  public void beginWrite(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try {
      Sql.exec(connection, "SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
    } catch (SQLException e) {
      rollback(connection);
      throw e;
    }
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    try {
      connection.commit();
    } finally {
      if (!connection.getAutoCommit()) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // committed or already rolled back: only leaving transaction mode below
        }
        connection.setAutoCommit(true);
      }
    }
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    if (connection.getAutoCommit()) {
      return;
    }
    try {
      connection.rollback();
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Override
  public boolean beginRead(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      return false;
    }
    connection.setAutoCommit(false);
    Sql.exec(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    return true;
  }

  @Override
  public void endRead(Connection connection) throws SQLException {
    rollback(connection); // nothing was written; ends the snapshot
  }

  @Override
  public long waitMillis(Connection connection) throws SQLException {
    return Sql.queryLong(
        connection, "SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'");
  }

  @Override
  public Failure failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return switch (state) {
      case "55P03", "40001", "40P01" -> Failure.BUSY;
      case "25006" -> Failure.READ_ONLY;
      case "42501" -> Failure.FORBIDDEN;
      case "23505" -> Failure.CONSTRAINT;
      default -> Failure.OTHER;
    };
  }

  /** From the catalogue, which every role may read (information_schema hides denied columns). */
  @Override
  public List<String> columns(Connection connection, String table) throws SQLException {
    return Sql.rows(
            connection,
            "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN"
                + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'main' AND"
                + " c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT"
                + " a.attisdropped ORDER BY a.attnum",
            table,
            1)
        .stream()
        .map(r -> r[0])
        .toList();
  }

  @Override
  public List<String[]> indexes(Connection connection, String table) throws SQLException {
    return Sql.rows(
        connection,
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'main' AND tablename = ?"
            + " ORDER BY indexname",
        table,
        2);
  }

  @Override
  public String temp() {
    return "pg_temp.";
  }

  @Override
  public String stagingKey(String staging, List<String> keyColumns) {
    return "CREATE UNIQUE INDEX "
        + staging
        + "_key ON pg_temp."
        + staging
        + " ("
        + String.join(", ", keyColumns)
        + ")";
  }

  @Override
  public String sqlType(ColumnType type) {
    return switch (type) {
      case INTEGER -> "bigint";
      case DECIMAL -> "double precision";
      default -> "text COLLATE \"C\"";
    };
  }

  @Override
  public String bytesType() {
    return "bytea";
  }

  /** A role that may not insert loads may not ingest. */
  @Override
  public void checkWritable(Connection connection) throws SQLException {
    if (Sql.queryLong(
            connection,
            "SELECT CASE WHEN has_table_privilege('main.loads', 'INSERT') THEN 1 ELSE 0 END")
        == 0) {
      throw new SQLException(
          "permission denied: the database role "
              + connection.getMetaData().getUserName()
              + " may not ingest into this store",
          "42501");
    }
  }

  @Override
  public boolean mayRebuildIndexes(Connection connection, String table) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT CASE WHEN pg_has_role(c.relowner, 'USAGE') THEN 1 ELSE 0 END FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'main' AND"
                + " c.relname = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  @Override
  public boolean copyInto(Connection connection, String qualifiedTable) throws SQLException {
    if (qualifiedTable.startsWith(temp())) {
      return true;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT CASE WHEN row_security_active(?::regclass) THEN 0 ELSE 1 END")) {
      ps.setString(1, qualifiedTable);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  @Override
  public void createIndex(Connection connection, String sql) throws SQLException {
    Sql.exec(connection, sql);
  }

  @Override
  public void analyze(Connection connection, String qualifiedTable) throws SQLException {
    // a temporary table is never analysed automatically; without statistics the merge's anti-joins
    // may be planned as nested loops
    Sql.exec(connection, "ANALYZE " + qualifiedTable);
  }
}
