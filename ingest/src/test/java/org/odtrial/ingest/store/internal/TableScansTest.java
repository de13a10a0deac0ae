package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.ExampleTrialLoads;
import org.odtrial.ingest.store.Verification;

/**
 * The verifier reads admissions, outcomes and network meetings at once ({@link TableScans}) on a
 * SQLite store file outside a transaction, and one after the other otherwise: both find the same,
 * and hand the reader the same records of each file in the same order, on the caller's thread.
 */
class TableScansTest {
  private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir static Path shared;
  @TempDir Path tmp;

  /** Two loads: load 2 changes a score and removes a network meeting. */
  private static Path original;

  @BeforeAll
  static void buildStore() throws Exception {
    original = ExampleTrialLoads.twoLoads(shared, T1);
  }

  private Path copy() throws Exception {
    Path db = tmp.resolve("trial.db");
    Files.copy(original, db);
    return db;
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Records as lists, compared by equals (a field-by-field comparison of each takes long). */
  private static List<List<String>> lists(List<String[]> records) {
    return records.stream().map(java.util.Arrays::asList).toList();
  }

  /** Per file, the records the reader got, and on which threads. */
  private record Pushed(Map<TrialFile, List<String[]>> records, List<Thread> threads) {}

  private static Function<TrialFile, Consumer<String[]>> collecting(Pushed p) {
    return f -> {
      List<String[]> list = new ArrayList<>();
      p.records().put(f, list);
      return v -> {
        Thread t = Thread.currentThread();
        if (!p.threads().contains(t)) {
          p.threads().add(t);
        }
        list.add(v);
      };
    };
  }

  /** Verifies reading {@code load} with the tables at once (or, inside a transaction, not). */
  private static Verifier.Read read(
      Connection c, int load, boolean oneAfterTheOther, Function<TrialFile, Consumer<String[]>> r)
      throws SQLException {
    if (!oneAfterTheOther) {
      return Verifier.verifyReading(c, load, r);
    }
    exec(c, "BEGIN");
    try {
      return Verifier.verifyReading(c, load, r);
    } finally {
      exec(c, "ROLLBACK");
    }
  }

  @Test
  void theLargeTablesAreReadAtOnceOnlyOnAStoreFileOutsideATransaction() throws Exception {
    try (Connection c = open(original)) {
      try (TableScans s = TableScans.open(c, Verifier.PARALLEL)) {
        assertThat(s).isNotNull();
      }
      exec(c, "BEGIN IMMEDIATE");
      assertThat(TableScans.open(c, Verifier.PARALLEL)).isNull();
      exec(c, "ROLLBACK");
    }
    try (Connection m = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      assertThat(TableScans.open(m, Verifier.PARALLEL)).isNull();
    }
  }

  @Test
  void atOnceAndOneAfterTheOtherFindTheSameAndReadTheSameRecords() throws Exception {
    for (int load : new int[] {1, 2}) {
      try (Connection c = open(original)) {
        Pushed atOnce = new Pushed(new EnumMap<>(TrialFile.class), new ArrayList<>());
        Pushed oneByOne = new Pushed(new EnumMap<>(TrialFile.class), new ArrayList<>());
        Verifier.Read a = read(c, load, false, collecting(atOnce));
        Verifier.Read b = read(c, load, true, collecting(oneByOne));
        assertThat(a.failure()).isNull();
        assertThat(a.verification().intact()).isTrue();
        assertThat(a.verification()).isEqualTo(b.verification());
        assertThat(atOnce.threads()).containsExactly(Thread.currentThread());
        assertThat(atOnce.records().keySet()).containsExactly(TrialFile.values());
        for (TrialFile f : TrialFile.values()) {
          assertThat(lists(atOnce.records().get(f)))
              .as("%s of load %d", f, load)
              .isNotEmpty()
              .containsExactlyElementsOf(lists(oneByOne.records().get(f)));
        }
      }
    }
  }

  @Test
  void editsInEveryLargeTableAreFoundAsOneAfterTheOtherFindsThem() throws Exception {
    Path db = copy();
    try (Connection c = open(db)) {
      exec(
          c,
          "UPDATE admissions SET setting = 'x' WHERE rowid = (SELECT max(rowid) FROM admissions)");
      exec(c, "UPDATE outcomes SET score = score + 1 WHERE rowid = 3");
      exec(c, "DELETE FROM network_meetings WHERE rowid = 2");
      exec(c, "UPDATE network_meetings SET valid_from = 9 WHERE rowid = 5");
      Verification atOnce = Verifier.verify(c);
      exec(c, "BEGIN");
      Verification oneByOne = Verifier.verify(c);
      exec(c, "ROLLBACK");
      assertThat(atOnce.intact()).isFalse();
      assertThat(atOnce).isEqualTo(oneByOne);
      assertThat(atOnce.problems())
          .extracting(Verification.Problem::table)
          .contains("admissions", "outcomes", "network_meetings");
    }
  }

  @Test
  void theFirstFailureInFileOrderIsReportedAndTheOtherFilesStillGetTheirRecords() throws Exception {
    RuntimeException admissions = new IllegalStateException("admissions");
    RuntimeException meetings = new IllegalStateException("meetings");
    try (Connection c = open(original)) {
      Pushed all = new Pushed(new EnumMap<>(TrialFile.class), new ArrayList<>());
      read(c, 2, false, collecting(all));
      for (boolean oneAfterTheOther : new boolean[] {false, true}) {
        Map<TrialFile, List<String[]>> got = new EnumMap<>(TrialFile.class);
        Verifier.Read r =
            read(
                c,
                2,
                oneAfterTheOther,
                f -> {
                  List<String[]> list = new ArrayList<>();
                  got.put(f, list);
                  return v -> {
                    list.add(v);
                    if (f == TrialFile.ADMISSIONS && list.size() == 3) {
                      throw admissions;
                    }
                    if (f == TrialFile.NETWORK_MEETINGS) {
                      throw meetings;
                    }
                  };
                });
        assertThat(r.failure()).isSameAs(admissions);
        assertThat(r.verification()).isEqualTo(Verifier.verify(c));
        assertThat(got.get(TrialFile.ADMISSIONS)).hasSize(3);
        if (!oneAfterTheOther) {
          // read at once, the files after the failing one still got theirs (one meeting: it threw)
          assertThat(lists(got.get(TrialFile.OUTCOMES)))
              .containsExactlyElementsOf(lists(all.records().get(TrialFile.OUTCOMES)));
          assertThat(got.get(TrialFile.NETWORK_MEETINGS)).hasSize(1);
        } else {
          assertThat(got).doesNotContainKey(TrialFile.OUTCOMES);
        }
      }
      Verifier.Read onlyMeetings =
          read(
              c,
              2,
              false,
              f ->
                  v -> {
                    if (f == TrialFile.NETWORK_MEETINGS) {
                      throw meetings;
                    }
                  });
      assertThat(onlyMeetings.failure()).isSameAs(meetings);
    }
  }
}
