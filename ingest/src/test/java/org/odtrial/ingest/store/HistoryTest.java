package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blinding key and the history of events, on real SQLite files. */
class HistoryTest {
  static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
  static final Instant T2 = Instant.parse("2026-02-03T04:05:06Z");

  @TempDir Path dir;

  /** Opens the store under test; {@code PostgresHistoryTest} runs these tests on PostgreSQL. */
  TrialStore open() {
    return TrialStore.open(dir.resolve("t.odtrial"));
  }

  @Test
  void theBlindingKeyIsDrawnOnceKeptAcrossSessionsAndItsCreationRecorded() {
    String first;
    try (TrialStore store = open()) {
      assertThat(store.hasBlindingKey()).isFalse();
      first = store.blindedOdLabel(T1, "dm");
      assertThat(first).isIn("Arm A", "Arm B");
      assertThat(store.blindedOdLabel(T2, "dm")).isEqualTo(first);
    }
    try (TrialStore store = open()) {
      assertThat(store.hasBlindingKey()).isTrue();
      assertThat(store.blindedOdLabel(T2, "stat")).isEqualTo(first);
      assertThat(store.history())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.event()).isEqualTo("blinding-key-created");
                assertThat(e.at()).isEqualTo(T1);
                assertThat(e.user()).isEqualTo("dm");
                assertThat(e.detail()).doesNotContain("Arm");
              });
    }
  }

  @Test
  void unblindingRevealsTheKeyOnlyAfterTheLockAndIsRecordedWithItsReason() {
    try (TrialStore store = open()) {
      assertThat(store.unblind(T1, "stat", "too early", false)).isEmpty();
      assertThat(store.history()).isEmpty();
      String label = store.blindedOdLabel(T1, "dm");
      assertThatThrownBy(() -> store.unblind(T2, "stat", "curious", false))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("not locked")
          .extracting(e -> ((StoreException) e).kind())
          .isEqualTo(StoreException.Kind.REFUSED);
      store.lock(T2, "dm", "database locked 2026-02-03; final analysis");
      assertThat(store.unblind(T2, "stat", "final analysis", false)).contains(label);
      store.recordEvent("unblinded-report", T2, "stat", "report of load 1");
      assertThat(store.history())
          .extracting(HistoryEvent::event)
          .containsExactly("blinding-key-created", "locked", "unblinded", "unblinded-report");
      assertThat(store.history().get(2).detail()).isEqualTo("final analysis");
      assertThat(store.verify().intact()).isTrue();
      assertThat(store.chain()).hasSize(4);
    }
  }

  @Test
  void unblindingBeforeTheLockNeedsForceAndSaysSo() {
    try (TrialStore store = open()) {
      String label = store.blindedOdLabel(T1, "dm");
      assertThat(store.unblind(T2, "stat", "DSMB safety review", true)).contains(label);
      assertThat(store.history().get(1).detail())
          .isEqualTo("forced before the database lock: DSMB safety review");
    }
  }

  @Test
  void aLockedTrialCanBeUnlockedWithAReasonAndLockedAgain() {
    try (TrialStore store = open()) {
      assertThat(store.lockState()).isEmpty();
      store.lock(T1, "dm", "lock 1");
      assertThat(store.lockState()).get().extracting(HistoryEvent::detail).isEqualTo("lock 1");
      assertThatThrownBy(() -> store.lock(T2, "dm", "again"))
          .hasMessageContaining("locked already");
      store.unlock(T2, "dm", "late query from site T03");
      assertThat(store.lockState()).isEmpty();
      assertThatThrownBy(() -> store.unlock(T2, "dm", "again")).hasMessageContaining("not locked");
      store.lock(T2, "dm", "lock 2");
      assertThat(store.history())
          .extracting(HistoryEvent::event)
          .containsExactly("locked", "unlocked", "locked");
    }
  }

  /** A plain connection to the store's database, as sqlite3 or psql would make it. */
  Connection connection() throws java.sql.SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.odtrial"));
  }

  @Test
  void theKeyCanOnlyEverBeOneOfTheTwoLabels() throws Exception {
    try (TrialStore store = open()) {
      store.blindedOdLabel(T1, "dm");
    }
    try (Connection c = connection()) {
      var st = c.createStatement();
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> st.execute("INSERT INTO blinding (id, od_label) VALUES (2, 'Arm A')")))
          .isNotNull();
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> st.execute("UPDATE blinding SET od_label = 'OD'")))
          .isNotNull();
    }
  }
}
