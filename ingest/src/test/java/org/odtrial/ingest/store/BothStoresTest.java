package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * The SQLite and the PostgreSQL store hold the same content in the same way: the same uploads give
 * the same records at every load and the same seal chain, link for link (the seal is computed over
 * values, never over either database's bytes), the query history included; on the server too, an
 * edit made with plain SQL is caught by verify.
 */
class BothStoresTest {
  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant T3 = Instant.parse("2026-03-03T09:00:00Z");

  @TempDir Path dir;
  private PostgresServer server;
  private String database;

  @BeforeEach
  void database() {
    server = PostgresServer.require();
    database = server.newDatabase();
  }

  private TrialStore sqlite() {
    return TrialStore.open(dir.resolve("trial.odtrial"));
  }

  private TrialStore postgres() {
    return PostgresTrialStoreTest.openAsOwner(server, database);
  }

  private static void history(TrialStore store) {
    Upload first = Upload.small();
    first.loadInto(store, T1);
    first
        .copy()
        .set(TrialFile.PARTICIPANTS, "P001", "age", "032")
        .remove(TrialFile.ADMISSIONS, "E1")
        .loadInto(store, T2);
    store.lock(T3, "tm", "database lock");
    store.unlock(T3, "tm", "late query");
    store.recordEvent("unblinded-report", T3, "stat", "a test event");
  }

  @Test
  void theSameUploadsGiveTheSameRecordsAndTheSameSealChainOnBoth() {
    List<String> sqliteChain = new ArrayList<>();
    List<String> postgresChain = new ArrayList<>();
    List<List<String>> sqliteRecords = new ArrayList<>();
    List<List<String>> postgresRecords = new ArrayList<>();
    String sqliteHead;
    String postgresHead;
    try (TrialStore store = sqlite()) {
      history(store);
      store.chain().forEach(e -> sqliteChain.add(e.position() + " " + e.link()));
      records(store, sqliteRecords);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      sqliteHead = v.head();
    }
    try (TrialStore store = postgres()) {
      history(store);
      store.chain().forEach(e -> postgresChain.add(e.position() + " " + e.link()));
      records(store, postgresRecords);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      postgresHead = v.head();
    }
    // 2 loads, each with its revision of the query history, and 3 events
    assertThat(postgresChain).hasSize(7).isEqualTo(sqliteChain);
    assertThat(postgresHead).isEqualTo(sqliteHead);
    assertThat(postgresRecords).isEqualTo(sqliteRecords);
  }

  private static void records(TrialStore store, List<List<String>> into) {
    for (int load = 1; load <= 2; load++) {
      for (TrialFile file : TrialFile.values()) {
        List<String> rows = new ArrayList<>();
        store.read(file, load, r -> rows.add(String.join("|", nulls(r))));
        into.add(rows);
      }
    }
  }

  private static List<String> nulls(String[] r) {
    List<String> out = new ArrayList<>();
    for (String v : r) {
      out.add(v == null ? "\\N" : v);
    }
    return out;
  }

  @Test
  void theExampleTrialIngestsIntoBothWithTheSameRecordsAndChainHead() {
    Path upload = Path.of("src/test/resources/example-trial").toAbsolutePath();
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    List<List<String>> a = new ArrayList<>();
    List<List<String>> b = new ArrayList<>();
    String headA;
    String headB;
    try (TrialStore store = sqlite()) {
      assertThat(ingestor.ingest(upload, store, n -> {}).outcome())
          .isEqualTo(IngestResult.Outcome.STORED);
      for (TrialFile file : TrialFile.values()) {
        List<String> rows = new ArrayList<>();
        store.read(file, 1, r -> rows.add(String.join("|", nulls(r))));
        a.add(rows);
      }
      headA = store.verify().head();
    }
    try (TrialStore store = postgres()) {
      assertThat(ingestor.ingest(upload, store, n -> {}).outcome())
          .isEqualTo(IngestResult.Outcome.STORED);
      assertThat(ingestor.ingest(upload, store, n -> {}).outcome())
          .isEqualTo(IngestResult.Outcome.UNCHANGED);
      for (TrialFile file : TrialFile.values()) {
        List<String> rows = new ArrayList<>();
        store.read(file, 1, r -> rows.add(String.join("|", nulls(r))));
        b.add(rows);
      }
      headB = store.verify().head();
    }
    assertThat(b).isEqualTo(a);
    assertThat(a.get(TrialFile.OUTCOMES.ordinal())).hasSizeGreaterThan(100);
    assertThat(headB).isEqualTo(headA);
  }

  @Test
  void anEditWithPlainSqlOnTheServerIsCaughtByVerify() throws SQLException {
    try (TrialStore store = postgres()) {
      history(store);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE main.participants SET age = 99, age_text = NULL WHERE participant_id = 'P002'");
    }
    try (TrialStore store = postgres()) {
      Verification v = store.verify();
      assertThat(v.intact()).isFalse();
      Verification.Problem first = v.firstBreak().orElseThrow();
      assertThat(first.table()).isEqualTo("participants");
      assertThat(first.record()).isEqualTo("P002");
    }
  }

  /** Ingests the example trial (which raises data queries) and answers its first pending query. */
  private static String exampleTrialWithAnAnswer(TrialStore store) {
    Path upload = Path.of("src/test/resources/example-trial").toAbsolutePath();
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    assertThat(ingestor.ingest(upload, store, n -> {}).outcome())
        .isEqualTo(IngestResult.Outcome.STORED);
    List<String> ids = new ArrayList<>();
    store.queries(null, q -> ids.add(q.id()));
    String id = ids.stream().sorted().findFirst().orElseThrow();
    store.answer(
        List.of(new QueryAnswer(id, QueryStatus.CONFIRMED, "checked with the site")),
        T2,
        "dm",
        "answer",
        "odtrial queries answer");
    return id;
  }

  @Test
  void theQueryHistoryIsSealedAlikeOnBothAndAnAnswerEditedOnTheServerIsCaught()
      throws SQLException {
    String sqliteHead;
    String answered;
    try (TrialStore store = sqlite()) {
      answered = exampleTrialWithAnAnswer(store);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.revisions()).isEqualTo(2);
      sqliteHead = v.head();
    }
    try (TrialStore store = postgres()) {
      assertThat(exampleTrialWithAnAnswer(store)).isEqualTo(answered);
      Verification v = store.verify();
      assertThat(v.intact()).as("%s", v.problems()).isTrue();
      assertThat(v.head()).isEqualTo(sqliteHead);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE main.queries SET note = 'value wrong' WHERE query_id = '"
              + answered
              + "' AND valid_to IS NULL");
    }
    try (TrialStore store = postgres()) {
      Verification.Problem first = store.verify().firstBreak().orElseThrow();
      assertThat(first.table()).isEqualTo("queries");
      assertThat(first.record()).isEqualTo(answered);
      assertThat(first.revision()).isEqualTo(2L);
    }
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE main.query_revisions SET os_user = 'pi' WHERE revision = 2");
      st.executeUpdate(
          "UPDATE main.queries SET note = 'checked with the site' WHERE note IS NOT NULL");
    }
    try (TrialStore store = postgres()) {
      Verification.Problem first = store.verify().firstBreak().orElseThrow();
      assertThat(first.table()).isEqualTo("query_revisions");
      assertThat(first.revision()).isEqualTo(2L);
    }
  }

  @Test
  void aLockedTrialOnTheServerRefusesIngest() {
    try (TrialStore store = postgres()) {
      Upload.small().loadInto(store, T1);
      store.lock(T2, "tm", "database lock");
      assertThatThrownBy(() -> store.beginLoad(Upload.small().meta(T3)))
          .isInstanceOf(StoreException.class)
          .satisfies(
              e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.LOCKED));
      assertThat(store.loads()).hasSize(1);
    }
  }
}
