package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * The roles of a trial, enforced by PostgreSQL: each role connects with plain SQL (as psql would)
 * and with odtrial, and every read and write its role forbids is refused by the server. The store
 * holds the example trial (sites T1 to T4), loaded by its owner; dm_t1 manages T1, dm_t2 T2.
 */
class RolesTest {
  private static final Instant T1 = Instant.parse("2026-04-01T09:00:00Z");
  private static final String PASSWORD = "role-test-password";
  private static final Path EXAMPLE = Path.of("src/test/resources/example-trial").toAbsolutePath();

  @TempDir static Path tmp;
  static PostgresServer server;
  static String database;

  /** Cluster ids of T1, participants of T1, as the owner sees them. */
  static Set<String> t1Clusters = new TreeSet<>();

  static Set<String> t1Participants = new TreeSet<>();

  @BeforeAll
  static void trial() throws SQLException {
    server = PostgresServer.require();
    database = server.newDatabase();
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    try (TrialStore store = owner()) {
      assertThat(ingestor.ingest(EXAMPLE, store, n -> {}).outcome())
          .isEqualTo(IngestResult.Outcome.STORED);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      for (String role : List.of("dm_t1", "dm_t2", "tm", "bstat", "ustat")) {
        st.execute("DROP ROLE IF EXISTS " + role);
        st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
      }
    }
    try (TrialStore store = owner()) {
      store.initRoles(T1, "dba", Map.of("dm_t1", List.of("T1"), "dm_t2", List.of("T2")));
      // running it again changes nothing but the history
      store.initRoles(T1, "dba", Map.of("dm_t1", List.of("T1")));
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.execute("GRANT odtrial_trial_manager TO tm");
      st.execute("GRANT odtrial_blinded_statistician TO bstat");
      st.execute("GRANT odtrial_unblinded_statistician TO ustat");
      try (ResultSet rs =
          st.executeQuery("SELECT cluster_id FROM main.clusters WHERE site_id = 'T1'")) {
        while (rs.next()) {
          t1Clusters.add(rs.getString(1));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT participant_id FROM main.participants p JOIN main.clusters c USING"
                  + " (cluster_id) WHERE c.site_id = 'T1'")) {
        while (rs.next()) {
          t1Participants.add(rs.getString(1));
        }
      }
    }
    assertThat(t1Clusters).hasSize(3);
    assertThat(t1Participants).hasSizeGreaterThan(10);
  }

  static TrialStore owner() {
    return PostgresTrialStoreTest.openAsOwner(server, database);
  }

  static TrialStore as(String role) {
    return TrialStore.openServer(
        server.url(database, role),
        StoreSettings.DEFAULT,
        Map.of("PGPASSWORD", PASSWORD, "HOME", "/nonexistent"));
  }

  static Connection psql(String role) throws SQLException {
    return server.connect(database, role, PASSWORD);
  }

  static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  static void refused(Connection c, String sql, String message) {
    assertThatThrownBy(
            () -> {
              try (Statement st = c.createStatement()) {
                st.execute(sql);
              }
            })
        .as(sql)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(message);
  }

  static int updated(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  @Test
  void aSiteDataManagerReadsOnlyTheirSitesRecordsWithPlainSql() throws SQLException {
    try (Connection c = psql("dm_t1")) {
      assertThat(column(c, "SELECT DISTINCT site_id FROM main.clusters")).containsExactly("T1");
      assertThat(new TreeSet<>(column(c, "SELECT participant_id FROM main.participants")))
          .isEqualTo(t1Participants);
      for (String table : List.of("admissions", "outcomes", "network_meetings")) {
        Set<String> seen = new HashSet<>(column(c, "SELECT participant_id FROM main." + table));
        assertThat(seen).as(table).isNotEmpty();
        assertThat(t1Participants).as(table).containsAll(seen);
      }
      refused(c, "SELECT * FROM main.blinding", "permission denied");
      refused(c, "SELECT * FROM main.site_members", "permission denied");
    }
  }

  @Test
  void aSiteDataManagerCannotWriteAnotherSiteNorChangeOrDeleteAnything() throws SQLException {
    try (Connection c = psql("dm_t1")) {
      // a participant in a cluster of T2
      refused(
          c,
          "INSERT INTO main.participants (participant_id, cluster_id, row_hash, valid_from) VALUES"
              + " ('X1', 'GP02', '\\x00', 99)",
          "row-level security");
      // another site's records are not there to close
      assertThat(
              updated(
                  c,
                  "UPDATE main.participants SET valid_to = 99 WHERE cluster_id = 'GP02' AND"
                      + " valid_to IS NULL"))
          .isZero();
      // a stored value is never changed, a version never deleted, not even one's own
      refused(c, "UPDATE main.participants SET age = 1", "permission denied");
      refused(c, "DELETE FROM main.participants", "permission denied");
      refused(c, "DELETE FROM main.loads", "permission denied");
      refused(c, "UPDATE main.seals SET link = 'x'", "permission denied");
      // a second current version of another site's participant, put in one's own cluster
      String other;
      try (Connection owner = server.superuser(database)) {
        other =
            column(
                    owner,
                    "SELECT participant_id FROM main.participants p JOIN main.clusters c USING"
                        + " (cluster_id) WHERE c.site_id = 'T2' LIMIT 1")
                .get(0);
      }
      refused(
          c,
          "INSERT INTO main.participants (participant_id, cluster_id, row_hash, valid_from) VALUES"
              + " ('"
              + other
              + "', 'GP01', '\\x00', 99)",
          "participants_current");
    }
  }

  @Test
  void dataQueriesAreSeenByTheirSiteOnly() throws SQLException {
    List<String> all;
    try (Connection c = server.superuser(database)) {
      all = column(c, "SELECT DISTINCT coalesce(site, '-') FROM main.queries ORDER BY 1");
    }
    assertThat(all).as("the example trial raises queries at several sites").hasSizeGreaterThan(2);
    try (Connection c = psql("dm_t1")) {
      assertThat(column(c, "SELECT DISTINCT coalesce(site, '-') FROM main.queries"))
          .isNotEmpty()
          .isSubsetOf("T1", "-");
      assertThat(column(c, "SELECT DISTINCT coalesce(site, '-') FROM main.load_rule_counts"))
          .isSubsetOf("T1", "-");
      refused(c, "DELETE FROM main.queries", "permission denied");
      refused(c, "UPDATE main.queries SET status = 'resolved'", "permission denied");
    }
    try (Connection c = psql("bstat")) {
      assertThat(column(c, "SELECT count(*) FROM main.queries WHERE column_name = 'arm'"))
          .containsExactly("0");
      refused(c, "UPDATE main.queries SET valid_to = 1", "permission denied");
    }
  }

  @Test
  void aSiteDataManagersAnswerIsSealedAndTheSealCannotBeRewrittenByThem() throws SQLException {
    String id;
    try (TrialStore store = as("dm_t1")) {
      List<String> ids = new ArrayList<>();
      store.queries(
          "T1",
          q -> {
            if (q.status() == QueryStatus.NEW || q.status() == QueryStatus.OPEN) {
              ids.add(q.id());
            }
          });
      assertThat(ids).isNotEmpty();
      id = ids.get(0);
      assertThat(
              store.answer(
                  List.of(new QueryAnswer(id, QueryStatus.WILL_CORRECT, "site will correct")),
                  T1,
                  "dm_t1",
                  "answer",
                  "odtrial queries answer"))
          .isPositive();
    }
    try (TrialStore store = owner()) {
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
    }
    try (Connection c = psql("dm_t1")) {
      refused(c, "DELETE FROM main.seal_query_versions", "permission denied");
      refused(c, "UPDATE main.seal_revision_parts SET rows = 0", "permission denied");
      refused(
          c,
          "UPDATE main.queries SET note = 'x' WHERE query_id = '" + id + "'",
          "permission denied");
    }
  }

  @Test
  void theBlindedStatisticianReadsEverythingButTheAllocationAndTheKey() throws SQLException {
    try (Connection c = psql("bstat")) {
      assertThat(column(c, "SELECT cluster_id FROM main.clusters WHERE valid_to IS NULL"))
          .hasSize(12);
      assertThat(column(c, "SELECT DISTINCT site_id FROM main.clusters")).hasSize(4);
      assertThat(column(c, "SELECT participant_id FROM main.participants WHERE valid_to IS NULL"))
          .hasSize(280);
      assertThat(column(c, "SELECT participant_id FROM main.outcomes WHERE valid_to IS NULL"))
          .hasSize(980);
      refused(c, "SELECT arm FROM main.clusters", "permission denied");
      refused(c, "SELECT * FROM main.clusters", "permission denied");
      refused(c, "SELECT row_hash FROM main.clusters", "permission denied");
      refused(c, "SELECT * FROM main.blinding", "permission denied");
      refused(c, "SELECT * FROM main.seal_parts", "permission denied");
      refused(c, "SELECT * FROM main.seals", "permission denied");
      refused(
          c,
          "INSERT INTO main.history (seq, event, at, os_user, detail) VALUES (99, 'x', 'x', 'x',"
              + " 'x')",
          "permission denied");
      refused(c, "UPDATE main.outcomes SET valid_to = 5", "permission denied");
    }
  }

  @Test
  void theUnblindedStatisticianReadsEverythingAndWritesNoRecord() throws SQLException {
    try (Connection c = psql("ustat")) {
      assertThat(new TreeSet<>(column(c, "SELECT arm FROM main.clusters")))
          .containsExactly("OD", "TAU");
      column(c, "SELECT * FROM main.blinding");
      column(c, "SELECT * FROM main.seal_parts");
      refused(
          c,
          "INSERT INTO main.participants (participant_id, cluster_id, row_hash, valid_from) VALUES"
              + " ('X1', 'GP01', '\\x00', 99)",
          "permission denied");
      refused(c, "UPDATE main.clusters SET valid_to = 5", "permission denied");
      refused(c, "DELETE FROM main.history", "permission denied");
    }
  }

  @Test
  void theTrialManagerReadsEverySiteAndDeletesNothing() throws SQLException {
    try (Connection c = psql("tm")) {
      assertThat(column(c, "SELECT DISTINCT site_id FROM main.clusters")).hasSize(4);
      assertThat(column(c, "SELECT participant_id FROM main.participants WHERE valid_to IS NULL"))
          .hasSize(280);
      refused(c, "DELETE FROM main.outcomes", "permission denied");
      refused(c, "UPDATE main.outcomes SET score = 0", "permission denied");
      refused(c, "TRUNCATE main.outcomes", "permission denied");
    }
  }

  @Test
  void withOdtrialEachRoleReadsWhatItMayAndIsToldWhatItMayNot() {
    try (TrialStore store = as("dm_t1")) {
      List<String[]> clusters = new ArrayList<>();
      store.read(TrialFile.CLUSTERS, 1, clusters::add);
      assertThat(clusters).extracting(r -> r[1]).containsOnly("T1");
      assertThat(store.read(TrialFile.PARTICIPANTS, 1, r -> {})).isEqualTo(t1Participants.size());
    }
    try (TrialStore store = as("bstat")) {
      assertThat(store.read(TrialFile.PARTICIPANTS, 1, r -> {})).isEqualTo(280);
      assertThatThrownBy(() -> store.read(TrialFile.CLUSTERS, 1, r -> {}))
          .isInstanceOf(StoreException.class)
          .satisfies(
              e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.FORBIDDEN))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> store.beginLoad(Upload.small().meta(T1)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("may not ingest");
      assertThatThrownBy(() -> store.lock(T1, "bstat", "no"))
          .isInstanceOf(StoreException.class)
          .satisfies(
              e ->
                  assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.FORBIDDEN));
    }
    try (TrialStore store = as("ustat")) {
      assertThat(store.read(TrialFile.CLUSTERS, 1, r -> {})).isEqualTo(12);
      assertThat(store.verify().intact()).isTrue();
      assertThatThrownBy(() -> store.beginLoad(Upload.small().meta(T1)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("may not ingest");
    }
  }

  @Test
  void aSiteDataManagerIngestsTheirSiteAndOtherSitesAreUntouched() throws IOException {
    Path upload = siteUpload("T1", tmp.resolve("t1"));
    // one changed outcome score in T1
    Path outcomes = upload.resolve("outcomes.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(outcomes, StandardCharsets.UTF_8));
    String[] cells = lines.get(1).split(",", -1);
    cells[4] = cells[4].equals("1") ? "2" : "1";
    lines.set(1, String.join(",", cells));
    Files.write(outcomes, lines, StandardCharsets.UTF_8);

    Ingestor ingestor =
        Ingestor.of("test").withClock(Clock.fixed(T1.plusSeconds(60), ZoneOffset.UTC));
    int load;
    try (TrialStore store = as("dm_t1")) {
      IngestResult r = ingestor.withUser("dm_t1").withSite("T1").ingest(upload, store, n -> {});
      assertThat(r.outcome()).as("%s", r.report()).isEqualTo(IngestResult.Outcome.STORED);
      load = r.load().load();
      assertThat(r.load().site()).isEqualTo("T1");
      assertThat(r.load().files().get(TrialFile.OUTCOMES).changed()).isEqualTo(1);
      assertThat(r.load().files().get(TrialFile.PARTICIPANTS).removed()).isZero();
    }
    try (TrialStore store = as("tm")) {
      List<String> before = otherSites(store, load - 1);
      assertThat(before).hasSizeGreaterThan(1000);
      assertThat(otherSites(store, load)).isEqualTo(before);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
    }
  }

  @Test
  void aSiteDataManagerCannotIngestAnotherSiteNorTakeAnotherSitesId() throws IOException {
    Ingestor ingestor =
        Ingestor.of("test")
            .withUser("dm_t1")
            .withClock(Clock.fixed(T1.plusSeconds(90), ZoneOffset.UTC));
    int loads;
    try (TrialStore store = as("tm")) {
      loads = store.loads().size();
    }
    // T2's records, uploaded by T1's data manager as T2: PostgreSQL refuses the rows
    Path t2 = siteUpload("T2", tmp.resolve("t2-by-dm_t1"));
    try (TrialStore store = as("dm_t1")) {
      assertThatThrownBy(() -> ingestor.withSite("T2").ingest(t2, store, n -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("row-level security");
    }
    // T1's upload with a participant id that T2 holds, which dm_t1 cannot see: the validator
    // cannot tell, and PostgreSQL's one-current-version-per-key index refuses it at commit
    Path t1 = siteUpload("T1", tmp.resolve("t1-taking-t2-id"));
    String t2Participant;
    try (TrialStore store = as("tm")) {
      List<String> ids = new ArrayList<>();
      store.read(
          TrialFile.PARTICIPANTS,
          store.latestLoad().orElseThrow().load(),
          r -> {
            if (!t1Clusters.contains(r[1])) {
              ids.add(r[0]);
            }
          });
      t2Participant = ids.get(0);
    }
    List<String[]> participants = SiteUpload.rows(t1, TrialFile.PARTICIPANTS);
    String[] copy = participants.get(1).clone();
    copy[0] = t2Participant;
    participants.add(copy);
    SiteUpload.write(t1, TrialFile.PARTICIPANTS, participants);
    try (TrialStore store = as("dm_t1")) {
      assertThatThrownBy(() -> ingestor.withSite("T1").ingest(t1, store, n -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("participants_current");
    }
    // the trial manager sees every site, so the same upload gets a precise finding instead
    try (TrialStore store = as("tm")) {
      IngestResult r = ingestor.withUser("tm").withSite("T1").ingest(t1, store, n -> {});
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.REJECTED);
      assertThat(r.report().findings())
          .anySatisfy(
              f -> {
                assertThat(f.rule()).isEqualTo("other-site");
                assertThat(f.line()).isEqualTo(participants.size());
                assertThat(f.message()).contains(t2Participant, "is already a record of site");
              });
      r.close();
      assertThat(store.loads()).hasSize(loads);
    }
  }

  @Test
  void dataManagersOfSeveralSitesIngestingAtOnceLoseNothing() throws Exception {
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      for (String role : List.of("dm_t3", "dm_t4")) {
        st.execute("DROP ROLE IF EXISTS " + role);
        st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
      }
    }
    try (TrialStore store = owner()) {
      store.initRoles(T1, "dba", Map.of("dm_t3", List.of("T3"), "dm_t4", List.of("T4")));
    }
    // each site changes the score of its first outcome record to a value of its own
    Map<String, String> scores = Map.of("T2", "7", "T3", "8", "T4", "9");
    Map<String, Path> uploads = new java.util.TreeMap<>();
    Map<String, String> changed = new java.util.TreeMap<>();
    for (String site : scores.keySet()) {
      Path upload = siteUpload(site, tmp.resolve("concurrent-" + site));
      Path outcomes = upload.resolve("outcomes.csv");
      List<String> lines = new ArrayList<>(Files.readAllLines(outcomes, StandardCharsets.UTF_8));
      String[] cells = lines.get(1).split(",", -1);
      cells[4] = scores.get(site);
      lines.set(1, String.join(",", cells));
      Files.write(outcomes, lines, StandardCharsets.UTF_8);
      uploads.put(site, upload);
      changed.put(cells[0] + "|" + cells[1] + "|" + cells[2], scores.get(site));
    }
    int before;
    try (TrialStore store = as("tm")) {
      before = store.latestLoad().orElseThrow().load();
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<IngestResult>> results = new ArrayList<>();
    for (Map.Entry<String, Path> e : uploads.entrySet()) {
      String role = "dm_" + e.getKey().toLowerCase(java.util.Locale.ROOT);
      results.add(
          pool.submit(
              () -> {
                start.await();
                try (TrialStore store = as(role)) {
                  return Ingestor.of("test")
                      .withUser(role)
                      .withSite(e.getKey())
                      .withClock(Clock.fixed(T1.plusSeconds(120), ZoneOffset.UTC))
                      .ingest(e.getValue(), store, n -> {});
                }
              }));
    }
    start.countDown();
    Set<Integer> loads = new TreeSet<>();
    for (var f : results) {
      IngestResult r = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.outcome()).as("%s", r.report()).isEqualTo(IngestResult.Outcome.STORED);
      assertThat(r.load().files().get(TrialFile.OUTCOMES).changed()).isEqualTo(1);
      loads.add(r.load().load());
    }
    pool.shutdown();
    // three loads, one after another, none lost
    assertThat(loads).containsExactly(before + 1, before + 2, before + 3);
    try (TrialStore store = as("tm")) {
      Map<String, String> latest = new java.util.TreeMap<>();
      store.read(
          TrialFile.OUTCOMES,
          before + 3,
          r -> {
            String key = r[0] + "|" + r[1] + "|" + r[2];
            if (changed.containsKey(key)) {
              latest.put(key, r[4]);
            }
          });
      assertThat(latest).isEqualTo(changed);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
    }
  }

  /** The records of sites T2 to T4 at a load. */
  private static List<String> otherSites(TrialStore store, int load) {
    List<String> records = new ArrayList<>();
    for (TrialFile file : TrialFile.values()) {
      store.read(
          file,
          load,
          r -> {
            boolean t1 =
                switch (file) {
                  case CLUSTERS -> t1Clusters.contains(r[0]);
                  case PARTICIPANTS -> t1Clusters.contains(r[1]);
                  default -> t1Participants.contains(r[file.indexOf("participant_id")]);
                };
            if (!t1) {
              records.add(file + ":" + String.join(",", java.util.Arrays.asList(r)));
            }
          });
    }
    return records;
  }

  /** The example trial's files with only the records of one site. */
  static Path siteUpload(String site, Path into) {
    return SiteUpload.split(EXAMPLE, site, into);
  }
}
