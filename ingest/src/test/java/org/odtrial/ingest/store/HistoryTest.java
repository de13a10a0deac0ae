package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blinding key and the history of events, on real SQLite files. */
class HistoryTest {
  private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant T2 = Instant.parse("2026-02-03T04:05:06Z");

  @TempDir Path dir;

  @Test
  void theBlindingKeyIsDrawnOnceKeptAcrossSessionsAndItsCreationRecorded() {
    Path db = dir.resolve("t.odtrial");
    String first;
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.hasBlindingKey()).isFalse();
      first = store.blindedOdLabel(T1, "dm");
      assertThat(first).isIn("Arm A", "Arm B");
      assertThat(store.blindedOdLabel(T2, "dm")).isEqualTo(first);
    }
    try (TrialStore store = TrialStore.open(db)) {
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
  void unblindingRevealsTheKeyAndIsRecordedWithItsReason() {
    try (TrialStore store = TrialStore.open(dir.resolve("t.odtrial"))) {
      assertThat(store.unblind(T1, "stat", "too early")).isEmpty();
      assertThat(store.history()).isEmpty();
      String label = store.blindedOdLabel(T1, "dm");
      assertThat(store.unblind(T2, "stat", "database locked")).contains(label);
      store.recordEvent("unblinded-report", T2, "stat", "report of load 1");
      assertThat(store.history())
          .extracting(HistoryEvent::event)
          .containsExactly("blinding-key-created", "unblinded", "unblinded-report");
      assertThat(store.history().get(1).detail()).isEqualTo("database locked");
    }
  }

  @Test
  void theKeyCanOnlyEverBeOneOfTheTwoLabels() throws Exception {
    Path db = dir.resolve("t.odtrial");
    try (TrialStore store = TrialStore.open(db)) {
      store.blindedOdLabel(T1, "dm");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
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
