package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.internal.RecordHasher;
import org.odtrial.ingest.store.internal.Seals;
import org.odtrial.ingest.store.internal.Verifier;

/**
 * Every change a plain-SQL user can make to a store (UPDATE, DELETE or INSERT on any record, load,
 * warning, seal or history row, data query, answer or revision of the query history; a dropped
 * table; a changed type) is caught by {@code verify}, which names the first broken link; rewriting
 * the last load together with its seal is caught by the chain head recorded outside the store. Its
 * tests run side by side (each on a copy of its own): the longest class of the module, it would
 * otherwise finish alone.
 */
@Execution(ExecutionMode.CONCURRENT)
class TamperTest {
  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir static Path shared;
  @TempDir Path tmp;

  /** A store with two loads, a blinding key, a lock, an unblinding and a later event. */
  private static Path original;

  /** The chain head after the lock (as printed for the trial master file). */
  private static String anchor;

  /** The query answered at revision 3 (after load 2), and a query left open. */
  private static String answered;

  private static String open;

  @BeforeAll
  static void buildStore() throws IOException {
    original = ExampleTrialLoads.twoLoads(shared, T1);
    try (TrialStore store = TrialStore.open(original)) {
      List<Query> queries = new ArrayList<>();
      store.queries(null, queries::add);
      List<String> pending =
          queries.stream()
              .filter(q -> q.status() == QueryStatus.OPEN || q.status() == QueryStatus.NEW)
              .map(Query::id)
              .sorted()
              .toList();
      assertThat(pending).hasSizeGreaterThan(1);
      answered = pending.get(0);
      open = pending.get(1);
      // revision 3: an answer, as `odtrial queries answer` records it
      assertThat(
              store.answer(
                  List.of(
                      new QueryAnswer(answered, QueryStatus.CONFIRMED, "checked with the site")),
                  T1,
                  "dm",
                  "answer",
                  "odtrial queries answer"))
          .isEqualTo(1);
      store.blindedOdLabel(T1, "dm");
      store.lock(T1, "dm", "database lock for the final analysis");
      anchor = store.verify().head();
      store.unblind(T1, "stat", "final analysis", false);
      store.recordEvent("unblinded-report", T1, "stat", "report of load 2");
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      // loads 1 and 2 and their query revisions, the answer, the blinding key, the lock, the
      // unblinding, the unblinded report
      assertThat(v.entries()).isEqualTo(9);
      assertThat(v.revisions()).isEqualTo(3);
    }
  }

  private Path copy() throws IOException {
    Path db = tmp.resolve("trial.db");
    Files.copy(original, db, StandardCopyOption.REPLACE_EXISTING);
    return db;
  }

  private static void sql(Path db, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }

  /**
   * The store's verification, as analyse and report make it: verifying while reading the latest
   * load (which {@link #theFusedReadVerifiesAsVerifyAndReadsAsRead} compares with verify and read).
   */
  private static Verification verify(Path db) {
    Verification fused;
    try (TrialStore store = TrialStore.open(db)) {
      fused = fusedRead(store, 2, new EnumMap<>(TrialFile.class)).verification();
    }
    assertThat(fused)
        .as("the large tables read at once find what one table after the other finds")
        .isEqualTo(oneTableAfterTheOther(db));
    return fused;
  }

  /**
   * The verification with every table read on one connection, one after the other, as the verifier
   * does inside a transaction (and on PostgreSQL).
   */
  private static Verification oneTableAfterTheOther(Path db) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("BEGIN");
      try {
        return Verifier.verify(c);
      } finally {
        st.execute("ROLLBACK");
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static VerifiedRead fusedRead(
      TrialStore store, int load, Map<TrialFile, List<String[]>> pushed) {
    VerifiedRead r =
        store.verifyReading(load, f -> pushed.computeIfAbsent(f, k -> new ArrayList<>())::add);
    assertThat(r.readerFailure()).isNull();
    assertThat(pushed.keySet()).containsExactly(TrialFile.values());
    return r;
  }

  record Tamper(String name, String sql, Integer load, String table, String record, Long revision) {
    Tamper(String name, String sql, Integer load, String table, String record) {
      this(name, sql, load, table, record, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Tamper> plainSqlEdits() {
    List<Tamper> t = new ArrayList<>();
    t.add(
        new Tamper(
            "7 points added to twenty month-12 scores",
            "UPDATE outcomes SET score = score + 7, score_text = CAST(score + 7 AS TEXT) WHERE"
                + " rowid IN (SELECT rowid FROM outcomes WHERE timepoint = 12 ORDER BY rowid LIMIT"
                + " 20)",
            1,
            "outcomes",
            "S0002 + BPRS + 12"));
    t.add(
        new Tamper(
            "one cluster's arm flipped",
            "UPDATE clusters SET arm = CASE arm WHEN 'OD' THEN 'TAU' ELSE 'OD' END WHERE cluster_id"
                + " = 'GP02'",
            1,
            "clusters",
            "GP02"));
    t.add(
        new Tamper(
            "the unblinding deleted from the history",
            "DELETE FROM history WHERE event = 'unblinded'",
            null,
            "history",
            null));
    t.add(
        new Tamper(
            "the unblinding and its seal deleted",
            "DELETE FROM history WHERE event = 'unblinded'; DELETE FROM seals WHERE kind = 'event'"
                + " AND ref = (SELECT max(ref) - 1 FROM seals WHERE kind = 'event')",
            null,
            "seals",
            null));
    t.add(
        new Tamper(
            "a participant deleted",
            "DELETE FROM participants WHERE participant_id = 'S0005'",
            1,
            "participants",
            null));
    t.add(
        new Tamper(
            "a participant added to load 1",
            "INSERT INTO participants (participant_id, cluster_id, baseline_date, age, sex,"
                + " row_hash, valid_from) SELECT 'S9999', cluster_id, baseline_date, age, sex,"
                + " row_hash, 1 FROM participants WHERE participant_id = 'S0001'",
            1,
            "participants",
            "S9999"));
    t.add(
        new Tamper(
            "a record of a load that does not exist",
            "INSERT INTO clusters (cluster_id, site_id, arm, row_hash, valid_from) VALUES ('GP99',"
                + " 'T9', 'OD', x'00', 99)",
            99,
            "clusters",
            "GP99"));
    t.add(
        new Tamper(
            "a removed meeting brought back (valid_to cleared)",
            "UPDATE network_meetings SET valid_to = NULL WHERE valid_to = 2",
            2,
            "network_meetings",
            null));
    t.add(
        new Tamper(
            "the changed score's old version made current again",
            "UPDATE outcomes SET valid_to = NULL WHERE valid_to = 2; DELETE FROM outcomes WHERE"
                + " valid_from = 2",
            2,
            "outcomes",
            null));
    t.add(
        new Tamper(
            "a load's SHA-256 replaced",
            "UPDATE loads SET upload_sha256 = '" + "0".repeat(64) + "' WHERE load = 1",
            1,
            "loads",
            null));
    t.add(
        new Tamper(
            "a load's time changed",
            "UPDATE loads SET loaded_at = '2020-01-01T00:00:00Z' WHERE load = 2",
            2,
            "loads",
            null));
    t.add(
        new Tamper(
            "a load of the whole trial made a load of one site",
            "UPDATE loads SET site = 'T1' WHERE load = 2",
            2,
            "loads",
            null));
    t.add(
        new Tamper(
            "per-file statistics changed",
            "UPDATE load_files SET rows = rows + 1 WHERE load = 1 AND file = 'outcomes.csv'",
            1,
            "load_files",
            null));
    t.add(
        new Tamper(
            "stored warnings deleted",
            "DELETE FROM load_findings WHERE load = 1",
            1,
            "load_findings",
            null));
    t.add(
        new Tamper(
            "a value's type changed",
            "UPDATE participants SET age = 'thirty' WHERE participant_id = 'S0002'",
            1,
            "participants",
            "S0002"));
    t.add(
        new Tamper(
            "a key changed",
            "UPDATE participants SET participant_id = 'S0002b' WHERE participant_id = 'S0002'",
            1,
            "participants",
            "S0002b"));
    t.add(
        new Tamper(
            "the blinding key flipped",
            "UPDATE blinding SET od_label = CASE od_label WHEN 'Arm A' THEN 'Arm B' ELSE 'Arm A'"
                + " END",
            null,
            "history",
            null));
    t.add(
        new Tamper(
            "an event added",
            "INSERT INTO history (event, at, os_user, detail) VALUES ('unlocked',"
                + " '2026-03-02T00:00:00Z', 'dm', 'x')",
            null,
            "history",
            null));
    t.add(
        new Tamper(
            "a lock's reason reworded",
            "UPDATE history SET detail = 'interim look' WHERE event = 'locked'",
            null,
            "history",
            null));
    t.add(new Tamper("every seal deleted", "DELETE FROM seals", 1, "loads", null));
    t.add(
        new Tamper(
            "a seal's digest replaced",
            "UPDATE seals SET digest = '" + "1".repeat(64) + "' WHERE seq = 1",
            1,
            "seals",
            null));
    t.add(
        new Tamper(
            "the seal parts of load 1 deleted",
            "DELETE FROM seal_parts WHERE load = 1",
            null,
            null,
            null));
    queryEdits(t);
    return t;
  }

  /** Edits of the data queries: statuses, answers, their revisions, a load's query columns. */
  private static void queryEdits(List<Tamper> t) {
    t.add(
        new Tamper(
            "an answer reworded",
            "UPDATE queries SET note = 'site says: value wrong' WHERE query_id = '"
                + answered
                + "' AND valid_to IS NULL",
            null,
            "queries",
            answered,
            3L));
    t.add(
        new Tamper(
            "an answer's status changed",
            "UPDATE queries SET status = 'will-correct' WHERE query_id = '"
                + answered
                + "' AND valid_to IS NULL",
            null,
            "queries",
            answered,
            3L));
    t.add(
        new Tamper(
            "an open query marked confirmed in place",
            "UPDATE queries SET status = 'confirmed', note = 'fine' WHERE query_id = '"
                + open
                + "' AND valid_to IS NULL",
            null,
            "queries",
            open,
            null));
    t.add(
        new Tamper(
            "an answer deleted and the version before it made current again",
            "DELETE FROM queries WHERE query_id = '"
                + answered
                + "' AND valid_from = 3; UPDATE queries SET valid_to = NULL WHERE query_id = '"
                + answered
                + "' AND valid_to = 3",
            null,
            "queries",
            answered,
            3L));
    t.add(
        new Tamper(
            "an answer inserted into an existing revision",
            "UPDATE queries SET valid_to = 3 WHERE query_id = '"
                + open
                + "' AND valid_to IS NULL; INSERT INTO queries (query_id, file, record,"
                + " column_name, rule, site, root_id, status, message, note, valid_from) SELECT"
                + " query_id, file, record, column_name, rule, site, root_id, 'confirmed', message,"
                + " 'fine', 3 FROM queries WHERE query_id = '"
                + open
                + "' AND valid_to = 3",
            null,
            "queries",
            open,
            3L));
    t.add(
        new Tamper(
            "a query deleted with its whole history",
            "DELETE FROM queries WHERE query_id = '" + open + "'",
            null,
            "queries",
            open,
            1L));
    t.add(
        new Tamper(
            "who answered changed",
            "UPDATE query_revisions SET os_user = 'pi' WHERE revision = 3",
            null,
            "query_revisions",
            null,
            3L));
    t.add(
        new Tamper(
            "a revision of the query history deleted",
            "DELETE FROM query_revisions WHERE revision = 3",
            null,
            "query_revisions",
            null,
            3L));
    t.add(
        new Tamper(
            "a revision added without a seal",
            "INSERT INTO query_revisions (revision, load, at, os_user, action, detail) VALUES (4,"
                + " 2, '2026-03-02T00:00:00Z', 'dm', 'import', 'answers.csv')",
            null,
            "query_revisions",
            null,
            4L));
    t.add(
        new Tamper(
            "a query version of a revision that does not exist",
            "UPDATE queries SET valid_from = 99 WHERE query_id = '"
                + open
                + "' AND valid_to IS NULL",
            null,
            "queries",
            open,
            null));
    t.add(
        new Tamper(
            "a warning's query id removed",
            "UPDATE load_findings SET query_id = NULL WHERE load = 2 AND query_id = '" + open + "'",
            2,
            "load_findings",
            null,
            2L));
    t.add(
        new Tamper(
            "a load's per-rule counts changed",
            "UPDATE load_rule_counts SET rows_failed = rows_failed + 1 WHERE load = 1",
            1,
            "load_rule_counts",
            null,
            1L));
    t.add(
        new Tamper(
            "the answer's seal deleted",
            "DELETE FROM seals WHERE kind = 'revision' AND ref = 3",
            null,
            "seals",
            null,
            null));
    t.add(
        new Tamper(
            "the fingerprints of the query versions deleted",
            "DELETE FROM seal_query_versions",
            null,
            null,
            null,
            null));
    t.add(
        new Tamper(
            "the seal parts of the answer deleted",
            "DELETE FROM seal_revision_parts WHERE revision = 3",
            null,
            null,
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plainSqlEdits")
  void everyPlainSqlEditIsCaughtAndNamed(Tamper t) throws Exception {
    Path db = copy();
    sql(db, t.sql().split("; "));
    Verification v = verify(db);
    if (t.table() == null) {
      // seal_parts only help name a part; the seal itself still matches
      assertThat(v.intact()).isTrue();
      return;
    }
    assertThat(v.intact()).as("%s went unnoticed", t.name()).isFalse();
    Verification.Problem first = v.firstBreak().orElseThrow();
    assertThat(first.table()).as("%s", v.problems()).isEqualTo(t.table());
    if (t.load() != null) {
      assertThat(first.load()).as("%s", v.problems()).isEqualTo(t.load());
    }
    if (t.record() != null) {
      assertThat(first.record()).as("%s", v.problems()).isEqualTo(t.record());
    }
    if (t.revision() != null) {
      assertThat(first.revision()).as("%s", v.problems()).isEqualTo(t.revision());
    }
  }

  @Test
  void anEditThatRecomputesTheRowHashIsStillCaughtByTheLoadsSeal() throws Exception {
    Path db = copy();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      String[] values;
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT participant_id, instrument, timepoint, assessed_on, score_text FROM"
                      + " outcomes WHERE participant_id = 'S0003' AND instrument = 'QPR' AND"
                      + " timepoint = 12")) {
        rs.next();
        values =
            new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), "99"};
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE outcomes SET score = 99, score_text = '99', row_hash = ? WHERE"
                  + " participant_id = 'S0003' AND instrument = 'QPR' AND timepoint = 12")) {
        ps.setBytes(1, new RecordHasher().hash(values));
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
    }
    Verification.Problem first = verify(db).firstBreak().orElseThrow();
    assertThat(first.load()).isEqualTo(1);
    assertThat(first.table()).isEqualTo("outcomes");
    assertThat(first.message()).contains("the same number of records");
  }

  @Test
  void droppingATableIsRefusedAtOpenAsATamperedStore() throws Exception {
    for (String table : List.of("admissions", "seals", "history", "load_findings")) {
      Path db = copy();
      sql(db, "DROP TABLE " + table);
      assertThatThrownBy(() -> TrialStore.open(db).close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("table " + table + " is missing")
          .extracting(e -> ((StoreException) e).kind())
          .isEqualTo(StoreException.Kind.TAMPERED);
    }
  }

  @Test
  void rewritingTheLastEntriesWithTheirSealsIsCaughtOnlyByTheRecordedHead() throws Exception {
    Path db = copy();
    // the unblinding and the report after it are removed, and with them their seals: the chain
    // that is left is whole, but no longer holds the head recorded at the time
    sql(
        db,
        "DELETE FROM history WHERE event IN ('unblinded', 'unblinded-report')",
        "DELETE FROM seals WHERE seq > 7");
    Verification v = verify(db);
    assertThat(v.intact()).isTrue();
    assertThat(v.positionOf(anchor)).contains(7);
    String laterHead;
    try (TrialStore store = TrialStore.open(original)) {
      laterHead = store.verify().head();
    }
    assertThat(v.positionOf(laterHead)).isEmpty();

    // the last load rewritten and resealed with odtrial's own code: only the anchor shows it
    Path db2 = copy();
    sql(
        db2,
        "DELETE FROM seals WHERE seq >= 2",
        "DELETE FROM seal_parts WHERE load = 2",
        "DELETE FROM history",
        "DELETE FROM blinding",
        "UPDATE outcomes SET score = 31, score_text = '31' WHERE valid_from = 2");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db2)) {
      c.setAutoCommit(false);
      Seals.sealLoad(c, 2, Map.of());
      c.commit();
    }
    Verification rewritten = verify(db2);
    assertThat(rewritten.firstBreak().map(Verification.Problem::table))
        .isEqualTo(Optional.of("outcomes")); // the row hash no longer matches
    assertThat(rewritten.positionOf(anchor)).isEmpty();
  }

  @Test
  void aStoreOfSchemaVersion2IsSealedWhenUpgradedAndSaysSo() throws Exception {
    Path db = copy();
    // what an odtrial before the seal left: the same content without the seal tables (nor the
    // query tables of version 4, which came later)
    sql(
        db,
        "DROP TABLE seals",
        "DROP TABLE seal_parts",
        "DROP TABLE seal_revision_parts",
        "DROP TABLE seal_query_versions",
        "DROP TABLE queries",
        "DROP TABLE query_revisions",
        "DROP TABLE load_rule_counts",
        "DROP INDEX load_findings_query",
        "ALTER TABLE load_findings DROP COLUMN query_id",
        "ALTER TABLE load_findings DROP COLUMN root_id",
        "ALTER TABLE loads DROP COLUMN site",
        "DELETE FROM schema_version WHERE version >= 3");
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.entries()).isEqualTo(7); // 2 loads, 4 events, and the upgrade itself
      assertThat(store.history()).hasSize(5); // no query revision to seal in version 5
      assertThat(store.history().get(4).event()).isEqualTo("sealed-on-upgrade");
      assertThat(store.history().get(4).detail())
          .contains("2 loads and 4 events", "cannot be detected");
    }
    sql(db, "UPDATE clusters SET arm = 'TAU' WHERE cluster_id = 'GP01'");
    assertThat(verify(db).firstBreak().orElseThrow().table()).isEqualTo("clusters");
  }

  @Test
  void aStoreOfTheQueryBranchBeforeTheSealGetsVersion3AndKeepsItsQueries() throws Exception {
    Path db = copy();
    int queries;
    try (TrialStore store = TrialStore.open(db)) {
      List<Query> all = new ArrayList<>();
      store.queries(null, all::add);
      queries = all.size();
    }
    assertThat(queries).isPositive();
    // what a build of the query tracking (issue 10) made before the seal was merged: versions 1, 2
    // and 4, no seal tables
    sql(
        db,
        "DROP TABLE seals",
        "DROP TABLE seal_parts",
        "DROP TABLE seal_revision_parts",
        "DROP TABLE seal_query_versions",
        "DROP INDEX queries_from",
        "ALTER TABLE loads DROP COLUMN site",
        "DELETE FROM schema_version WHERE version IN (3, 5, 6)");
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(6);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      // version 3: 2 loads, 4 events, and the upgrade itself; version 5: the 3 revisions of the
      // query history, and the upgrade itself
      assertThat(v.entries()).isEqualTo(11);
      assertThat(v.revisions()).isEqualTo(3);
      assertThat(store.history().get(4).event()).isEqualTo("sealed-on-upgrade");
      assertThat(store.history().get(5).event()).isEqualTo("sealed-on-upgrade");
      assertThat(store.history().get(5).detail())
          .contains("3 revisions of the query history", "cannot be detected");
      List<Query> all = new ArrayList<>();
      store.queries(null, all::add);
      assertThat(all).hasSize(queries);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY"
                    + " version)")) {
      assertThat(rs.getString(1)).isEqualTo("1,2,3,4,5,6");
    }
    // from now on an answer changed with plain SQL is caught
    sql(db, "UPDATE queries SET note = 'changed' WHERE query_id = '" + answered + "'");
    Verification.Problem first = verify(db).firstBreak().orElseThrow();
    assertThat(first.table()).isEqualTo("queries");
    assertThat(first.record()).isEqualTo(answered);
  }

  @Test
  void aChangedAnswerIsReportedButDoesNotStopTheAnalysisOfALoad() throws Exception {
    Path db = copy();
    sql(db, "UPDATE queries SET note = 'value wrong' WHERE query_id = '" + answered + "'");
    Verification v = verify(db);
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBreak().orElseThrow().record()).isEqualTo(answered);
    // analyse and report read the records of a load, never the query history
    assertThat(v.firstBreakAffecting(2, true)).isEmpty();
    sql(db, "UPDATE clusters SET arm = 'TAU' WHERE cluster_id = 'GP01'");
    assertThat(verify(db).firstBreakAffecting(2, true)).isPresent();
  }

  @Test
  void theFusedReadVerifiesAsVerifyAndReadsAsRead() throws Exception {
    Path db = copy();
    sql(db, "UPDATE participants SET age = 'thirty' WHERE participant_id = 'S0002'");
    for (Path p : List.of(original, db)) {
      try (TrialStore store = TrialStore.open(p)) {
        Verification v = store.verify();
        for (int load = 1; load <= 2; load++) {
          Map<TrialFile, List<String[]>> pushed = new EnumMap<>(TrialFile.class);
          assertThat(fusedRead(store, load, pushed).verification()).isEqualTo(v);
          if (p == db) {
            continue; // a tampered load is refused, whatever was read
          }
          for (TrialFile f : TrialFile.values()) {
            List<String[]> read = new ArrayList<>();
            store.read(f, load, read::add);
            assertThat(pushed.get(f))
                .as("%s of load %d", f, load)
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(read);
          }
        }
      }
    }
  }

  @Test
  void aFailingReaderStopsGettingRecordsButTheStoreIsStillVerified() {
    try (TrialStore store = TrialStore.open(original)) {
      int[] calls = new int[1];
      IllegalStateException boom = new IllegalStateException("boom");
      VerifiedRead r =
          store.verifyReading(
              2,
              f ->
                  v -> {
                    calls[0]++;
                    throw boom;
                  });
      assertThat(calls[0]).isEqualTo(1);
      assertThat(r.readerFailure()).isSameAs(boom);
      assertThat(r.verification()).isEqualTo(store.verify());
    }
  }

  @Test
  void anIntactStoreVerifiesAndPrintsItsHead() {
    Verification v = verify(original);
    assertThat(v.intact()).isTrue();
    assertThat(v.loads()).isEqualTo(2);
    assertThat(v.events()).isEqualTo(4);
    assertThat(v.head()).hasSize(64).isEqualTo(v.links().get(8));
    assertThat(v.positionOf(anchor)).contains(7);
    assertThat(v.positionOf(anchor.substring(0, 16))).contains(7);
  }
}
