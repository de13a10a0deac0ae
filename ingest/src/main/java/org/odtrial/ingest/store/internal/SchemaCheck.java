package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.StoreException;

/**
 * Confirms after migration that every table of the store is there and that every file's table has
 * exactly the columns {@link StoredTable} reads and writes, so a contract change without its
 * migration, or a table dropped or altered with plain SQL, fails at open instead of giving wrong
 * data.
 */
public final class SchemaCheck {
  /** The store's own tables (besides one per contract file). */
  static final List<String> TABLES =
      List.of(
          "schema_version",
          "loads",
          "load_files",
          "load_findings",
          "blinding",
          "history",
          "seals",
          "seal_parts",
          "load_rule_counts",
          "query_revisions",
          "queries",
          "seal_revision_parts",
          "seal_query_versions");

  private SchemaCheck() {}

  public static void verify(Connection connection, String where) throws SQLException {
    for (String table : TABLES) {
      if (columns(connection, table).isEmpty()) {
        throw missing(where, table);
      }
    }
    for (TrialFile file : TrialFile.values()) {
      StoredTable table = StoredTable.of(file);
      List<String> actual = columns(connection, table.name());
      if (actual.isEmpty()) {
        throw missing(where, table.name());
      }
      if (!actual.equals(table.allColumns())) {
        throw new StoreException(
            StoreException.Kind.TAMPERED,
            String.format(
                Locale.ROOT,
                "%s: table %s has columns %s but odtrial made it with %s; the store was changed"
                    + " outside odtrial",
                where,
                table.name(),
                actual,
                table.allColumns()));
      }
    }
  }

  private static StoreException missing(String where, String table) {
    return new StoreException(
        StoreException.Kind.TAMPERED,
        String.format(
            Locale.ROOT,
            "%s: table %s is missing: it was dropped or renamed outside odtrial, so the store can"
                + " no longer be verified or read",
            where,
            table));
  }

  private static List<String> columns(Connection connection, String table) throws SQLException {
    return Dialect.of(connection).columns(connection, table);
  }
}
