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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.internal.RecordHasher;
import org.odtrial.ingest.store.internal.Seals;

/**
 * Every change a plain-SQL user can make to a store (UPDATE, DELETE or INSERT on any record, load,
 * warning, seal or history row; a dropped table; a changed type) is caught by {@code verify}, which
 * names the first broken link; rewriting the last load together with its seal is caught by the
 * chain head recorded outside the store.
 */
class TamperTest {
  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir static Path shared;
  @TempDir Path tmp;

  /** A store with two loads, a blinding key, a lock, an unblinding and a later event. */
  private static Path original;

  /** The chain head after the lock (as printed for the trial master file). */
  private static String anchor;

  @BeforeAll
  static void buildStore() throws IOException {
    Path upload = Path.of("src/test/resources/example-trial").toAbsolutePath();
    Path changed = shared.resolve("changed");
    Files.createDirectories(changed);
    for (TrialFile f : TrialFile.values()) {
      Files.copy(upload.resolve(f.fileName()), changed.resolve(f.fileName()));
    }
    // load 2 changes one score and removes the last network meeting
    Path outcomes = changed.resolve("outcomes.csv");
    Files.writeString(
        outcomes,
        Files.readString(outcomes)
            .replace("S0001,QPR,0,2019-10-09,29", "S0001,QPR,0,2019-10-09,30"));
    Path meetings = changed.resolve("network_meetings.csv");
    List<String> lines = Files.readAllLines(meetings);
    Files.write(meetings, lines.subList(0, lines.size() - 1));

    original = shared.resolve("trial.db");
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    assertThat(ingestor.ingest(upload, original).outcome()).isEqualTo(IngestResult.Outcome.STORED);
    assertThat(ingestor.ingest(changed, original).outcome()).isEqualTo(IngestResult.Outcome.STORED);
    try (TrialStore store = TrialStore.open(original)) {
      store.blindedOdLabel(T1, "dm");
      store.lock(T1, "dm", "database lock for the final analysis");
      anchor = store.verify().head();
      store.unblind(T1, "stat", "final analysis", false);
      store.recordEvent("unblinded-report", T1, "stat", "report of load 2");
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.entries()).isEqualTo(6);
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

  private static Verification verify(Path db) {
    try (TrialStore store = TrialStore.open(db)) {
      return store.verify();
    }
  }

  record Tamper(String name, String sql, Integer load, String table, String record) {
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
    return t;
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
        "DELETE FROM seals WHERE seq > 4");
    Verification v = verify(db);
    assertThat(v.intact()).isTrue();
    assertThat(v.positionOf(anchor)).contains(4);
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
        "DROP TABLE queries",
        "DROP TABLE query_revisions",
        "DROP TABLE load_rule_counts",
        "DROP INDEX load_findings_query",
        "ALTER TABLE load_findings DROP COLUMN query_id",
        "ALTER TABLE load_findings DROP COLUMN root_id",
        "DELETE FROM schema_version WHERE version >= 3");
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(4);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.entries()).isEqualTo(7); // 2 loads, 4 events, and the upgrade itself
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
        "DELETE FROM schema_version WHERE version = 3");
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.schemaVersion()).isEqualTo(4);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.entries()).isEqualTo(7); // 2 loads, 4 events, and the upgrade itself
      assertThat(store.history().get(4).event()).isEqualTo("sealed-on-upgrade");
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
      assertThat(rs.getString(1)).isEqualTo("1,2,3,4");
    }
  }

  @Test
  void anIntactStoreVerifiesAndPrintsItsHead() {
    Verification v = verify(original);
    assertThat(v.intact()).isTrue();
    assertThat(v.loads()).isEqualTo(2);
    assertThat(v.events()).isEqualTo(4);
    assertThat(v.head()).hasSize(64).isEqualTo(v.links().get(5));
    assertThat(v.positionOf(anchor)).contains(4);
    assertThat(v.positionOf(anchor.substring(0, 16))).contains(4);
  }
}
