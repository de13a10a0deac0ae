package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * The PostgreSQL store writes a load's rows with COPY in binary format: every value odtrial can be
 * given comes back exactly (text that needs escaping, NULL apart from an empty text, non-ASCII,
 * integers and decimals in every form), as from the SQLite store, on a first load (written straight
 * into the tables) and a later one (staged and merged); a COPY that fails or is abandoned half-way
 * leaves the database as it was.
 */
class PostgresCopyTest {
  private static final Instant T1 = Instant.parse("2026-04-01T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-04-02T09:00:00Z");

  /**
   * Texts that the COPY text format (the warnings') must escape or that look like its markers, and
   * non-ASCII texts whose length in the binary format is in UTF-8 bytes.
   */
  private static final List<String> TEXTS =
      List.of(
          "",
          " ",
          "a\tb",
          "back\\slash",
          "ends with a backslash\\",
          "\\N",
          "\\.",
          "\\x00ff",
          "line\nbreak",
          "cr\rand crlf\r\n",
          "quotes \"double\" and 'single', commas",
          "NULL",
          "é ü ß",
          "日本語",
          "emoji \uD83D\uDE00 (a surrogate pair)",
          "mixed é\t\\ \uD83D\uDE00\nend",
          "line separator \u2028 and no-break\u00a0space");

  /** Integer cells: canonical, non-canonical, out of range, not numbers. */
  private static final List<String> INTEGERS =
      List.of(
          "12",
          "07",
          "+5",
          "-0",
          "0",
          "-12",
          "9223372036854775807",
          "-9223372036854775808",
          "99999999999999999999",
          "abc",
          "",
          "1\t2",
          "١٢");

  /** Decimal cells: the typed column holds the value when finite, the text always. */
  private static final List<String> DECIMALS =
      List.of(
          "0.1",
          "2.50",
          "-0",
          "-0.0",
          "1e1",
          "1e-300",
          "4.9e-324",
          "1.7976931348623157E308",
          "0.30000000000000004",
          "NaN",
          "Infinity",
          "1e400",
          "1.5.2",
          "",
          "x\\y");

  @TempDir Path dir;
  private PostgresServer server;
  private String database;

  @BeforeEach
  void database() {
    server = PostgresServer.require();
    database = server.newDatabase();
  }

  private TrialStore postgres() {
    return PostgresTrialStoreTest.openAsOwner(server, database);
  }

  /** Upload.small() and a record for each awkward value, keys included. */
  private static Upload awkward() {
    Upload u = Upload.small();
    int n = 0;
    for (String text : TEXTS) {
      String integer = INTEGERS.get(n % INTEGERS.size());
      u.add(TrialFile.CLUSTERS, "GPX" + n, text, "OD", text, text, integer, null);
      u.add(TrialFile.ADMISSIONS, "key " + text, "P001", text, null, "", text);
      n++;
    }
    for (String integer : INTEGERS) {
      u.add(TrialFile.CLUSTERS, "GPI" + n++, null, "TAU", null, null, integer, integer);
    }
    n = 1;
    for (String decimal : DECIMALS) {
      u.add(TrialFile.OUTCOMES, "P002", "QPR", Integer.toString(100 + n++), null, decimal);
    }
    return u;
  }

  @Test
  void everyValueRoundTripsExactlyAsFromSqliteOnAFirstAndALaterLoad() throws SQLException {
    Upload first = awkward();
    Upload second = first.copy();
    // the later load changes awkward values and adds new ones, so they go through the staging table
    second.set(TrialFile.CLUSTERS, "GPX1", "stratum", "now\ttabbed\\ and é");
    second.set(TrialFile.CLUSTERS, "GPX2", "list_size", "0012");
    second.add(TrialFile.OUTCOMES, "P002", "QPR", "999", null, "\\N\t\n");
    second.remove(TrialFile.ADMISSIONS, "key a\tb");
    try (TrialStore pg = postgres();
        TrialStore sqlite = TrialStore.open(dir.resolve("trial.odtrial"))) {
      for (Upload upload : List.of(first, second)) {
        Instant at = upload == first ? T1 : T2;
        upload.loadInto(pg, at);
        upload.loadInto(sqlite, at);
        int load = pg.latestLoad().orElseThrow().load();
        for (TrialFile file : TrialFile.values()) {
          List<String[]> fromPg = read(pg, file, load);
          assertThat(fromPg)
              .as("%s of load %d", file, load)
              .containsExactlyElementsOf(sorted(upload, file));
          assertThat(fromPg).containsExactlyElementsOf(read(sqlite, file, load));
        }
      }
      assertThat(pg.verify().intact()).isTrue();
    }
    // the typed columns hold the values, as the driver's binary parameters stored them before COPY
    try (Connection c = server.superuser(database);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT score_text, score FROM main.outcomes WHERE timepoint > 100 AND valid_to IS"
                    + " NULL")) {
      int rows = 0;
      while (rs.next()) {
        String text = rs.getString(1);
        double value = rs.getDouble(2);
        boolean isNull = rs.wasNull();
        double expected = parse(text);
        if (Double.isFinite(expected)) {
          assertThat(isNull).as(text).isFalse();
          assertThat(Double.doubleToRawLongBits(value))
              .as(text)
              .isEqualTo(Double.doubleToRawLongBits(expected));
        } else {
          assertThat(isNull).as(text).isTrue();
        }
        rows++;
      }
      assertThat(rows).isEqualTo(DECIMALS.size() + 1);
    }
  }

  @Test
  void aCopyThatFailsHalfWayLeavesTheDatabaseAsItWasOnAFirstAndALaterLoad() {
    String empty;
    try (TrialStore store = postgres()) {
      empty = PostgresTrialStoreTest.fingerprint(server, database);
      // a first load (tables written directly, their indexes dropped): PostgreSQL refuses the NUL
      // character after more than one buffer of rows was sent
      assertThatThrownBy(() -> withBadRowInTheMiddle(Upload.small()).loadInto(store, T1))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("outcomes.csv")
          .hasMessageContaining("0x00");
      assertThat(PostgresTrialStoreTest.fingerprint(server, database)).isEqualTo(empty);
      Upload.small().loadInto(store, T1);
      String loaded = PostgresTrialStoreTest.fingerprint(server, database);
      // a later load (staged)
      assertThatThrownBy(() -> withBadRowInTheMiddle(Upload.small()).loadInto(store, T2))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("outcomes.csv")
          .hasMessageContaining("0x00");
      assertThat(PostgresTrialStoreTest.fingerprint(server, database)).isEqualTo(loaded);
      // the connection is usable: the next load goes in
      many(Upload.small(), 20_000).loadInto(store, T2);
      assertThat(store.loads()).hasSize(2);
      assertThat(store.verify().intact()).isTrue();
    }
  }

  @Test
  void aLoadAbortedWhileItsCopyRunsLeavesTheDatabaseAsItWas() {
    try (TrialStore store = postgres()) {
      Upload.small().loadInto(store, T1);
      String before = PostgresTrialStoreTest.fingerprint(server, database);
      Upload big = many(Upload.small(), 20_000);
      try (LoadWriter writer = store.beginLoad(big.meta(T2))) {
        big.streamInto(writer);
        writer.abort();
      }
      assertThat(PostgresTrialStoreTest.fingerprint(server, database)).isEqualTo(before);
      big.loadInto(store, T2);
      assertThat(store.read(TrialFile.OUTCOMES, 2, r -> {})).isEqualTo(20_000 + 7);
    }
  }

  /** More than one COPY buffer of outcomes, a NUL in the middle, more rows after it. */
  private static Upload withBadRowInTheMiddle(Upload u) {
    many(u, 5_000);
    u.add(TrialFile.OUTCOMES, "P003", "QPR", "5001", null, "bad \u0000 text");
    for (int i = 5_002; i < 10_000; i++) {
      u.add(TrialFile.OUTCOMES, "P003", "QPR", Integer.toString(i), "2020-01-01", "1.5");
    }
    return u;
  }

  private static Upload many(Upload u, int outcomes) {
    for (int i = 1; i <= outcomes; i++) {
      u.add(
          TrialFile.OUTCOMES,
          "P004",
          "BPRS",
          Integer.toString(1000 + i),
          "2020-01-01",
          String.format(Locale.ROOT, "%d.25", i));
    }
    return u;
  }

  private static List<String[]> read(TrialStore store, TrialFile file, int load) {
    List<String[]> records = new ArrayList<>();
    store.read(file, load, records::add);
    return records;
  }

  /** The upload's records in the store's order (by key; text keys by code point). */
  private static List<String[]> sorted(Upload upload, TrialFile file) {
    return upload.sorted(file);
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
