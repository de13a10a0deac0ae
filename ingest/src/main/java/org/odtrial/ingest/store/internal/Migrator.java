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
 * known is refused, never touched.
 */
public final class Migrator {
  /** {@code PRAGMA application_id} of an odtrial store: the ASCII bytes 'odtr'. */
  public static final int APPLICATION_ID = 0x6F647472;

  private static final String RESOURCE_DIR = "/org/odtrial/ingest/store/migrations/";

  /**
   * One schema step.
   *
   * @param version the schema version it produces
   * @param description what it does
   * @param resource SQL file under {@value #RESOURCE_DIR}
   */
  public record Migration(int version, String description, String resource) {}

  /**
   * All migrations, in order; versions are 1, 2, ... without gaps (version 3 comes with the branch
   * of issue 9 and is merged before release). Append only.
   */
  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "loads, load files, findings, temporal tables of contract v1",
              "V001__initial.sql"),
          new Migration(2, "blinding key and history of events", "V002__history.sql"),
          // version 3 is issue 9's seal, merged from its own branch
          new Migration(
              4,
              "data queries tracked across loads, per-rule counts of each load",
              "V004__queries.sql"));

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
    if (applicationId != APPLICATION_ID || !hasVersionTable) {
      throw new StoreException(
          String.format(
              Locale.ROOT,
              "%s is a SQLite database but not an odtrial store (it has no odtrial schema_version"
                  + " table); give the path of an odtrial store or of a new file",
              where));
    }
    return (int) Sql.queryLong(connection, "SELECT coalesce(max(version), 0) FROM schema_version");
  }

  /** Migrates to {@link #latestVersion()} and returns it; refuses a newer database. */
  public static int migrate(Connection connection, String where) throws SQLException {
    int current = currentVersion(connection, where);
    refuseNewer(current, where);
    if (current == latestVersion()) {
      return current;
    }
    Sql.exec(connection, "BEGIN IMMEDIATE");
    try {
      // another process may have migrated between the check and the lock
      current = currentVersion(connection, where);
      refuseNewer(current, where);
      if (current == 0) {
        Sql.exec(
            connection,
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL)");
      }
      for (Migration migration : MIGRATIONS) {
        if (migration.version() > current) {
          apply(connection, migration);
        }
      }
      Sql.exec(connection, "COMMIT");
    } catch (SQLException | RuntimeException e) {
      Sql.exec(connection, "ROLLBACK");
      throw e;
    }
    return latestVersion();
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
    for (String statement : statements(read(migration.resource()))) {
      Sql.exec(connection, statement);
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
      ps.setInt(1, migration.version());
      ps.setString(2, migration.description());
      ps.executeUpdate();
    }
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
