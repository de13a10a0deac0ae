package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * Every test of {@link TrialStoreTest} on a PostgreSQL store, in a database of its own on the
 * tests' throwaway server. The tests about SQLite files are replaced by their server analogues.
 */
class PostgresTrialStoreTest extends TrialStoreTest {
  static final Map<String, String> ENV =
      Map.of("PGPASSWORD", PostgresServer.SUPERUSER_PASSWORD, "HOME", "/nonexistent");

  private PostgresServer server;
  private String database;

  @BeforeEach
  void database() {
    server = PostgresServer.require();
    database = server.newDatabase();
  }

  private String url() {
    return server.url(database, PostgresServer.SUPERUSER);
  }

  @Override
  TrialStore open() {
    return openAsOwner(server, database);
  }

  /** Every table and index of the database with a digest of its rows. */
  @Override
  String fingerprint() {
    return fingerprint(server, database);
  }

  static String fingerprint(PostgresServer server, String database) {
    StringBuilder b = new StringBuilder();
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN"
                  + " ('pg_catalog', 'information_schema') ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                    + " FROM "
                    + table
                    + " t")) {
          rs.next();
          b.append(table).append(' ').append(rs.getLong(1)).append(' ');
          b.append(rs.getString(2)).append('\n');
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog',"
                  + " 'information_schema') ORDER BY indexname")) {
        while (rs.next()) {
          b.append(rs.getString(1)).append('\n');
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return b.toString();
  }

  @Override
  List<String> indexes() throws SQLException {
    try (Connection c = server.superuser(database)) {
      return RolesTest.column(
          c,
          "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'main' ORDER BY"
              + " indexname");
    }
  }

  @Override
  @Test
  void newStoreRecordsItsSchemaVersionAndReopeningChangesNothing() throws Exception {
    try (TrialStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(TrialStore.supportedSchemaVersion());
      assertThat(store.file()).isNull();
      assertThat(store.name())
          .isEqualTo(url().replace("?user=postgres", "").replace("//", "//postgres@"));
      Upload.small().loadInto(store, T1);
    }
    String before = fingerprint();
    try (TrialStore store = open()) {
      assertThat(store.loads()).hasSize(1);
    }
    assertThat(fingerprint()).isEqualTo(before);
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT string_agg(version::text, ',' ORDER BY version) FROM"
                    + " main.schema_version")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("1,2,3,4,5,6");
    }
  }

  @Test
  void upgradingAStoreWithRolesToVersion5GrantsTheNewSealTables() throws SQLException {
    try (TrialStore store = open()) {
      store.initRoles(java.time.Instant.parse("2026-03-01T09:00:00Z"), "dba", Map.of());
    }
    // what a version-4 store with roles looks like: no seal of the query history
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE main.seal_revision_parts");
      st.execute("DROP TABLE main.seal_query_versions");
      st.execute("DROP INDEX main.queries_from");
      st.execute("ALTER TABLE main.seals DROP CONSTRAINT seals_kind_check");
      st.execute(
          "ALTER TABLE main.seals ADD CONSTRAINT seals_kind_check CHECK (kind IN ('load',"
              + " 'event'))");
      st.execute("ALTER TABLE main.loads DROP COLUMN site");
      st.execute("DELETE FROM main.schema_version WHERE version >= 5");
    }
    try (TrialStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      assertThat(store.verify().intact()).isTrue();
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT has_table_privilege('odtrial_site_data_manager',"
                    + " 'main.seal_query_versions', 'INSERT') AND"
                    + " has_table_privilege('odtrial_trial_manager', 'main.seal_revision_parts',"
                    + " 'INSERT') AND NOT has_table_privilege('odtrial_blinded_statistician',"
                    + " 'main.seal_query_versions', 'SELECT')")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  @Override
  @Test
  void aStoreFromANewerSchemaVersionIsRefusedUntouched() throws Exception {
    try (TrialStore store = open()) {
      Upload.small().loadInto(store, T1);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO main.schema_version (version, description) VALUES (99, 'from the future')");
    }
    String before = fingerprint();
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "has store schema version 99 but this odtrial knows versions up to "
                + TrialStore.supportedSchemaVersion());
    assertThat(fingerprint()).isEqualTo(before);
  }

  /** On a server: a schema main that some other application made is refused, untouched. */
  @Override
  @Test
  void aFileThatIsNotSqliteIsRefusedUntouched() throws Exception {
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA main");
      st.execute("CREATE TABLE main.notes (id integer PRIMARY KEY, body text)");
      st.execute("INSERT INTO main.notes VALUES (1, 'hello')");
    }
    String before = fingerprint();
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("has a schema main that is not an odtrial store");
    assertThat(fingerprint()).isEqualTo(before);
  }

  /** On a server: a password in the URL is refused, and not repeated in the message. */
  @Override
  @Test
  void aCsvFileGivenByMistakeIsRefused() {
    String withPassword =
        "postgresql://postgres:s3cret-in-url@127.0.0.1:" + server.port() + "/" + database;
    assertThatThrownBy(() -> TrialStore.openServer(withPassword, StoreSettings.DEFAULT, ENV))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a password in the --db URL is refused")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(
            () ->
                TrialStore.openServer(
                    url() + "&password=s3cret-in-query", StoreSettings.DEFAULT, ENV))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a password in the --db URL is refused")
        .hasMessageNotContaining("s3cret");
  }

  /** On a server: other applications' tables in the database are left alone. */
  @Override
  @Test
  void anotherApplicationsSqliteDatabaseIsRefusedUntouched() throws Exception {
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE public.notes (id integer PRIMARY KEY, body text)");
      st.execute("INSERT INTO public.notes VALUES (1, 'hello')");
    }
    try (TrialStore store = open()) {
      Upload.small().loadInto(store, T1);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, body FROM public.notes")) {
      rs.next();
      assertThat(rs.getString(2)).isEqualTo("hello");
      assertThat(rs.next()).isFalse();
    }
  }

  /** On a server: one that does not answer, or a wrong password, is a clear message. */
  @Override
  @Test
  void aDirectoryIsRefused() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                TrialStore.openServer(
                    "postgresql://127.0.0.1:" + closed + "/x", StoreSettings.DEFAULT, ENV))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot connect to postgresql://");
    assertThatThrownBy(
            () ->
                TrialStore.openServer(
                    url(), StoreSettings.DEFAULT, Map.of("PGPASSWORD", "wrong", "HOME", "/x")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("password authentication failed");
  }

  /** As psql would connect, with the store's schema on the search path (docs/storage.md). */
  @Override
  Connection plainConnection() throws SQLException {
    Connection c = server.superuser(database);
    try (Statement st = c.createStatement()) {
      st.execute("SET search_path = main");
    }
    return c;
  }

  /** The store in {@code database} as the tests' superuser (its owner). */
  static TrialStore openAsOwner(PostgresServer server, String database) {
    return TrialStore.openServer(
        server.url(database, PostgresServer.SUPERUSER), StoreSettings.DEFAULT, ENV);
  }
}
