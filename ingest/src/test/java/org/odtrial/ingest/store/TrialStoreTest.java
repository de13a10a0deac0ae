package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.Severity;

class TrialStoreTest {
  static final Instant T1 = Instant.parse("2026-01-05T09:00:00Z");
  static final Instant T2 = Instant.parse("2026-02-05T09:30:00Z");
  static final Instant T3 = Instant.parse("2026-03-05T10:00:00.123Z");

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("trial.odtrial");
  }

  /** Opens the store under test; {@code PostgresTrialStoreTest} runs these tests on PostgreSQL. */
  TrialStore open() {
    return TrialStore.open(db());
  }

  /** A connection to the store's database as sqlite3 (or psql) would make it. */
  Connection plainConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db());
  }

  /** A digest of everything the store holds, to show that something left it untouched. */
  String fingerprint() throws IOException {
    return sha256(db());
  }

  @Test
  void firstLoadReadsBackEveryValueExactlyAsUploadedInKeyOrder() {
    Upload upload = Upload.small();
    try (TrialStore store = open()) {
      LoadResult result = upload.loadInto(store, T1);

      assertThat(result.load()).isEqualTo(1);
      for (TrialFile file : TrialFile.values()) {
        int n = upload.records(file).size();
        assertThat(result.info().files().get(file))
            .isEqualTo(new FileStats(upload.sha256(file), n, n, 0, 0));
        assertThat(read(store, file, 1)).containsExactlyElementsOf(upload.sorted(file));
      }
    }
  }

  @Test
  void storedLoadsSurviveClosingAndReopening() {
    Upload upload = Upload.small();
    try (TrialStore store = open()) {
      upload.loadInto(store, T1);
    }
    try (TrialStore store = open()) {
      for (TrialFile file : TrialFile.values()) {
        assertThat(read(store, file, 1)).containsExactlyElementsOf(upload.sorted(file));
      }
    }
  }

  @Test
  void identicalSecondUploadIsRecognisedAndChangesNothing() {
    Upload upload = Upload.small();
    try (TrialStore store = open()) {
      assertThat(store.sha256OfLatest()).isEmpty();
      upload.loadInto(store, T1);
      assertThat(store.sha256OfLatest()).contains(upload.meta(T2).uploadSha256());

      LoadResult second = upload.copy().loadInto(store, T2);

      assertThat(second.load()).isEqualTo(2);
      assertThat(second.unchanged()).isTrue();
      for (TrialFile file : TrialFile.values()) {
        assertThat(second.info().files().get(file).rows()).isEqualTo(upload.records(file).size());
        assertThat(read(store, file, 2)).containsExactlyElementsOf(read(store, file, 1));
      }
    }
  }

  @Test
  void changedUploadCountsAddedChangedAndRemovedPerFile() {
    Upload first = Upload.small();
    Upload second =
        first
            .copy()
            .set(TrialFile.PARTICIPANTS, "P001", "age", "32")
            .set(TrialFile.PARTICIPANTS, "P003", "withdrawn_on", null)
            .remove(TrialFile.PARTICIPANTS, "P004")
            .add(
                TrialFile.PARTICIPANTS,
                "P005",
                "GP02",
                "2019-04-01",
                "50",
                "female",
                null,
                null,
                null,
                "2021-04-01",
                null,
                null)
            .add(
                TrialFile.PARTICIPANTS,
                "P006",
                "GP02",
                "2019-04-02",
                "51",
                "male",
                null,
                null,
                null,
                "2021-04-02",
                null,
                null)
            .remove(TrialFile.ADMISSIONS, "E1")
            .remove(TrialFile.ADMISSIONS, "E2")
            // only the written form changes: still a change, stored exactly
            .set(TrialFile.NETWORK_MEETINGS, "M2", "practitioners", "2");
    second.records(TrialFile.OUTCOMES).get(0)[4] = "33.5";

    try (TrialStore store = open()) {
      first.loadInto(store, T1);
      LoadResult result = second.loadInto(store, T2);

      assertThat(result.info().files().get(TrialFile.CLUSTERS))
          .isEqualTo(new FileStats(second.sha256(TrialFile.CLUSTERS), 2, 0, 0, 0));
      assertThat(result.info().files().get(TrialFile.PARTICIPANTS))
          .isEqualTo(new FileStats(second.sha256(TrialFile.PARTICIPANTS), 5, 2, 2, 1));
      assertThat(result.info().files().get(TrialFile.ADMISSIONS))
          .isEqualTo(new FileStats(second.sha256(TrialFile.ADMISSIONS), 0, 0, 0, 2));
      assertThat(result.info().files().get(TrialFile.OUTCOMES))
          .isEqualTo(new FileStats(second.sha256(TrialFile.OUTCOMES), 7, 0, 1, 0));
      assertThat(result.info().files().get(TrialFile.NETWORK_MEETINGS))
          .isEqualTo(new FileStats(second.sha256(TrialFile.NETWORK_MEETINGS), 2, 0, 1, 0));
      assertThat(result.unchanged()).isFalse();
      for (TrialFile file : TrialFile.values()) {
        assertThat(read(store, file, 2)).containsExactlyElementsOf(second.sorted(file));
      }
    }
  }

  @Test
  void readingAnEarlierLoadAfterLaterOnesReturnsExactlyThatLoadsRecords() {
    Upload first = Upload.small();
    Upload second =
        first
            .copy()
            .set(TrialFile.PARTICIPANTS, "P002", "diagnosis", "anxiety")
            .remove(TrialFile.PARTICIPANTS, "P001")
            .remove(TrialFile.NETWORK_MEETINGS, "M1");
    // the third brings back what the second removed, and the second's change is undone
    Upload third =
        first.copy().add(TrialFile.ADMISSIONS, "E3", "P002", "inpatient", "2019-09-01", null, "no");

    try (TrialStore store = open()) {
      first.loadInto(store, T1);
      second.loadInto(store, T2);
      LoadResult last = third.loadInto(store, T3);

      assertThat(last.info().files().get(TrialFile.PARTICIPANTS))
          .isEqualTo(new FileStats(third.sha256(TrialFile.PARTICIPANTS), 4, 1, 1, 0));
      for (TrialFile file : TrialFile.values()) {
        assertThat(read(store, file, 1)).containsExactlyElementsOf(first.sorted(file));
        assertThat(read(store, file, 2)).containsExactlyElementsOf(second.sorted(file));
        assertThat(read(store, file, 3)).containsExactlyElementsOf(third.sorted(file));
      }
    }
  }

  @Test
  void loadsRecordTheirMetadataAndStatistics() {
    Upload first = Upload.small();
    Upload second = first.copy().remove(TrialFile.CLUSTERS, "GP02");
    try (TrialStore store = open()) {
      assertThat(store.latestLoad()).isEmpty();
      first.loadInto(store, T1);
      second.loadInto(store, T3);

      List<LoadInfo> loads = store.loads();
      assertThat(loads).extracting(LoadInfo::load).containsExactly(1, 2);
      LoadInfo latest = loads.get(1);
      assertThat(store.latestLoad()).contains(latest);
      assertThat(latest.uploadSha256()).isEqualTo(second.sha256());
      assertThat(latest.loadedAt()).isEqualTo(T3);
      assertThat(latest.user()).isEqualTo("tester");
      assertThat(latest.toolVersion()).isEqualTo("1.0.0-test");
      assertThat(latest.contractVersion()).isEqualTo(TrialFile.CONTRACT_VERSION);
      assertThat(latest.files().keySet()).containsExactly(TrialFile.values());
      assertThat(latest.files().get(TrialFile.CLUSTERS))
          .isEqualTo(new FileStats(second.sha256(TrialFile.CLUSTERS), 1, 0, 0, 1));
      assertThat(loads.get(0).files().get(TrialFile.OUTCOMES).added()).isEqualTo(7);
    }
  }

  /** Two warnings a load may carry, each a data query. */
  static final List<Finding> WARNINGS =
      List.of(
          new Finding(
              Severity.WARNING,
              "outcomes.csv",
              12,
              "assessed_on",
              "P001",
              "S1",
              "visit-window",
              "assessed 120 days outside the visit window"),
          new Finding(
              Severity.WARNING,
              "network_meetings.csv",
              3,
              "practitioners",
              "M2",
              null,
              "od-practitioners",
              "an Open Dialogue meeting with fewer than 2 practitioners"));

  @Test
  void warningsAreStoredWithTheirLoad() {
    Upload upload = Upload.small();
    List<Finding> warnings = WARNINGS;
    try (TrialStore store = open()) {
      upload.loadInto(store, T1);
      try (LoadWriter writer = store.beginLoad(upload.meta(T2))) {
        upload.streamInto(writer);
        assertThat(writer.commit(warnings).warningsStored()).isEqualTo(2);
      }
      assertThat(store.warnings(1)).isEmpty();
      assertThat(store.warnings(2)).containsExactlyElementsOf(warnings);
      assertThatThrownBy(() -> store.warnings(3))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("no load 3");
    }
  }

  /** The name and definition of every index of the store, in name order. */
  List<String> indexes() throws SQLException {
    try (Connection c = plainConnection()) {
      return RolesTest.column(
          c,
          "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
              + " ORDER BY name");
    }
  }

  /**
   * A first load writes its tables and its queries without their indexes and builds them at the
   * end: the store is then indexed exactly as its schema says, and the next load finds its queries.
   */
  @Test
  void aFirstLoadLeavesEveryIndexAsTheSchemaMadeIt() throws SQLException {
    Upload upload = Upload.small();
    List<String> created;
    try (TrialStore store = open()) {
      created = indexes();
      try (LoadWriter writer = store.beginLoad(upload.meta(T1))) {
        upload.streamInto(writer);
        assertThat(writer.commit(WARNINGS).warningsStored()).isEqualTo(2);
      }
    }
    assertThat(created).anyMatch(i -> i.startsWith("queries_key: "));
    assertThat(indexes()).isEqualTo(created);
    Upload second = upload.copy().set(TrialFile.PARTICIPANTS, "P001", "age", "33");
    try (TrialStore store = open()) {
      try (LoadWriter writer = store.beginLoad(second.meta(T2))) {
        second.streamInto(writer);
        writer.commit(WARNINGS.subList(0, 1));
      }
      // the first warning raised again stays open, the second is resolved
      assertThat(store.queryCounts())
          .isEqualTo(
              Map.of("S1", Map.of(QueryStatus.OPEN, 1L), "", Map.of(QueryStatus.RESOLVED, 1L)));
    }
    assertThat(indexes()).isEqualTo(created);
  }

  @Test
  void anUploadWithAnErrorFindingIsRolledBack() throws IOException {
    Upload upload = Upload.small();
    try (TrialStore store = open()) {
      upload.loadInto(store, T1);
    }
    String before = fingerprint();
    try (TrialStore store = open()) {
      LoadWriter writer = store.beginLoad(upload.meta(T2));
      upload.streamInto(writer);
      Finding error =
          new Finding(
              Severity.ERROR, "participants.csv", 4, "age", "P002", "S1", "range", "too old");
      assertThatThrownBy(() -> writer.commit(List.of(error)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("errors cannot be stored");
      assertThat(store.loads()).hasSize(1);
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void duplicateKeysAreRefusedOnFirstAndLaterLoads() throws IOException {
    Upload duplicated = Upload.small();
    duplicated.add(TrialFile.OUTCOMES, "P001", "QPR", "12", "2020-02-02", "41");
    try (TrialStore store = open()) {
      assertThatThrownBy(() -> duplicated.loadInto(store, T1))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(
              "outcomes.csv has two or more records with the same participant_id + instrument"
                  + " + timepoint");
      assertThat(store.loads()).isEmpty();
      Upload.small().loadInto(store, T1);
    }
    String before = fingerprint();
    try (TrialStore store = open()) {
      assertThatThrownBy(() -> duplicated.loadInto(store, T2))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("outcomes.csv has two or more records");
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aRecordWithoutKeyIsRefusedNamingFileAndLine() {
    try (TrialStore store = open();
        LoadWriter writer = store.beginLoad(Upload.small().meta(T1))) {
      String[] values = {"P009", "QPR", "six", "2019-01-01", "3"};
      assertThatThrownBy(() -> writer.accept(TrialFile.OUTCOMES, 17, values))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "outcomes.csv line 17: key column timepoint has no usable value; the record cannot be"
                  + " stored");
      // the load cannot be committed without the refused record
      Upload.small().streamInto(writer);
      assertThatThrownBy(() -> writer.commit(List.of()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("a record could not be stored (outcomes.csv line 17");
      assertThat(store.loads()).isEmpty();
    }
  }

  @Test
  void abortLeavesTheDatabaseFileByteIdentical() throws IOException {
    try (TrialStore store = open()) {
      // nothing loaded yet: the writer writes the tables directly
      String empty = fingerprint();
      LoadWriter writer = store.beginLoad(Upload.small().meta(T1));
      Upload.small().streamInto(writer);
      writer.abort();
      assertThat(fingerprint()).isEqualTo(empty);
      assertThat(store.loads()).isEmpty();

      Upload.small().loadInto(store, T1);
      String loaded = fingerprint();
      // a later load stages and merges: abort after streaming everything
      Upload changed = Upload.small().remove(TrialFile.PARTICIPANTS, "P001");
      try (LoadWriter second = store.beginLoad(changed.meta(T2))) {
        changed.streamInto(second);
        second.abort();
      }
      assertThat(fingerprint()).isEqualTo(loaded);
      // closing an uncommitted writer aborts it too
      try (LoadWriter third = store.beginLoad(changed.meta(T2))) {
        changed.streamInto(third);
      }
      assertThat(fingerprint()).isEqualTo(loaded);
      assertThat(store.loads()).hasSize(1);
    }
  }

  @Test
  void otherCallsAreRefusedWhileALoadIsOpen() {
    try (TrialStore store = open()) {
      LoadWriter writer = store.beginLoad(Upload.small().meta(T1));
      assertThatThrownBy(store::loads)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("load 1 is open");
      assertThatThrownBy(() -> store.beginLoad(Upload.small().meta(T1)))
          .isInstanceOf(StoreException.class);
      writer.abort();
      assertThat(store.loads()).isEmpty();
      assertThatThrownBy(() -> writer.commit(List.of()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already committed or aborted");
    }
  }

  @Test
  void newStoreRecordsItsSchemaVersionAndReopeningChangesNothing() throws Exception {
    try (TrialStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(TrialStore.supportedSchemaVersion());
      Upload.small().loadInto(store, T1);
    }
    String before = fingerprint();
    try (TrialStore store = open()) {
      assertThat(store.loads()).hasSize(1);
    }
    assertThat(fingerprint()).isEqualTo(before);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = c.createStatement()) {
      var rs =
          st.executeQuery(
              "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY"
                  + " version)");
      assertThat(rs.getString(1)).isEqualTo("1,2,3,4,5,6");
      rs = st.executeQuery("PRAGMA application_id");
      assertThat(rs.getInt(1)).isEqualTo(0x6F647472);
    }
  }

  @Test
  void aStoreFromANewerSchemaVersionIsRefusedUntouched() throws Exception {
    try (TrialStore store = open()) {
      Upload.small().loadInto(store, T1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");
    }
    String before = fingerprint();

    assertThatThrownBy(() -> open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "has store schema version 99 but this odtrial knows versions up to "
                + TrialStore.supportedSchemaVersion());
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedUntouched() throws Exception {
    byte[] garbage = new byte[8192];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(db(), garbage);

    assertThatThrownBy(() -> open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(
            "is not an odtrial store, or is damaged: it is not a readable SQLite database");
    assertThat(Files.readAllBytes(db())).isEqualTo(garbage);
  }

  @Test
  void aCsvFileGivenByMistakeIsRefused() throws IOException {
    Files.writeString(db(), "participant_id,cluster_id\nP001,GP01\n");

    assertThatThrownBy(() -> open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a readable SQLite database");
  }

  @Test
  void anotherApplicationsSqliteDatabaseIsRefusedUntouched() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
      st.executeUpdate("INSERT INTO notes (text) VALUES ('hello')");
    }
    String before = fingerprint();

    assertThatThrownBy(() -> open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is a SQLite database but not an odtrial store");
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aDirectoryIsRefused() throws Exception {
    assertThatThrownBy(() -> TrialStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void readingALoadThatDoesNotExistIsRefused() {
    try (TrialStore store = open()) {
      Upload.small().loadInto(store, T1);
      assertThatThrownBy(() -> store.read(TrialFile.CLUSTERS, 2, r -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("has no load 2 (loads: 1)");
    }
  }

  @Test
  void theDocumentedPlainSqlReadsTheSameRecordsAsTheStore() throws SQLException {
    Upload first = Upload.small();
    Upload second =
        first
            .copy()
            .remove(TrialFile.PARTICIPANTS, "P002")
            .set(TrialFile.PARTICIPANTS, "P001", "age", "33");
    try (TrialStore store = open()) {
      first.loadInto(store, T1);
      second.loadInto(store, T2);
    }
    // the query docs/storage.md gives for reading participants at load N (here N = 1)
    String sql =
        "SELECT participant_id, age FROM participants WHERE valid_from <= 1 AND (valid_to IS NULL"
            + " OR valid_to > 1) ORDER BY participant_id";
    List<String> rows = new ArrayList<>();
    try (Connection c = plainConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getLong(2));
      }
    }
    assertThat(rows).containsExactly("P001=31", "P002=27", "P003=61", "P004=44");
  }

  static List<String[]> read(TrialStore store, TrialFile file, int load) {
    List<String[]> records = new ArrayList<>();
    long n = store.read(file, load, records::add);
    assertThat(n).isEqualTo(records.size());
    return records;
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
