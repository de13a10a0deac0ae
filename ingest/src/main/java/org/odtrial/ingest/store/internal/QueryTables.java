package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.store.QueryAnswer;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.QueryVersion;
import org.odtrial.ingest.store.StoreException;

/**
 * The data queries of a store, kept as temporal rows like the records: each version of a query is
 * valid from the revision that wrote it ({@code valid_from}) to the revision that replaced it
 * ({@code valid_to}, NULL while current). Every load, answer and imported answer file is one
 * revision in {@code query_revisions}. Plain standard SQL, set-based: a load of any size updates
 * its queries in a few statements.
 */
public final class QueryTables {
  private static final String COLUMNS =
      "query_id, file, record, column_name, rule, site, root_id, status, message, note,"
          + " valid_from, valid_to";

  private QueryTables() {}

  /**
   * Brings the queries up to date with load {@code load}, whose warnings are in load_findings: a
   * query no longer raised is resolved, a new one is opened, a resolved one raised again is
   * reopened, and a confirmed or will-correct query whose message (the values compared) changed is
   * reopened. Runs inside the load's transaction.
   *
   * @return the revision it wrote, for the caller to seal once the load is sealed
   */
  public static long afterLoad(Connection c, int load, Instant at, String user)
      throws SQLException {
    return afterLoad(c, load, at, user, null);
  }

  /**
   * As {@link #afterLoad(Connection, int, Instant, String)} for a load of one site ({@code site},
   * null for the whole trial): only that site's queries can be resolved by it.
   */
  public static long afterLoad(Connection c, int load, Instant at, String user, String site)
      throws SQLException {
    long revision =
        newRevision(c, load, at, user, "load", String.format(Locale.ROOT, "load %d", load));
    List<String> rebuild = dropIndexesIfEmpty(c);
    // close the versions that change: no longer raised, or raised with something different
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE queries SET valid_to = ? WHERE valid_to IS NULL AND ((status <> 'resolved'"
                + " AND NOT EXISTS (SELECT 1 FROM load_findings f WHERE f.query_id ="
                + " queries.query_id AND f.load = ?)"
                + (site == null ? "" : " AND queries.site = ?")
                + ") OR EXISTS (SELECT 1 FROM load_findings f"
                + " WHERE f.query_id = queries.query_id AND f.load = ? AND (queries.status ="
                + " 'resolved' OR f.message <> queries.message OR f.site IS DISTINCT FROM"
                + " queries.site OR f.root_id IS DISTINCT FROM queries.root_id)))")) {
      int i = 1;
      ps.setLong(i++, revision);
      ps.setInt(i++, load);
      if (site != null) {
        ps.setString(i++, site);
      }
      ps.setInt(i, load);
      ps.executeUpdate();
    }
    // their next versions
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO queries ("
                + COLUMNS
                + ") SELECT q.query_id, q.file, q.record, q.column_name, q.rule, CASE WHEN"
                + " f.query_id IS NULL THEN q.site ELSE f.site END, CASE WHEN f.query_id IS NULL"
                + " THEN q.root_id ELSE f.root_id END, CASE WHEN f.query_id IS NULL THEN"
                + " 'resolved' WHEN q.status = 'resolved' OR f.message <> q.message THEN 'open'"
                + " ELSE q.status END, CASE WHEN f.query_id IS NULL THEN q.message ELSE f.message"
                + " END, CASE WHEN f.query_id IS NOT NULL AND (q.status = 'resolved' OR"
                + " f.message <> q.message) THEN NULL ELSE q.note END, ?, NULL FROM queries q"
                + " LEFT JOIN load_findings f ON f.query_id = q.query_id AND f.load = ? WHERE"
                + " q.valid_to = ?")) {
      ps.setLong(1, revision);
      ps.setInt(2, load);
      ps.setLong(3, revision);
      ps.executeUpdate();
    }
    // queries raised for the first time
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO queries ("
                + COLUMNS
                + ") SELECT f.query_id, f.file, f.record, f.column_name, f.rule, f.site,"
                + " f.root_id, 'open', f.message, NULL, ?, NULL FROM load_findings f WHERE f.load"
                + " = ? AND f.query_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM queries q WHERE"
                + " q.query_id = f.query_id)")) {
      ps.setLong(1, revision);
      ps.setInt(2, load);
      ps.executeUpdate();
    }
    Dialect dialect = Dialect.of(c);
    for (String index : rebuild) {
      dialect.createIndex(c, index);
    }
    return revision;
  }

  /**
   * The store's first queries (the table empty, as on a first load) go in without the table's
   * indexes, which are built once afterwards: a build sorts once, where inserting keeps four
   * indexes in order row by row (a million participants' 167,759 queries on PostgreSQL: 0.3-0.4 s
   * to insert and 0.55 s to build, against 3.3-3.5 s with the indexes in place). Only a role that
   * owns the table may (on PostgreSQL); the drop is part of the load's transaction, as the build.
   *
   * @return the definitions of the dropped indexes, to build after the insert; empty if none were
   */
  private static List<String> dropIndexesIfEmpty(Connection c) throws SQLException {
    Dialect dialect = Dialect.of(c);
    if (Sql.queryLong(c, "SELECT CASE WHEN EXISTS (SELECT 1 FROM main.queries) THEN 0 ELSE 1 END")
            == 0
        || !dialect.mayRebuildIndexes(c, "queries")) {
      return List.of();
    }
    List<String> definitions = new ArrayList<>();
    for (String[] index : dialect.indexes(c, "queries")) {
      definitions.add(index[1]);
      Sql.exec(c, "DROP INDEX main." + index[0]);
    }
    return List.copyOf(definitions);
  }

  /**
   * Records answers as one revision. Answering a root cause answers its pending consequences too.
   * An answer equal to the query's current status and note changes nothing; the revision is sealed.
   *
   * @return the number of queries whose status or note changed
   * @throws StoreException naming the query if one is unknown or resolved (nothing is recorded)
   */
  public static int answer(
      Connection c,
      List<QueryAnswer> answers,
      Instant at,
      String user,
      String action,
      String detail)
      throws SQLException {
    int load = (int) Sql.queryLong(c, "SELECT coalesce(max(load), 0) FROM loads");
    long revision = -1;
    int changed = 0;
    for (QueryAnswer a : answers) {
      Current q = current(c, a.queryId());
      if (q == null) {
        throw new StoreException("there is no query " + a.queryId());
      }
      if (q.status().equals("resolved")) {
        throw new StoreException(
            "query " + a.queryId() + " is resolved: the latest load no longer raises it");
      }
      List<String> ids = new ArrayList<>();
      ids.add(a.queryId());
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT query_id FROM queries WHERE root_id = ? AND valid_to IS NULL AND status <>"
                  + " 'resolved' ORDER BY query_id")) {
        ps.setString(1, a.queryId());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      for (String id : ids) {
        Current v = id.equals(a.queryId()) ? q : current(c, id);
        if (v.status().equals(a.status().label()) && java.util.Objects.equals(v.note(), a.note())) {
          continue;
        }
        if (revision < 0) {
          revision = newRevision(c, load, at, user, action, detail);
        }
        try (PreparedStatement close =
            c.prepareStatement(
                "UPDATE queries SET valid_to = ? WHERE query_id = ? AND valid_to IS NULL")) {
          close.setLong(1, revision);
          close.setString(2, id);
          close.executeUpdate();
        }
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO queries ("
                    + COLUMNS
                    + ") SELECT query_id, file, record, column_name, rule, site, root_id, ?,"
                    + " message, ?, ?, NULL FROM queries WHERE query_id = ? AND valid_to = ?")) {
          insert.setString(1, a.status().label());
          insert.setString(2, a.note());
          insert.setLong(3, revision);
          insert.setString(4, id);
          insert.setLong(5, revision);
          insert.executeUpdate();
        }
        changed++;
      }
    }
    if (revision >= 0) {
      Seals.sealRevision(c, revision);
    }
    return changed;
  }

  private record Current(String status, String note) {}

  private static Current current(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status, note FROM queries WHERE query_id = ? AND valid_to IS NULL")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Current(rs.getString(1), rs.getString(2)) : null;
      }
    }
  }

  private static long newRevision(
      Connection c, int load, Instant at, String user, String action, String detail)
      throws SQLException {
    long revision = Sql.queryLong(c, "SELECT coalesce(max(revision), 0) + 1 FROM query_revisions");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO query_revisions (revision, load, at, os_user, action, detail) VALUES (?,"
                + " ?, ?, ?, ?, ?)")) {
      ps.setLong(1, revision);
      ps.setInt(2, load);
      ps.setString(3, at.toString());
      ps.setString(4, user);
      ps.setString(5, action);
      ps.setString(6, detail);
      ps.executeUpdate();
    }
    return revision;
  }

  /**
   * The latest load that could raise query {@code q} again: the latest load of the whole trial or
   * of the query's site (a load of another site leaves the site's queries as they were).
   */
  private static final String SITE_LATEST =
      "(SELECT max(l.load) FROM loads l WHERE l.site IS NULL OR l.site = q.site)";

  /**
   * Streams the current queries, by site (queries without a site last), then those raised by the
   * latest load in report order (each root cause before its consequences), then older ones.
   *
   * @param site null for every site, "" for queries without a site
   * @param id null for every query, else only this one
   */
  public static void current(Connection c, String site, String id, Consumer<Query> consumer)
      throws SQLException {
    String where = "";
    if (site != null) {
      where += site.isEmpty() ? " AND q.site IS NULL" : " AND q.site = ?";
    }
    if (id != null) {
      where += " AND q.query_id = ?";
    }
    String sql =
        "SELECT q.query_id, q.site, q.file, q.record, q.column_name, q.rule, q.root_id, q.status,"
            + " q.message, q.note, (SELECT min(r.load) FROM queries v JOIN query_revisions r ON"
            + " r.revision = v.valid_from WHERE v.query_id = q.query_id) AS first_load, "
            + SITE_LATEST
            + " AS site_latest, lf.load"
            + " AS last_load, lf.line, lf.seq FROM queries q LEFT JOIN load_findings lf ON"
            + " lf.query_id = q.query_id AND lf.load = (SELECT max(f.load) FROM load_findings f"
            + " WHERE f.query_id = q.query_id) WHERE q.valid_to IS NULL"
            + where
            + " ORDER BY (q.site IS NULL), q.site, lf.load DESC, lf.seq, q.query_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      if (site != null && !site.isEmpty()) {
        ps.setString(p++, site);
      }
      if (id != null) {
        ps.setString(p, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // stored as open, a query first raised by the latest load of its site is new
          QueryStatus status = QueryStatus.parse(rs.getString("status"));
          int first = rs.getInt("first_load");
          if (status == QueryStatus.OPEN && first == rs.getInt("site_latest")) {
            status = QueryStatus.NEW;
          }
          consumer.accept(
              new Query(
                  rs.getString("query_id"),
                  rs.getString("site"),
                  rs.getString("file"),
                  rs.getLong("line"),
                  rs.getString("record"),
                  rs.getString("column_name"),
                  rs.getString("rule"),
                  rs.getString("message"),
                  rs.getString("root_id"),
                  status,
                  rs.getString("note"),
                  first,
                  rs.getInt("last_load")));
        }
      }
    }
  }

  /**
   * Per site ("" for none), how many current queries are in each status, {@code new} told apart
   * from {@code open}: one aggregate query.
   */
  public static Map<String, Map<QueryStatus, Long>> counts(Connection c) throws SQLException {
    Map<String, Map<QueryStatus, Long>> out = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            // grouped by the derived columns of a subquery: PostgreSQL does not take two
            // copies of an expression with a parameter each as the same grouping expression
            "SELECT site, s, count(*) FROM (SELECT coalesce(q.site, '') AS site, CASE WHEN"
                + " q.status = 'open' AND NOT EXISTS (SELECT 1 FROM queries v JOIN query_revisions"
                + " r ON r.revision = v.valid_from WHERE v.query_id = q.query_id AND r.load < "
                + SITE_LATEST
                + ")"
                + " THEN 'new' ELSE q.status END AS s FROM queries q WHERE q.valid_to IS NULL) t"
                + " GROUP BY site, s")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(QueryStatus.class))
              .put(QueryStatus.parse(rs.getString(2)), rs.getLong(3));
        }
      }
    }
    return out;
  }

  /** Every version of a query, oldest first. */
  public static List<QueryVersion> history(Connection c, String id) throws SQLException {
    List<QueryVersion> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.revision, r.load, r.at, r.os_user, r.action, r.detail, q.status, q.message,"
                + " q.note, q.site, q.root_id FROM queries q JOIN query_revisions r ON r.revision"
                + " = q.valid_from WHERE q.query_id = ? ORDER BY q.valid_from")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QueryVersion(
                  rs.getLong(1),
                  rs.getInt(2),
                  Instant.parse(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  QueryStatus.parse(rs.getString(7)),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11)));
        }
      }
    }
    return out;
  }
}
