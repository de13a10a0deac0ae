package org.odtrial.ingest.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.Severity;

/** The spool gives back what was added, as text columns in SQLite would, in report order. */
class FindingSpoolTest {
  /** What a string reads back as from a SQLite text column: its UTF-8, decoded. */
  private static String viaText(String s) {
    return s == null
        ? null
        : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static Finding viaText(Finding f) {
    return new Finding(
        f.severity(),
        viaText(f.file()),
        f.line(),
        viaText(f.column()),
        viaText(f.record()),
        viaText(f.site()),
        viaText(f.rule()),
        viaText(f.message()),
        f.root());
  }

  private static final String[] ODD = {
    "",
    "plain",
    "quote \" backslash \\ comma , newline \n cr \r tab \t",
    "nul \u0000 bell \u0007 unit separator \u001f del \u007f",
    "é ü ß 中文 \u2028 \uFEFF",
    "emoji \uD83D\uDE00 pair",
    "lone high \uD800 and low \uDC00 surrogates",
    "x".repeat(100_000)
  };

  @Test
  void bodiesReadBackAsTextColumnsWould() {
    Random random = new Random(20261203);
    for (int i = 0; i < 2000; i++) {
      String[] s = new String[6];
      for (int k = 0; k < s.length; k++) {
        int r = random.nextInt(ODD.length + 2);
        s[k] = r == ODD.length ? null : r == ODD.length + 1 ? randomString(random) : ODD[r];
      }
      Finding f =
          new Finding(
              i % 2 == 0 ? Severity.ERROR : Severity.WARNING,
              s[0],
              random.nextLong(),
              s[1],
              s[2],
              s[3],
              s[4],
              s[5]);
      String root = i % 3 == 0 ? null : "Q" + i;
      Finding back = FindingBody.decode(FindingBody.encode(f), root);
      assertThat(back).isEqualTo(viaText(withRoot(f, root)));
    }
  }

  private static Finding withRoot(Finding f, String root) {
    return new Finding(
        f.severity(),
        f.file(),
        f.line(),
        f.column(),
        f.record(),
        f.site(),
        f.rule(),
        f.message(),
        root);
  }

  private static String randomString(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
    }
    return b.toString();
  }

  @Test
  void findingsInReportOrderWholeAndBySite() throws IOException {
    List<Finding> expected = new ArrayList<>();
    try (FindingSpool spool = FindingSpool.create()) {
      // added out of order: the spool sorts by file, line, column, rule, then the order added
      List<Object[]> added = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        int file = (i * 7) % 5;
        long line = 2 + (i * 13) % 997;
        int column = i % 4 - 1;
        String site = i % 5 == 0 ? null : "S" + (i % 3);
        Finding f =
            new Finding(
                i % 2 == 0 ? Severity.ERROR : Severity.WARNING,
                "file" + file + ".csv",
                line,
                column < 0 ? null : "col" + column,
                "R" + i,
                site,
                "rule" + (i % 3),
                ODD[i % ODD.length] + " " + i);
        spool.add(file, column, f, null);
        added.add(new Object[] {file, line, column, f.rule(), i, f});
      }
      Finding folder =
          new Finding(Severity.ERROR, "upload folder", 0, null, null, null, "missing", "m");
      spool.add(-1, -1, folder, null);
      added.add(new Object[] {-1, 0L, -1, "missing", 5000, folder});
      added.sort(
          (a, b) -> {
            int c = Integer.compare((Integer) a[0], (Integer) b[0]);
            c = c != 0 ? c : Long.compare((Long) a[1], (Long) b[1]);
            c = c != 0 ? c : Integer.compare((Integer) a[2], (Integer) b[2]);
            c = c != 0 ? c : ((String) a[3]).compareTo((String) b[3]);
            return c != 0 ? c : Integer.compare((Integer) a[4], (Integer) b[4]);
          });
      for (Object[] a : added) {
        expected.add(viaText((Finding) a[5]));
      }
      assertThat(spool.finish()).isEmpty();
      assertThat(spool.size()).isEqualTo(5001);
      List<Finding> all = new ArrayList<>();
      spool.forEach(null, all::add);
      assertThat(all).isEqualTo(expected);
      for (String site : List.of("S1", FindingReport.NO_SITE, "S0", "nobody")) {
        for (int pass = 0; pass < 2; pass++) { // the site index is made once, on the first read
          List<Finding> bySite = new ArrayList<>();
          spool.forEach(site, bySite::add);
          assertThat(bySite)
              .isEqualTo(expected.stream().filter(f -> FindingReport.matches(site, f)).toList());
        }
      }
    }
  }
}
