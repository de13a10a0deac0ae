package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows {@link RowPump} reads through {@link SqliteCells} are exactly those of {@code
 * getObject}: same classes, same values, same bytes, for awkward values of every SQLite type in
 * columns of every declared type (a tampered store can hold anything anywhere).
 */
class SqliteCellsTest {
  @TempDir Path dir;

  private static final int WIDTH = 5;

  /** SQL literals of awkward values: every storage class, limits, NUL bytes, bad UTF-8. */
  private static List<String> awkward() {
    List<String> v = new ArrayList<>();
    v.add("NULL");
    for (long n :
        new long[] {
          0,
          1,
          -1,
          Integer.MAX_VALUE,
          Integer.MIN_VALUE,
          Integer.MAX_VALUE + 1L,
          Integer.MIN_VALUE - 1L,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          Long.MIN_VALUE + 1
        }) {
      v.add(n == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : Long.toString(n));
    }
    for (String r :
        new String[] {
          "0.0",
          "-0.0",
          "0.1",
          "1e300 * 1e300",
          "-1e300 * 1e300",
          "4.9e-324",
          "2.2250738585072014e-308",
          "1.7976931348623157e308",
          "19.0",
          "0.30000000000000004",
          "123456789012345678.0"
        }) {
      v.add(r);
    }
    v.add("''");
    v.add("'P0000001'");
    v.add("'Zoë ✓ 😀 Ω'");
    v.add("'a' || char(0) || 'b'"); // NUL inside text
    v.add("'19' || char(0)"); // NUL-padded
    v.add("char(0)");
    v.add("CAST(X'FF41C3' AS TEXT)"); // not UTF-8
    v.add("CAST(X'F09F98' AS TEXT)"); // a cut 4-byte sequence
    v.add("CAST(X'EDA080' AS TEXT)"); // an encoded surrogate
    v.add("'30'"); // text that looks like an integer
    v.add("' 30'");
    v.add("X''");
    v.add("X'00'");
    v.add("X'00FF10'");
    v.add("X'" + "AB".repeat(16) + "'");
    v.add("zeroblob(3)");
    v.add("'" + "x".repeat(10_000) + "'");
    return v;
  }

  private static String random(SplittableRandom rng) {
    return switch (rng.nextInt(6)) {
      case 0 -> "NULL";
      case 1 -> Long.toString(rng.nextLong());
      case 2 -> Double.toString(rng.nextDouble() * Math.pow(10, rng.nextInt(-30, 30)));
      case 3 -> "X'" + HexFormat.of().formatHex(bytes(rng)) + "'";
      case 4 -> "CAST(X'" + HexFormat.of().formatHex(bytes(rng)) + "' AS TEXT)";
      default -> "'" + ("é✓x😀".repeat(rng.nextInt(4)) + rng.nextInt()).replace("'", "''") + "'";
    };
  }

  private static byte[] bytes(SplittableRandom rng) {
    byte[] b = new byte[rng.nextInt(0, 40)];
    rng.nextBytes(b);
    return b;
  }

  @Test
  void rowsAreExactlyWhatGetObjectGives() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cells.db"))) {
      c.setAutoCommit(false); // one transaction for the inserts: a commit each would take minutes
      try (Statement s = c.createStatement()) {
        // one column of each declared type, so that type affinity is exercised too
        s.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, a TEXT, b INTEGER, c REAL, d BLOB, e)");
        int k = 0;
        for (String v : awkward()) {
          for (int col = 0; col < WIDTH; col++) {
            String[] row = {"NULL", "NULL", "NULL", "NULL", "NULL"};
            row[col] = v;
            s.execute("INSERT INTO t VALUES (" + k++ + ", " + String.join(", ", row) + ")");
          }
        }
        SplittableRandom rng = new SplittableRandom(14);
        for (int i = 0; i < 3000; i++) {
          List<String> row = new ArrayList<>();
          for (int col = 0; col < WIDTH; col++) {
            row.add(random(rng));
          }
          s.execute("INSERT INTO t VALUES (" + k++ + ", " + String.join(", ", row) + ")");
        }
      }
      c.commit();
      c.setAutoCommit(true);
      String sql = "SELECT k, a, b, c, d, e FROM t WHERE k >= ? ORDER BY k";
      List<Object[]> expected = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, 0);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[WIDTH + 1];
            for (int i = 0; i < row.length; i++) {
              row[i] = rs.getObject(i + 1);
            }
            expected.add(row);
          }
        }
      }
      assertThat(expected).hasSizeGreaterThan(3000);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.executeQuery().close();
        assertThat(SqliteCells.of(ps)).as("the fast path is the one tested").isNotNull();
      }
      List<Object[]> read = new ArrayList<>();
      try (RowPump p = RowPump.start(c, sql, WIDTH + 1, 0)) {
        Object[] row;
        while ((row = p.next()) != null) {
          read.add(row);
        }
      }
      assertSame(read, expected);
      // the awkward values really are in the store as the types meant
      assertThat(expected)
          .anyMatch(r -> "a\0b".equals(r[1]))
          .anyMatch(r -> Long.valueOf(Long.MIN_VALUE).equals(r[2]))
          .anyMatch(r -> Integer.valueOf(Integer.MIN_VALUE).equals(r[2]))
          .anyMatch(r -> Double.valueOf(4.9e-324).equals(r[3]))
          .anyMatch(r -> Double.valueOf(Double.POSITIVE_INFINITY).equals(r[3]))
          .anyMatch(r -> r[4] instanceof byte[] b && b.length == 3 && b[0] == 0)
          .anyMatch(r -> "".equals(r[5]))
          .anyMatch(r -> r[5] instanceof byte[] b && b.length == 0)
          .anyMatch(r -> "\uFFFDA\uFFFD".equals(r[1]));
    }
  }

  @Test
  void aStoreNotInUtf8IsReadThroughGetObject() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("utf16.db"))) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA encoding = 'UTF-16le'");
        s.execute("CREATE TABLE t (a TEXT, b)");
        s.execute("INSERT INTO t VALUES ('Zoë ✓ 😀', 'a' || char(0) || 'b'), (NULL, 7)");
      }
      String sql = "SELECT a, b FROM t ORDER BY rowid";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.executeQuery().close();
        assertThat(SqliteCells.of(ps)).isNull();
      }
      List<Object[]> read = new ArrayList<>();
      try (RowPump p = RowPump.start(c, sql, 2)) {
        Object[] row;
        while ((row = p.next()) != null) {
          read.add(row);
        }
      }
      assertSame(read, List.of(new Object[] {"Zoë ✓ 😀", "a\0b"}, new Object[] {null, 7}));
    }
  }

  private static void assertSame(List<Object[]> read, List<Object[]> expected) {
    assertThat(read).hasSameSizeAs(expected);
    for (int r = 0; r < read.size(); r++) {
      Object[] a = read.get(r);
      Object[] e = expected.get(r);
      assertThat(a).hasSameSizeAs(e);
      for (int i = 0; i < a.length; i++) {
        String where = "row " + r + " column " + i + ": " + describe(e[i]);
        if (e[i] == null) {
          assertThat(a[i]).as(where).isNull();
        } else {
          assertThat(a[i]).as(where).isNotNull();
          assertThat(a[i].getClass()).as(where).isEqualTo(e[i].getClass());
          if (e[i] instanceof byte[] b) {
            assertThat((byte[]) a[i]).as(where).isEqualTo(b);
          } else if (e[i] instanceof Double d) {
            assertThat(Double.doubleToRawLongBits((Double) a[i]))
                .as(where)
                .isEqualTo(Double.doubleToRawLongBits(d));
          } else {
            assertThat(a[i]).as(where).isEqualTo(e[i]);
          }
        }
      }
    }
  }

  private static String describe(Object v) {
    return v instanceof byte[] b
        ? "bytes " + HexFormat.of().formatHex(b)
        : v instanceof String s
            ? "text " + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8))
            : String.valueOf(v);
  }
}
