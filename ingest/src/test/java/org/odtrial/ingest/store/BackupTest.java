package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * The backup docs/deployment.md gives: {@code pg_dump --format=custom --schema=main} of a store
 * with loads, events and roles, restored with {@code pg_restore} into a new database, is intact
 * with the same chain head, and keeps its privileges and row-level security.
 */
class BackupTest {
  private static final Instant T1 = Instant.parse("2026-05-01T09:00:00Z");

  @TempDir Path tmp;

  @Test
  void aPgDumpRestoredIntoANewDatabaseVerifiesWithTheSameChainHead() throws Exception {
    PostgresServer server = PostgresServer.require();
    String original = server.newDatabase();
    String restored = server.newDatabase();
    String head;
    try (TrialStore store = PostgresTrialStoreTest.openAsOwner(server, original)) {
      Upload.small().loadInto(store, T1);
      store.initRoles(T1, "dba", Map.of());
      store.lock(T1, "tm", "database lock");
      head = store.verify().head();
    }
    Path dump = tmp.resolve("trial.dump");
    run(
        server,
        List.of(
            server.program("pg_dump").toString(),
            "--format=custom",
            "--schema=main",
            "--file=" + dump,
            "--dbname=" + dbname(server, original)));
    run(
        server,
        List.of(
            server.program("pg_restore").toString(),
            "--exit-on-error",
            "--dbname=" + dbname(server, restored),
            dump.toString()));
    try (TrialStore store = PostgresTrialStoreTest.openAsOwner(server, restored)) {
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.head()).isEqualTo(head);
      assertThat(store.loads()).hasSize(1);
      assertThat(store.lockState()).isPresent();
    }
    try (Connection c = server.superuser(restored);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT has_column_privilege('odtrial_blinded_statistician', 'main.clusters',"
                    + " 'arm', 'SELECT'), has_column_privilege('odtrial_blinded_statistician',"
                    + " 'main.clusters', 'site_id', 'SELECT'), (SELECT relrowsecurity FROM"
                    + " pg_class WHERE oid = 'main.participants'::regclass)")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isFalse();
      assertThat(rs.getBoolean(2)).isTrue();
      assertThat(rs.getBoolean(3)).isTrue();
    }
  }

  private static String dbname(PostgresServer server, String database) {
    return "postgresql://"
        + PostgresServer.SUPERUSER
        + "@127.0.0.1:"
        + server.port()
        + "/"
        + database;
  }

  private static void run(PostgresServer server, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", PostgresServer.SUPERUSER_PASSWORD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
