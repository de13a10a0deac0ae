package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.store.FileStats;
import org.odtrial.ingest.store.StoreException;

/**
 * One file's part of an open load. A table with no rows at all is written directly (its indexes
 * dropped first and rebuilt at commit, which is much faster than maintaining them row by row);
 * otherwise records go to a TEMP staging table and are merged into the temporal table with a few
 * set-based statements at commit. Rows go in by batched INSERTs of {@link #ROWS} rows each on
 * SQLite and by COPY on PostgreSQL ({@link CopyRows}); either way the same columns get the same
 * values.
 *
 * <p>On PostgreSQL a table's COPY runs while its rows arrive: {@link #flush} must end it before the
 * connection runs anything else (another table's rows, a query).
 */
final class TableLoad {
  private static final int BATCH = 2048;

  /**
   * Rows per INSERT statement on SQLite. One statement of many rows costs SQLite one execution's
   * set-up (cursor, transaction checks, reset) and sqlite-jdbc one step and reset call instead of
   * one per row: measured, 6-20% less CPU on the writing thread of a million-participant load
   * (docs/performance.md, "Rows many to a statement"). 64 rows of the widest table (14 parameters
   * each) stay far below SQLite's limit of 32,766 parameters; a batch ({@link #BATCH}) is 32 such
   * statements.
   */
  static final int ROWS = 64;

  private final Connection connection;
  private final StoredTable table;
  private final int load;
  private final boolean direct;
  private final List<String> droppedIndexes;

  /** For a load of one site, a condition on the table's rows {@code m}: the site's; else null. */
  private final String owned;

  /** The one-row INSERT on SQLite (for the last rows of a batch), null on PostgreSQL. */
  private final PreparedStatement insert;

  /** The INSERT of {@link #ROWS} rows at once on SQLite, null on PostgreSQL. */
  private final PreparedStatement insertRows;

  /** Parameters of one row of {@link #insert}: the data columns and the row hash. */
  private final int parameters;

  /**
   * Records not yet bound, waiting for a full {@link #insertRows} statement (SQLite only; the
   * arrays are the records themselves, not copies).
   */
  private final String[][] waiting;

  private final byte[][] waitingHashes;

  private int waitingCount;

  /** The COPY on PostgreSQL, null on SQLite. */
  private final CopyRows copy;

  /**
   * Written directly: the seal's part of the rows this load inserts, hashed as they are written
   * (null otherwise); the load finishes it ({@link #takeInserted}).
   */
  private InsertedPart inserted;

  private int pending;

  /** Records added to {@link #inserted} (by the thread that prepares them). */
  private long sealed;

  private long rows;

  private TableLoad(
      Connection connection,
      StoredTable table,
      int load,
      boolean direct,
      List<String> droppedIndexes,
      String owned)
      throws SQLException {
    this.connection = connection;
    this.table = table;
    this.load = load;
    this.direct = direct;
    this.droppedIndexes = droppedIndexes;
    this.owned = owned;
    this.inserted = direct ? InsertedPart.of(table, load) : null;
    Dialect dialect = Dialect.of(connection);
    String target = direct ? "main." + table.name() : dialect.temp() + staging();
    String columns =
        table.dataColumnList()
            + ", "
            + StoredTable.ROW_HASH
            + (direct ? ", " + StoredTable.VALID_FROM : "");
    this.parameters = table.dataColumns().size() + 1;
    if (dialect.copyInto(connection, target)) {
      this.insert = null;
      this.insertRows = null;
      this.waiting = null;
      this.waitingHashes = null;
      this.copy = CopyRows.binary(connection, "COPY " + target + " (" + columns + ") FROM STDIN");
      return;
    }
    this.copy = null;
    String row = "(" + placeholders(parameters) + (direct ? ", " + load : "") + ")";
    String into = "INSERT INTO " + target + " (" + columns + ") VALUES ";
    this.insert = connection.prepareStatement(into + row);
    PreparedStatement many = null;
    try {
      many = connection.prepareStatement(into + String.join(", ", Collections.nCopies(ROWS, row)));
    } finally {
      if (many == null) {
        insert.close();
      }
    }
    this.insertRows = many;
    this.waiting = new String[ROWS][];
    this.waitingHashes = new byte[ROWS][];
  }

  /**
   * Prepares the load of one table inside the already open transaction.
   *
   * @param owned for a load of one site, a condition on the table's rows {@code m} saying which are
   *     the site's: only those can be closed; null for a load of the whole trial
   */
  static TableLoad start(Connection connection, StoredTable table, int load, String owned)
      throws SQLException {
    Dialect dialect = Dialect.of(connection);
    boolean empty =
        Sql.queryLong(
                connection,
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM main."
                    + table.name()
                    + ") THEN 0 ELSE 1 END")
            == 1;
    if (empty && dialect.mayRebuildIndexes(connection, table.name())) {
      List<String> indexes = new ArrayList<>();
      for (String[] index : dialect.indexes(connection, table.name())) {
        indexes.add(index[1]);
        Sql.exec(connection, "DROP INDEX main." + index[0]);
      }
      return new TableLoad(
          connection, table, load, true, Collections.unmodifiableList(indexes), owned);
    }
    Sql.exec(connection, "DROP TABLE IF EXISTS " + dialect.temp() + staging(table));
    Sql.exec(
        connection,
        "CREATE TEMP TABLE " + staging(table) + " (" + table.stagingColumnsDdl(dialect) + ")");
    return new TableLoad(connection, table, load, false, List.of(), owned);
  }

  /**
   * Adds a record to the seal's part (when written directly), before {@link #add} writes it; on the
   * thread that prepares the records, which may not be the one writing them.
   */
  void seal(String[] values, byte[] hash) {
    if (inserted != null) {
      inserted.add(values, hash);
      // on SQLite parked as often as a batch of rows is sent, as before the records were prepared
      // on another thread (runs of about 1 MiB rather than 16 MiB in memory)
      if (insert != null && ++sealed % BATCH == 0) {
        inserted.park();
      }
    }
  }

  void add(String[] values, byte[] hash) throws SQLException {
    rows++;
    if (copy != null) {
      table.copy(copy, values);
      copy.bytes(hash);
      if (direct) {
        copy.int4(load);
      }
      copy.endRow();
      return;
    }
    // bound once a statement's ROWS records are all there; those left when the table's records
    // pause go in one to a statement (flush)
    waiting[waitingCount] = values;
    waitingHashes[waitingCount] = hash;
    if (++waitingCount < ROWS) {
      return;
    }
    int at = 1;
    for (int i = 0; i < ROWS; i++) {
      at = table.bind(insertRows, at, waiting[i]);
      insertRows.setBytes(at++, waitingHashes[i]);
    }
    clearWaiting();
    insertRows.addBatch();
    pending += ROWS;
    if (pending >= BATCH) {
      flush();
    }
  }

  private void clearWaiting() {
    Arrays.fill(waiting, 0, waitingCount, null);
    Arrays.fill(waitingHashes, 0, waitingCount, null);
    waitingCount = 0;
  }

  /** The rows written so far. */
  long rows() {
    return rows;
  }

  /** Writes this file's differences into its temporal table; returns what changed. */
  FileStats finish(String sha256) throws SQLException {
    flush();
    if (insert != null) {
      insert.close();
      insertRows.close();
    }
    if (direct) {
      for (String index : droppedIndexes) {
        createUniqueIndex(index);
      }
      Dialect.of(connection).analyze(connection, "main." + table.name());
      return new FileStats(sha256, rows, rows, 0, 0);
    }
    Dialect dialect = Dialect.of(connection);
    String t = "main." + table.name();
    String s = dialect.temp() + staging();
    createUniqueIndex(dialect.stagingKey(staging(), table.keyColumns()));
    dialect.analyze(connection, s);
    // close every current version that has no identical record (same key, same hash) in the upload
    // (in a load of one site: every current version of the site's)
    long closed =
        Sql.update(
            connection,
            "UPDATE "
                + t
                + " AS m SET "
                + StoredTable.VALID_TO
                + " = ? WHERE m."
                + StoredTable.VALID_TO
                + " IS NULL AND NOT EXISTS (SELECT 1 FROM "
                + s
                + " AS s WHERE "
                + table.keyJoin("s", "m")
                + " AND s."
                + StoredTable.ROW_HASH
                + " = m."
                + StoredTable.ROW_HASH
                + ")"
                + (owned == null ? "" : " AND " + owned),
            load);
    // of those, the ones whose key is still uploaded were changed, the others removed
    long changed =
        closed == 0
            ? 0
            : Sql.queryLong(
                connection,
                "SELECT count(*) FROM "
                    + s
                    + " AS s JOIN "
                    + t
                    + " AS m ON "
                    + table.keyJoin("m", "s")
                    + " WHERE m."
                    + StoredTable.VALID_TO
                    + " = ?",
                load);
    // every uploaded record whose key has no current version now is new or a new version
    long inserted =
        Sql.update(
            connection,
            "INSERT INTO "
                + t
                + " ("
                + table.dataColumnList()
                + ", "
                + StoredTable.ROW_HASH
                + ", "
                + StoredTable.VALID_FROM
                + ") SELECT "
                + table.dataColumnList()
                + ", "
                + StoredTable.ROW_HASH
                + ", ? FROM "
                + s
                + " AS s WHERE NOT EXISTS (SELECT 1 FROM "
                + t
                + " AS m WHERE "
                + table.keyJoin("m", "s")
                + " AND m."
                + StoredTable.VALID_TO
                + " IS NULL)",
            load);
    Sql.exec(connection, "DROP TABLE " + s);
    return new FileStats(sha256, rows, inserted - changed, changed, closed - changed);
  }

  /**
   * Hands the seal's part being computed from this table's written rows (null if none) over to the
   * caller, who finishes or closes it; only once every row was added and {@link #flush}ed.
   */
  InsertedPart takeInserted() {
    InsertedPart part = inserted;
    inserted = null;
    return part;
  }

  void close() {
    if (inserted != null) {
      inserted.close();
      inserted = null;
    }
    if (copy != null) {
      copy.cancel();
      return;
    }
    try {
      insert.close();
      insertRows.close();
    } catch (SQLException e) {
      // closing a prepared statement of a load being rolled back: nothing left to protect
    }
  }

  /**
   * The table's records pause (another table's come next, the connection runs a query, or the load
   * commits): writes the rows still buffered, ends the running COPY on PostgreSQL, and parks the
   * seal's part. Only once every record of the table so far was prepared ({@link #seal}), as the
   * part is not shared with the thread preparing them.
   */
  void pause() throws SQLException {
    if (inserted != null) {
      inserted.park();
    }
    flush();
  }

  /** Writes the rows still buffered; on PostgreSQL ends the running COPY. */
  private void flush() throws SQLException {
    if (copy != null) {
      copy.end();
      return;
    }
    if (pending > 0) {
      insertRows.executeBatch();
      pending = 0;
    }
    if (waitingCount > 0) {
      // after the full statements, so the rows keep the order they came in
      for (int i = 0; i < waitingCount; i++) {
        table.bind(insert, 1, waiting[i]);
        insert.setBytes(parameters, waitingHashes[i]);
        insert.addBatch();
      }
      clearWaiting();
      insert.executeBatch();
    }
  }

  private void createUniqueIndex(String sql) throws SQLException {
    Dialect dialect = Dialect.of(connection);
    try {
      dialect.createIndex(connection, sql);
    } catch (SQLException e) {
      if (dialect.failure(e) == Dialect.Failure.CONSTRAINT) {
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "%s has two or more records with the same %s; nothing was stored",
                table.file().fileName(),
                String.join(" + ", table.keyColumns())));
      }
      throw e;
    }
  }

  private String staging() {
    return staging(table);
  }

  private static String staging(StoredTable table) {
    return "stage_" + table.name();
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
