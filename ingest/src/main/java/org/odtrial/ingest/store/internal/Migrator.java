package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.store.StoreException;

/**
 * Brings a store's schema to the version this odtrial knows, one ordered SQL migration at a time,
 * all in a single transaction so that a failed or killed migration leaves the previous version.
 * Each applied migration is recorded in {@code schema_version}; a database at a newer version than
 * known is refused, never touched. Every migration the store lacks is applied, in order, not only
 * those above its highest version: a store written by a build of the query-tracking work (issue 10)
 * before the seal was merged has versions 1, 2 and 4, and gets version 3 when next opened.
 */
public final class Migrator {
  /** {@code PRAGMA application_id} of an odtrial store: the ASCII bytes 'odtr'. */
  public static final int APPLICATION_ID = 0x6F647472;

  private static final String RESOURCE_DIR = "/org/odtrial/ingest/store/migrations/";

  /** Work a migration does after its SQL, on content that SQL alone cannot compute. */
  @FunctionalInterface
  public interface Step {
    void run(Connection connection) throws SQLException;
  }

  /**
   * One schema step.
   *
   * @param version the schema version it produces
   * @param description what it does
   * @param resource SQL file under {@value #RESOURCE_DIR}
   * @param after run after the SQL, in the same transaction (null for none)
   */
  public record Migration(int version, String description, String resource, Step after) {
    public Migration(int version, String description, String resource) {
      this(version, description, resource, null);
    }
  }

  /** All migrations, in order; versions are 1, 2, ... without gaps. Append only. */
  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "loads, load files, findings, temporal tables of contract v1",
              "V001__initial.sql"),
          new Migration(2, "blinding key and history of events", "V002__history.sql"),
          new Migration(
              3,
              "seal: hash chain over loads, records and events",
              "V003__seals.sql",
              Migrator::sealExisting),
          new Migration(
              4,
              "data queries tracked across loads, per-rule counts of each load",
              "V004__queries.sql"),
          new Migration(
              5,
              "seal: the query history's revisions join the chain",
              "V005__query_seals.sql",
              Migrator::sealQueryHistory),
          new Migration(6, "site-scoped loads: the site a load replaced", "V006__load_site.sql"));

  private Migrator() {}

  public static int latestVersion() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  /**
   * The schema version of an open database: 0 for an empty database.
   *
   * @throws StoreException if the database holds something that is not an odtrial store
   * @throws SQLException if SQLite cannot read it (e.g. not a database at all)
   */
  public static int currentVersion(Connection connection, String where) throws SQLException {
    return Dialect.of(connection).currentVersion(connection, where);
  }

  /** Migrates to {@link #latestVersion()} and returns it; refuses a newer database. */
  public static int migrate(Connection connection, String where) throws SQLException {
    int current = currentVersion(connection, where);
    refuseNewer(current, where);
    if (current == latestVersion() && missing(connection).isEmpty()) {
      return current;
    }
    Dialect dialect = Dialect.of(connection);
    dialect.beginWrite(connection);
    try {
      // another process may have migrated between the check and the lock
      current = currentVersion(connection, where);
      refuseNewer(current, where);
      if (current == 0) {
        dialect.createStore(connection);
        Sql.exec(
            connection,
            "CREATE TABLE main.schema_version (version INTEGER PRIMARY KEY, description TEXT NOT"
                + " NULL)");
      }
      for (Migration migration : missing(connection)) {
        apply(connection, migration);
      }
      dialect.commit(connection);
    } catch (SQLException | RuntimeException e) {
      dialect.rollback(connection);
      throw e;
    }
    return latestVersion();
  }

  /** The migrations not recorded in {@code schema_version} (all of them in an empty database). */
  private static List<Migration> missing(Connection connection) throws SQLException {
    java.util.Set<Integer> applied = new java.util.HashSet<>();
    if (hasVersionTable(connection)) {
      try (PreparedStatement ps =
              connection.prepareStatement("SELECT version FROM schema_version");
          var rs = ps.executeQuery()) {
        while (rs.next()) {
          applied.add(rs.getInt(1));
        }
      }
    }
    return MIGRATIONS.stream().filter(m -> !applied.contains(m.version())).toList();
  }

  private static boolean hasVersionTable(Connection connection) throws SQLException {
    return !Dialect.of(connection).columns(connection, "schema_version").isEmpty();
  }

  private static void refuseNewer(int current, String where) {
    if (current > latestVersion()) {
      throw new StoreException(
          String.format(
              Locale.ROOT,
              "%s has store schema version %d but this odtrial knows versions up to %d; use the"
                  + " odtrial version that wrote it or a newer one (the file was not changed)",
              where,
              current,
              latestVersion()));
    }
  }

  private static void apply(Connection connection, Migration migration) throws SQLException {
    for (String statement :
        statements(read(Dialect.of(connection).migrations() + migration.resource()))) {
      Sql.exec(connection, statement);
    }
    if (migration.after() != null) {
      migration.after().run(connection);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO main.schema_version (version, description) VALUES (?, ?)")) {
      ps.setInt(1, migration.version());
      ps.setString(2, migration.description());
      ps.executeUpdate();
    }
  }

  /**
   * Seals the loads and events of a store written before stores were sealed, in the order they
   * happened, and records that it did so: changes made to them before this moment cannot be told.
   */
  static void sealExisting(Connection connection) throws SQLException {
    record Entry(String kind, long ref, String at) {}
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement("SELECT load, loaded_at FROM main.loads ORDER BY load");
        var rs = ps.executeQuery()) {
      while (rs.next()) {
        entries.add(new Entry(Seals.LOAD, rs.getLong(1), rs.getString(2)));
      }
    }
    int loads = entries.size();
    try (PreparedStatement ps =
            connection.prepareStatement("SELECT seq, at FROM main.history ORDER BY seq");
        var rs = ps.executeQuery()) {
      while (rs.next()) {
        entries.add(new Entry(Seals.EVENT, rs.getLong(1), rs.getString(2)));
      }
    }
    if (entries.isEmpty()) {
      return;
    }
    // both lists are in order already; merge them by time, loads first on a tie
    List<Entry> byTime = new ArrayList<>(entries);
    byTime.sort(
        java.util.Comparator.comparing((Entry e) -> String.valueOf(e.at()))
            .thenComparing(e -> e.kind().equals(Seals.LOAD) ? 0 : 1)
            .thenComparingLong(Entry::ref));
    List<Entry> loadsInOrder = byTime.stream().filter(e -> e.kind().equals(Seals.LOAD)).toList();
    List<Entry> eventsInOrder = byTime.stream().filter(e -> e.kind().equals(Seals.EVENT)).toList();
    if (!loadsInOrder.equals(entries.subList(0, loads))
        || !eventsInOrder.equals(entries.subList(loads, entries.size()))) {
      byTime = entries; // times out of order: keep each kind's own order, loads first
    }
    java.util.Map<org.odtrial.ingest.contract.TrialFile, long[]> all =
        new java.util.EnumMap<>(org.odtrial.ingest.contract.TrialFile.class);
    for (Entry e : byTime) {
      if (e.kind().equals(Seals.LOAD)) {
        Seals.sealLoad(connection, (int) e.ref(), all);
      } else {
        Seals.sealEvent(connection, e.ref());
      }
    }
    recordUpgrade(
        connection,
        String.format(
            Locale.ROOT,
            "%d loads and %d events, written before odtrial sealed its stores, were sealed when"
                + " the store was upgraded to schema version 3; changes made to them before this"
                + " moment cannot be detected",
            loads,
            entries.size() - loads));
  }

  /**
   * Version 5: seals the existing revisions of the query history; on PostgreSQL, where the trial's
   * roles were set up ({@code odtrial init-roles}), grants them the new seal tables by applying the
   * roles script again (it resets every privilege to what it says).
   */
  static void sealQueryHistory(Connection connection) throws SQLException {
    sealExistingRevisions(connection);
    if (PostgresDialect.is(connection)
        && Sql.queryLong(
                connection, "SELECT count(*) FROM main.history WHERE event = 'roles-set-up'")
            > 0) {
      Roles.apply(connection, java.util.Map.of());
    }
  }

  /**
   * Seals the revisions of the query history of a store written before the seal covered queries, in
   * order, after everything already in the chain, and records that it did so: changes made to them
   * before this moment cannot be told.
   */
  static void sealExistingRevisions(Connection connection) throws SQLException {
    List<Long> revisions = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT revision FROM main.query_revisions ORDER BY revision");
        var rs = ps.executeQuery()) {
      while (rs.next()) {
        revisions.add(rs.getLong(1));
      }
    }
    if (revisions.isEmpty()) {
      return;
    }
    for (long revision : revisions) {
      Seals.sealRevision(connection, revision);
    }
    recordUpgrade(
        connection,
        String.format(
            Locale.ROOT,
            "%d revisions of the query history (answers, statuses), written before odtrial sealed"
                + " its queries, were sealed when the store was upgraded to schema version 5;"
                + " changes made to them before this moment cannot be detected",
            revisions.size()));
  }

  /** Records and seals the event {@code sealed-on-upgrade}. */
  private static void recordUpgrade(Connection connection, String detail) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO main.history (event, at, os_user, detail) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, "sealed-on-upgrade");
      ps.setString(
          2, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      ps.setString(3, System.getProperty("user.name", "unknown"));
      ps.setString(4, detail);
      ps.executeUpdate();
    }
    Seals.sealEvent(connection, Sql.queryLong(connection, "SELECT max(seq) FROM main.history"));
  }

  /**
   * Splits a migration script into statements: whole-line {@code --} comments dropped, split at
   * {@code ;}.
   */
  static List<String> statements(String script) {
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : body.toString().split(";")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  private static String read(String resource) {
    try (InputStream in = Migrator.class.getResourceAsStream(RESOURCE_DIR + resource)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing from the build: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
