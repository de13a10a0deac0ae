package org.odtrial.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryListTest {
  @TempDir Path dir;

  /**
   * The workbook's shared strings are numbered as rows are flushed, and POI flushes the sheets in
   * the order of a HashMap keyed by identity: the same list must not depend on that order.
   */
  @Test
  void theSameListGivesTheSameBytesWhateverTheIdentityHashes() throws Exception {
    List<QueryRow> rows = new ArrayList<>();
    for (int i = 1; i <= 250; i++) { // more than the 200-row window, so some rows wait for close
      rows.add(
          new QueryRow(
              String.format(Locale.ROOT, "Q%06d", i),
              "T01",
              "outcomes.csv",
              i + 1,
              "P" + (i % 37),
              "qpr_total",
              "range",
              "warning",
              "value " + i + " outside 0-60",
              "P" + (i % 37),
              "new",
              ""));
    }
    String first = write(rows, "first.xlsx");
    List<Object> keep = new ArrayList<>();
    for (int round = 0; round < 12; round++) {
      // shift the identity hashes of the objects the next workbook creates
      for (int k = 0; k <= round * 7; k++) {
        Object o = new Object();
        System.identityHashCode(o);
        keep.add(o);
      }
      assertThat(write(rows, "again-" + round + ".xlsx")).isEqualTo(first);
    }
  }

  /** The SHA-256 of the workbook written from {@code rows}. */
  private String write(List<QueryRow> rows, String name) throws Exception {
    Path file = dir.resolve(name);
    try (QueryList.RowWriter w = QueryList.xlsx(file)) {
      for (QueryRow r : rows) {
        w.add(r);
      }
    }
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
