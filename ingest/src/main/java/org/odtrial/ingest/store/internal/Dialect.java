package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.odtrial.ingest.contract.ColumnType;

/**
 * What differs between the two databases a store can live in, SQLite and PostgreSQL; everything
 * else (the temporal model, the merge of a load, the seal, the history, the lock) is shared code
 * running the same SQL on both. A dialect is told by the connection ({@link #of}), so shared code
 * needs no extra parameter.
 *
 * <p>Both keep the store's tables in a schema named {@code main} (the name SQLite gives a file's
 * own tables), so shared SQL names them {@code main.<table>} on either.
 */
public interface Dialect {
  /** The dialect of an open connection. */
  static Dialect of(Connection connection) {
    return PostgresDialect.is(connection) ? PostgresDialect.INSTANCE : SqliteDialect.INSTANCE;
  }

  /** Whether a failure is a database role's missing privilege (or a row-level security check). */
  static boolean forbidden(SQLException e) {
    return PostgresDialect.INSTANCE.failure(e) == Failure.FORBIDDEN;
  }

  /** The folder of this dialect's migration scripts, under the migrations resource folder. */
  String migrations();

  /**
   * The schema version of the store on {@code connection}: 0 for a database (or file) with no store
   * yet.
   *
   * @throws org.odtrial.ingest.store.StoreException if it holds something that is not an odtrial
   *     store
   */
  int currentVersion(Connection connection, String where) throws SQLException;

  /** Creates what a store needs before its first migration (inside the migration's transaction). */
  void createStore(Connection connection) throws SQLException;

  /** Starts a write transaction; only one runs at a time per store, others wait for it. */
  void beginWrite(Connection connection) throws SQLException;

  void commit(Connection connection) throws SQLException;

  void rollback(Connection connection) throws SQLException;

  /**
   * Starts a read of one consistent snapshot, if none is open; returns whether it did (then {@link
   * #endRead} must follow).
   */
  boolean beginRead(Connection connection) throws SQLException;

  void endRead(Connection connection) throws SQLException;

  /** How long a command waits for another that holds the store, in milliseconds. */
  long waitMillis(Connection connection) throws SQLException;

  /** What a failed statement means for the user. */
  Failure failure(SQLException e);

  /** The column names of a store table in table order; empty if the table does not exist. */
  List<String> columns(Connection connection, String table) throws SQLException;

  /** Name and {@code CREATE INDEX} statement of each index of a store table, by name. */
  List<String[]> indexes(Connection connection, String table) throws SQLException;

  /** The schema of temporary tables, as a prefix: {@code temp.} or {@code pg_temp.}. */
  String temp();

  /** {@code CREATE UNIQUE INDEX} on the key columns of a temporary staging table. */
  String stagingKey(String staging, List<String> keyColumns);

  /** The column type of a contract type. */
  String sqlType(ColumnType type);

  /** The column type of the 16-byte row hash. */
  String bytesType();

  /**
   * Fails (before an upload is read) when the store cannot be written by this connection: a
   * read-only file, or a database role without the right to ingest.
   */
  void checkWritable(Connection connection) throws SQLException;

  /**
   * Whether this connection may drop and re-create the indexes of a table (to fill an empty table
   * faster): on a server only the table's owner may.
   */
  boolean mayRebuildIndexes(Connection connection, String table) throws SQLException;

  /**
   * Whether a load's rows go into {@code qualifiedTable} with COPY ({@link CopyRows}) rather than
   * batched INSERTs: on PostgreSQL, where each executed INSERT costs the server a statement, unless
   * row-level security applies to this role on the table (PostgreSQL refuses COPY FROM there; a
   * site data manager's rows go through a temporary staging table, which has none).
   */
  boolean copyInto(Connection connection, String qualifiedTable) throws SQLException;

  /**
   * Runs a {@code CREATE [UNIQUE] INDEX} statement of a load (its table's indexes rebuilt after its
   * first rows, or a staging table's key).
   */
  void createIndex(Connection connection, String sql) throws SQLException;

  /** Refreshes the planner's statistics of a table after a bulk write (no-op where not needed). */
  void analyze(Connection connection, String qualifiedTable) throws SQLException;

  /** Kinds of failure that odtrial tells apart. */
  enum Failure {
    /** Another command holds the store longer than the wait. */
    BUSY,
    /** The store cannot be written here (file permissions, read-only transaction). */
    READ_ONLY,
    /** The user's database role may not do this. */
    FORBIDDEN,
    /** A unique key was violated. */
    CONSTRAINT,
    /** The file is not a database, or is damaged. */
    NOT_A_DATABASE,
    OTHER
  }
}
