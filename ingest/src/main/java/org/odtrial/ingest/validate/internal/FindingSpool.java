package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.FindingRows;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.Severity;

/**
 * Every finding of a validation, on disk: a scratch SQLite file in the temporary folder (not a
 * trial store), so that a badly broken upload of any size is reported completely in bounded memory.
 * SQLite sorts and groups out of memory with a bounded page cache.
 *
 * <p>When validation ends, {@link #finish} works out root causes: findings that were compared with
 * one value of another record (their {@link Cause}) are grouped under the finding on that value if
 * there is one, else, when there are two or more, under a new {@code root-cause} finding on it. It
 * then writes the findings in report order, each root directly followed by its consequences.
 */
final class FindingSpool implements AutoCloseable {
  private static final int BATCH = 2048;

  private final Path path;
  private final Connection connection;
  private PreparedStatement insert;
  private int batched;
  private long seq;
  private boolean finished;
  private long size; // rows in r, counted as they were written: count(*) would read them all
  private boolean siteIndexed;

  private FindingSpool(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  static FindingSpool create() {
    Path path;
    try {
      path = Files.createTempFile("odtrial-findings-", ".db");
      path.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new IngestException(
          "cannot create a temporary file for the findings in "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
      FindingSpool spool = new FindingSpool(path, c);
      try (Statement s = c.createStatement()) {
        // a scratch file: no journal, no syncs, a bounded cache that spills to the file
        s.execute("PRAGMA journal_mode = OFF");
        s.execute("PRAGMA synchronous = OFF");
        s.execute("PRAGMA temp_store = FILE");
        s.execute("PRAGMA cache_size = -16384");
        s.execute(
            "CREATE TABLE f (seq INTEGER PRIMARY KEY, file_order INTEGER NOT NULL, line INTEGER"
                + " NOT NULL, col_order INTEGER NOT NULL, rule TEXT NOT NULL, site TEXT, query_id"
                + " TEXT NOT NULL, body BLOB NOT NULL, cause_key TEXT, cause_file_order INTEGER,"
                + " cause_line INTEGER, cause_col_order INTEGER, cause_record TEXT, cause_site"
                + " TEXT, cause_value TEXT, visit INTEGER, root_seq INTEGER)");
        s.execute("BEGIN");
      }
      spool.insert =
          c.prepareStatement(
              "INSERT INTO f (seq, file_order, line, col_order, rule, site, query_id, body,"
                  + " cause_key, cause_file_order, cause_line, cause_col_order, cause_record,"
                  + " cause_site, cause_value, visit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?)");
      return spool;
    } catch (SQLException e) {
      deleteQuietly(path);
      throw failure(e, path);
    }
  }

  /**
   * Adds a finding; {@code fileOrder} (the file's contract order, -1 for the upload folder) and
   * {@code columnOrder} sort it.
   */
  void add(int fileOrder, int columnOrder, Finding f, Cause cause) {
    try {
      PreparedStatement ps = insert;
      ps.setLong(1, ++seq);
      ps.setInt(2, fileOrder);
      ps.setLong(3, f.line());
      ps.setInt(4, columnOrder);
      ps.setString(5, f.rule());
      ps.setString(6, f.site());
      ps.setString(7, f.queryId());
      ps.setBytes(8, FindingBody.encode(f));
      if (cause == null) {
        for (int i = 9; i <= 16; i++) {
          ps.setNull(i, Types.VARCHAR);
        }
      } else {
        ps.setString(9, cause.key());
        ps.setInt(10, cause.file().ordinal());
        ps.setLong(11, cause.line());
        ps.setInt(12, cause.column());
        ps.setString(13, cause.record());
        ps.setString(14, cause.site());
        ps.setString(15, cause.value());
        if (cause.visit() < 0) {
          ps.setNull(16, Types.INTEGER);
        } else {
          ps.setInt(16, cause.visit());
        }
      }
      ps.addBatch();
      if (++batched == BATCH) {
        ps.executeBatch();
        batched = 0;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** A new root-cause finding, to be counted by the caller. */
  record Root(TrialFile file, String site, long line) {}

  /**
   * Groups consequences under their roots and writes the findings in report order.
   *
   * @return the root-cause findings it added
   */
  List<Root> finish() {
    try {
      if (batched > 0) {
        insert.executeBatch();
        batched = 0;
      }
      insert.close();
      exec("CREATE INDEX f_cause ON f (cause_key)");
      exec("CREATE INDEX f_at ON f (file_order, line, col_order)");
      // a baseline_date is the likely cause of visits outside their windows only when visits at
      // two or more timepoints are; a single visit's date is more likely wrong itself
      exec(
          "UPDATE f SET cause_key = NULL WHERE visit IS NOT NULL AND (SELECT count(DISTINCT"
              + " v.visit) FROM f v WHERE v.cause_key = f.cause_key AND v.visit IS NOT NULL) < 2");
      // a finding on the value itself is the root of the findings compared with it
      exec(
          "UPDATE f SET root_seq = (SELECT r.seq FROM f r WHERE r.file_order = f.cause_file_order"
              + " AND r.line = f.cause_line AND r.col_order = f.cause_col_order AND r.cause_key IS"
              + " NULL ORDER BY r.rule, r.seq LIMIT 1) WHERE cause_key IS NOT NULL");
      List<Root> roots = addRoots();
      exec("CREATE TABLE r (ord INTEGER PRIMARY KEY, site TEXT, body BLOB, root_id TEXT)");
      size =
          update(
              "INSERT INTO r (site, body, root_id) SELECT f.site, f.body, root.query_id FROM f"
                  + " LEFT JOIN f root ON root.seq ="
                  + " f.root_seq ORDER BY coalesce(root.file_order, f.file_order),"
                  + " coalesce(root.line, f.line), coalesce(root.col_order, f.col_order),"
                  + " coalesce(root.rule, f.rule), coalesce(root.seq, f.seq), f.root_seq IS NOT"
                  + " NULL, f.file_order, f.line, f.col_order, f.rule, f.seq");
      exec("DROP TABLE f");
      exec("COMMIT");
      finished = true;
      return roots;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * A root-cause finding on each value that two or more findings were compared with and that has no
   * finding of its own.
   */
  private List<Root> addRoots() throws SQLException {
    exec(
        "CREATE TABLE g AS SELECT cause_key, rule, count(*) AS n, min(cause_file_order) AS fo,"
            + " min(cause_line) AS line, min(cause_col_order) AS co, min(cause_record) AS record,"
            + " min(cause_site) AS site, min(cause_value) AS value FROM f WHERE cause_key IN"
            + " (SELECT cause_key FROM f WHERE root_seq IS NULL AND cause_key IS NOT NULL GROUP"
            + " BY cause_key HAVING count(*) >= 2) AND root_seq IS NULL GROUP BY cause_key, rule");
    List<Root> roots = new ArrayList<>();
    try (PreparedStatement add =
            connection.prepareStatement(
                "INSERT INTO f (seq, file_order, line, col_order, rule, site, query_id, body)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement link =
            connection.prepareStatement(
                "UPDATE f SET root_seq = ? WHERE cause_key = ? AND root_seq IS NULL");
        Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT cause_key, rule, n, fo, line, co, record, site, value FROM g ORDER BY"
                    + " cause_key, rule")) {
      String key = null;
      Map<String, Long> byRule = new LinkedHashMap<>();
      Object[] at = null;
      while (rs.next()) {
        if (key != null && !key.equals(rs.getString(1))) {
          roots.add(root(add, link, key, at, byRule));
          byRule.clear();
        }
        key = rs.getString(1);
        byRule.put(rs.getString(2), rs.getLong(3));
        at =
            new Object[] {
              rs.getInt(4),
              rs.getLong(5),
              rs.getInt(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9)
            };
      }
      if (key != null) {
        roots.add(root(add, link, key, at, byRule));
      }
    }
    exec("DROP TABLE g");
    return roots;
  }

  private Root root(
      PreparedStatement add,
      PreparedStatement link,
      String key,
      Object[] at,
      Map<String, Long> byRule)
      throws SQLException {
    TrialFile file = TrialFile.values()[(Integer) at[0]];
    long line = (Long) at[1];
    int column = (Integer) at[2];
    String record = (String) at[3];
    String site = (String) at[4];
    String value = (String) at[5];
    String columnName = file.columns().get(column).name();
    long total = 0;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : byRule.entrySet()) {
      total += e.getValue();
      parts.add(e.getKey() + " " + e.getValue());
    }
    String message =
        String.format(
            Locale.ROOT,
            "%d findings in other records were compared with this %s (%s): %s; if it is wrong,"
                + " correcting it resolves them all, so check it first",
            total,
            columnName,
            value,
            String.join(", ", parts));
    Finding f =
        new Finding(
            Severity.WARNING,
            file.fileName(),
            line,
            columnName,
            record,
            site,
            Rule.ROOT_CAUSE.id(),
            message);
    long rootSeq = ++seq;
    add.setLong(1, rootSeq);
    add.setInt(2, file.ordinal());
    add.setLong(3, line);
    add.setInt(4, column);
    add.setString(5, f.rule());
    add.setString(6, f.site());
    add.setString(7, f.queryId());
    add.setBytes(8, FindingBody.encode(f));
    add.executeUpdate();
    link.setLong(1, rootSeq);
    link.setString(2, key);
    link.executeUpdate();
    return new Root(file, site, line);
  }

  /** Findings in the spool (after {@link #finish}). */
  long size() {
    requireFinished();
    return size;
  }

  /** Streams findings in report order; see {@link FindingReport#forEach}. */
  void forEach(String site, FindingReport.FindingConsumer consumer) throws IOException {
    requireFinished();
    try {
      if (site != null && !siteIndexed) {
        // only for reads by site (CSV, --site): a whole report in order needs no index
        exec("CREATE INDEX r_site ON r (site, ord)");
        siteIndexed = true;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT body, root_id FROM r WHERE 1 = 1"
                + FindingRows.siteCondition(site)
                + " ORDER BY ord")) {
      FindingRows.bindSite(ps, 1, site);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumer.accept(FindingBody.decode(rs.getBytes(1), rs.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void requireFinished() {
    if (!finished) {
      throw new IllegalStateException("the findings are read after finish()");
    }
  }

  private int update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to keep: the file is deleted below
    }
    deleteQuietly(path);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // deleteOnExit removes it later
    }
  }

  private IngestException failure(SQLException e) {
    return failure(e, path);
  }

  private static IngestException failure(SQLException e, Path path) {
    return new IngestException(
        "the temporary file of the findings " + path + " failed: " + e.getMessage(), e);
  }
}
