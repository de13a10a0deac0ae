package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/**
 * SQLite takes a table's rows many to an INSERT statement, the last rows of a batch one to a
 * statement: whatever the number of records (just under, at and just over a statement's rows and a
 * batch's), every record must be stored once, exactly, and in the order it came, in a first load
 * (written directly) and in a later one (through the staging table).
 */
class RowsPerStatementTest {
  private static final Instant T1 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-02-05T09:30:00Z");

  /** Records per file, around 64 rows a statement and 2,048 a batch. */
  private static final Map<TrialFile, Integer> COUNTS =
      Map.of(
          TrialFile.CLUSTERS, 1,
          TrialFile.PARTICIPANTS, 63,
          TrialFile.ADMISSIONS, 65,
          TrialFile.OUTCOMES, 2048 + 64 + 1,
          TrialFile.NETWORK_MEETINGS, 2047);

  @TempDir Path dir;

  @Test
  void everyRecordIsStoredOnceInTheOrderItCame() throws SQLException {
    Upload first = upload(0);
    Upload second = upload(1);
    Path db = dir.resolve("trial.odtrial");
    try (TrialStore store = TrialStore.open(db)) {
      LoadResult one = first.loadInto(store, T1);
      for (TrialFile file : TrialFile.values()) {
        assertThat(one.info().files().get(file).added()).isEqualTo(COUNTS.get(file).longValue());
        assertThat(TrialStoreTest.read(store, file, 1))
            .containsExactlyElementsOf(first.sorted(file));
      }
      LoadResult two = second.loadInto(store, T2);
      for (TrialFile file : TrialFile.values()) {
        // every record of the second upload differs from the first's (a changed value)
        assertThat(two.info().files().get(file).changed()).isEqualTo(COUNTS.get(file).longValue());
        assertThat(TrialStoreTest.read(store, file, 2))
            .containsExactlyElementsOf(second.sorted(file));
        assertThat(TrialStoreTest.read(store, file, 1))
            .containsExactlyElementsOf(first.sorted(file));
      }
    }
    // the rows of each load lie in the table in upload order, one after the other
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (TrialFile file : TrialFile.values()) {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + file.key().get(0)
                    + ", valid_from FROM "
                    + file.tableName()
                    + " ORDER BY rowid")) {
          while (rs.next()) {
            keys.add(rs.getString(1) + "@" + rs.getInt(2));
          }
        }
        List<String> expected = new ArrayList<>();
        first.records(file).forEach(r -> expected.add(r[0] + "@1"));
        second.records(file).forEach(r -> expected.add(r[0] + "@2"));
        assertThat(keys).as(file.fileName()).containsExactlyElementsOf(expected);
      }
    }
  }

  /**
   * The records of {@link #COUNTS}, keys out of key order (so that the order they are stored in
   * shows); {@code revision} changes one value of every record. The store does not validate: the
   * records need not refer to each other.
   */
  private static Upload upload(int revision) {
    Upload u = new Upload();
    for (int i = 0; i < COUNTS.get(TrialFile.CLUSTERS); i++) {
      u.add(
          TrialFile.CLUSTERS,
          id("GP", i),
          "S1",
          "OD",
          "2019-01-0" + (1 + revision),
          null,
          "3",
          "07");
    }
    for (int i = 0; i < COUNTS.get(TrialFile.PARTICIPANTS); i++) {
      u.add(
          TrialFile.PARTICIPANTS,
          id("P", i),
          "GP00",
          "2019-04-01",
          Integer.toString(20 + i + revision),
          i % 2 == 0 ? "female" : "male",
          null,
          "psychosis",
          i % 3 == 0 ? "+1" : "0",
          "2021-04-01",
          null,
          "");
    }
    for (int i = 0; i < COUNTS.get(TrialFile.ADMISSIONS); i++) {
      u.add(
          TrialFile.ADMISSIONS,
          id("E", i),
          id("P", i % 63),
          "inpatient",
          "2020-05-01",
          "2020-05-" + (10 + revision),
          "no, \"quoted\"");
    }
    for (int i = 0; i < COUNTS.get(TrialFile.OUTCOMES); i++) {
      u.add(
          TrialFile.OUTCOMES,
          id("P", i / 3),
          "QPR",
          Integer.toString(i % 3 * 6),
          "2020-06-01",
          i % 7 == 0 && revision == 0 ? null : (i % 5) + "." + revision + "5");
    }
    for (int i = 0; i < COUNTS.get(TrialFile.NETWORK_MEETINGS); i++) {
      u.add(
          TrialFile.NETWORK_MEETINGS,
          id("M", i),
          id("P", i % 63),
          "2020-07-01",
          "in_person",
          Integer.toString(i % 4),
          i % 9 == 0 ? "x" + revision : Integer.toString(3 + revision),
          "home \u00e9");
    }
    return u;
  }

  /** {@code prefix} and {@code i} with its digits reversed: ids that do not come in key order. */
  private static String id(String prefix, int i) {
    return prefix + new StringBuilder(String.format(Locale.ROOT, "%05d", i)).reverse();
  }
}
