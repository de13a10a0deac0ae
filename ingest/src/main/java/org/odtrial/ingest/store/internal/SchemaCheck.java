package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.StoreException;

/**
 * Confirms after migration that every file's table has exactly the columns {@link StoredTable}
 * reads and writes, so a contract change without its migration fails at open instead of corrupting
 * a load.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  public static void verify(Connection connection, String where) throws SQLException {
    for (TrialFile file : TrialFile.values()) {
      StoredTable table = StoredTable.of(file);
      List<String> actual = new ArrayList<>();
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA main.table_info(" + table.name() + ")")) {
        while (rs.next()) {
          actual.add(rs.getString("name"));
        }
      }
      if (!actual.equals(table.allColumns())) {
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "%s: table %s has columns %s but this odtrial expects %s",
                where,
                table.name(),
                actual,
                table.allColumns()));
      }
    }
  }
}
