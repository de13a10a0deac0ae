package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * The whole pipeline, ingest then analyse, on the sample trial in a SQLite file and in a PostgreSQL
 * database: every output of analyse is the same, byte for byte. The command line gets the server's
 * password as a user would, from a password file ({@link ServerStore}), never on the command line.
 */
class BothStoresPipelineTest {
  @TempDir static Path tmp;
  static String url;

  @BeforeAll
  static void server() {
    url = ServerStore.newDatabase();
  }

  @Test
  void ingestAndAnalyseGiveByteIdenticalOutputsFromSqliteAndPostgresql() throws IOException {
    // on SQLite, the same two ingests are IngestCommandTest's
    Run ingest = Run.of("ingest", SampleData.CLEAN.toString(), "--db", url);
    assertThat(ingest.exit()).as(ingest.all()).isZero();
    assertThat(ingest.out()).contains("Stored load 1 in ");
    Run again = Run.of("ingest", SampleData.CLEAN.toString(), "--db", url);
    assertThat(again.out()).contains("Unchanged");
    // from SQLite: analyse of the same upload ingested into a SQLite store, once per JVM (and not
    // --quiet, which must not change a byte either)
    Path a = IngestedSample.analysed().dir();
    Path b = tmp.resolve("from-postgresql");
    Run rb = Run.of("analyse", "--db", url, "--out", b.toString(), "--quiet");
    assertThat(rb.exit()).as(rb.all()).isZero();
    try (var files = Files.list(a)) {
      for (Path f : files.sorted().toList()) {
        assertThat(Files.readAllBytes(b.resolve(f.getFileName())))
            .as("%s", f.getFileName())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
    assertThat(a.resolve("results.json")).isRegularFile();

    Run verify = Run.of("verify", "--db", url);
    assertThat(verify.exit()).as(verify.all()).isZero();
    Run loads = Run.of("loads", "--db", url);
    assertThat(loads.exit()).as(loads.all()).isZero();
    assertThat(loads.all()).doesNotContain(PostgresServer.SUPERUSER_PASSWORD);
  }

  @Test
  void initRolesSetsUpTheRolesOnAServerAndIsRefusedForAFile() throws Exception {
    Run file = Run.of("init-roles", "--db", tmp.resolve("x.odtrial").toString());
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).contains("a SQLite file has no database roles");

    PostgresServer server = PostgresServer.require();
    try (var c = server.superuser("postgres");
        var st = c.createStatement()) {
      st.execute("DROP ROLE IF EXISTS cli_dm_t3");
      st.execute("CREATE ROLE cli_dm_t3 LOGIN");
    }
    Run bad = Run.of("init-roles", "--db", url, "--site-manager", "cli_dm_t3");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--site-manager must be ROLE=SITE");
    Run r = Run.of("init-roles", "--db", url, "--site-manager", "cli_dm_t3=T03");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Roles set up on postgresql://", "cli_dm_t3 (T03)");
    Run history = Run.of("history", "--db", url);
    assertThat(history.out()).contains("roles-set-up");
  }

  /** Every table of the store's schema with a digest of all its rows. */
  private static String rows(String database) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = PostgresServer.require().superuser(database);
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                  + " ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))"
                    + " FROM main."
                    + t
                    + " r")) {
          rs.next();
          b.append(t).append(' ').append(rs.getLong(1)).append(' ').append(rs.getString(2));
          b.append('\n');
        }
      }
    }
    return b.toString();
  }

  @Test
  void badUploadsAndMisuseLeaveEveryRowOfAServerStoreAsItWas() throws Exception {
    String store = ServerStore.newDatabase();
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", store).exit()).isZero();
    String database = store.substring(store.lastIndexOf('/') + 1, store.indexOf('?'));
    String before = rows(database);
    assertThat(before).contains("\nparticipants 600 ");

    Path missing = SampleData.copy(SampleData.NEXT, tmp.resolve("missing-file"));
    Files.delete(missing.resolve("outcomes.csv"));
    Path quote = SampleData.copy(SampleData.NEXT, tmp.resolve("open-quote"));
    Files.writeString(
        quote.resolve("participants.csv"), "P9999,\"never closed\n", StandardOpenOption.APPEND);
    for (Path upload : List.of(SampleData.DIRTY, missing, quote)) {
      Run r = Run.of("ingest", upload.toString(), "--db", store, "--format", "json");
      assertThat(r.exit()).as("%s: %s", upload, r.all()).isEqualTo(1);
      assertThat(rows(database)).as("%s", upload).isEqualTo(before);
    }
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Run run = Run.of("run", SampleData.NEXT.toString(), "--db", store, "--out", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(rows(database)).isEqualTo(before);
  }

  @Test
  void aServerStoreWithoutLoadsIsNamedByItsUrl() {
    String empty = ServerStore.newDatabase();
    for (String command : List.of("analyse", "report")) {
      Run r = Run.of(command, "--db", empty, "--out", tmp.resolve("none").toString());
      assertThat(r.exit()).as(r.all()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "postgresql://", " holds no load yet: run 'odtrial ingest DIR --db postgresql://")
          .doesNotContain("null");
      Run load =
          Run.of(command, "--db", empty, "--out", tmp.resolve("none").toString(), "--load", "3");
      assertThat(load.err()).contains("there is no load 3 in postgresql://").doesNotContain("null");
    }
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedAndNotEchoed() {
    Run r =
        Run.of("loads", "--db", url.replace("?user=postgres", "?user=postgres&password=hunter2"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a password in the --db URL is refused");
    assertThat(r.all()).doesNotContain("hunter2");
  }
}
