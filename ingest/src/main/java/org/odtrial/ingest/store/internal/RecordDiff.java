package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.RecordChange;

/**
 * Which records of a file differ between two loads, from the temporal rows alone: only versions
 * that ended or began between the two loads are read, matched by key with a full outer join.
 */
public final class RecordDiff {
  private RecordDiff() {}

  /**
   * Streams the changes from load {@code from} to load {@code to} (either may be the later), by
   * key.
   */
  public static long diff(
      Connection c, TrialFile file, int from, int to, Consumer<RecordChange> consumer)
      throws SQLException {
    if (from == to) {
      return 0;
    }
    StoredTable table = StoredTable.of(file);
    int lo = Math.min(from, to);
    int hi = Math.max(from, to);
    List<String> select = new ArrayList<>();
    for (String col : table.dataColumns()) {
      select.add("a." + col);
    }
    select.add("a." + StoredTable.ROW_HASH);
    for (String col : table.dataColumns()) {
      select.add("b." + col);
    }
    select.add("b." + StoredTable.ROW_HASH);
    List<String> order = new ArrayList<>();
    for (String key : table.keyColumns()) {
      order.add("coalesce(a." + key + ", b." + key + ")");
    }
    // a: versions current at lo that ended by hi; b: versions current at hi that began after lo
    String sql =
        "SELECT "
            + String.join(", ", select)
            + " FROM (SELECT * FROM "
            + table.name()
            + " WHERE valid_from <= ? AND valid_to > ? AND valid_to <= ?) a FULL OUTER JOIN"
            + " (SELECT * FROM "
            + table.name()
            + " WHERE valid_from > ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) b"
            + " ON "
            + table.keyJoin("a", "b")
            + " WHERE a."
            + StoredTable.ROW_HASH
            + " IS NULL OR b."
            + StoredTable.ROW_HASH
            + " IS NULL OR a."
            + StoredTable.ROW_HASH
            + " <> b."
            + StoredTable.ROW_HASH
            + " ORDER BY "
            + String.join(", ", order);
    int width = table.dataColumns().size() + 1;
    long n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, lo);
      ps.setInt(2, lo);
      ps.setInt(3, hi);
      ps.setInt(4, lo);
      ps.setInt(5, hi);
      ps.setInt(6, hi);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] atLo = rs.getBytes(width) == null ? null : table.read(rs, 1);
          String[] atHi = rs.getBytes(2 * width) == null ? null : table.read(rs, width + 1);
          String[] before = from == lo ? atLo : atHi;
          String[] after = from == lo ? atHi : atLo;
          RecordChange.Kind kind =
              before == null
                  ? RecordChange.Kind.ADDED
                  : after == null ? RecordChange.Kind.REMOVED : RecordChange.Kind.CHANGED;
          consumer.accept(
              new RecordChange(kind, key(file, before != null ? before : after), before, after));
          n++;
        }
      }
    }
    return n;
  }

  /** The record's key as findings name it: key values joined by '/', integers in canonical form. */
  static String key(TrialFile file, String[] values) {
    List<String> parts = new ArrayList<>();
    for (String k : file.key()) {
      int i = file.indexOf(k);
      String v = values[i];
      if (file.columns().get(i).type() == ColumnType.INTEGER) {
        Long number = ValueCodec.parseLong(v);
        v = number == null ? v : ValueCodec.integerText(number);
      }
      parts.add(v);
    }
    return String.join("/", parts);
  }
}
