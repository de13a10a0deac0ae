package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data manager's weekly query cycle on the sample trial, with odtrial alone: ingest, send each
 * site its list, import the answered lists (an Excel workbook and a CSV), ingest the next upload in
 * which the site fixed some queries and made a new mistake, and check every status.
 */
class QueryCycleTest {
  @TempDir Path tmp;

  /** P135's month-12 QPR score, outside its visit window (site T02). */
  static final String LATE_VISIT = "QHY45FGFSHKXS";

  /** M124-5, one practitioner at an OD meeting (site T02). */
  static final String M124_5 = "QA36NEF49S4CN";

  /** M027-3, one practitioner at an OD meeting (site T01). */
  static final String M027_3 = "QC85YCADSZ0JN";

  private Map<String, String> statuses(Path db) throws Exception {
    Run r = Run.of("queries", "--db", db.toString(), "--status", "all", "--format", "json");
    assertThat(r.exit()).isZero();
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode q : new ObjectMapper().readTree(r.out()).get("queries")) {
      out.put(
          q.get("query_id").asText() + "/" + q.get("record").asText(), q.get("status").asText());
    }
    return out;
  }

  private static String statusOf(Map<String, String> statuses, String id) {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey().startsWith(id + "/"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static String idOf(Map<String, String> statuses, String record) {
    return statuses.keySet().stream()
        .filter(k -> k.endsWith("/" + record))
        .map(k -> k.substring(0, k.indexOf('/')))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aQueriesSubcommandIsNamedInFullInItsErrors() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    // refused by the command (an unknown query), and by odtrial's handler (a store that is not one)
    Run unknown =
        Run.of(
            "queries", "answer", "QNOSUCHQUERY00", "--db", db.toString(), "--status", "confirmed");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("odtrial queries answer: error: ");
    Path notAStore = Files.writeString(tmp.resolve("notes.db"), "not a database");
    Run history = Run.of("queries", "history", LATE_VISIT, "--db", notAStore.toString());
    assertThat(history.exit()).isEqualTo(2);
    assertThat(history.err()).startsWith("odtrial queries history: error: ");
  }

  @Test
  void aWeekOfQueriesOnTheSampleTrial() throws Exception {
    Path db = tmp.resolve("trial.db");
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString()).out())
        .contains("Data queries: 83 new");
    Map<String, String> week1 = statuses(db);
    assertThat(week1).hasSize(83).allSatisfy((k, v) -> assertThat(v).isEqualTo("new"));

    // one list per site, every site of the trial
    Path lists = tmp.resolve("lists");
    Run split = Run.of("queries", "--db", db.toString(), "--split-by-site", lists.toString());
    assertThat(split.exit()).isZero();
    try (var files = Files.list(lists)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly(
              "site-T01.csv",
              "site-T01.xlsx",
              "site-T02.csv",
              "site-T02.xlsx",
              "site-T03.csv",
              "site-T03.xlsx",
              "site-T04.csv",
              "site-T04.xlsx");
    }
    long rows = 0;
    for (String s : List.of("T01", "T02", "T03", "T04")) {
      rows += Files.readAllLines(lists.resolve("site-" + s + ".csv")).size() - 1;
    }
    assertThat(rows).isEqualTo(83);

    // site T02 answers in Excel: the late visit is correct, M124-5 will be corrected
    Path t02 = lists.resolve("site-T02.xlsx");
    try (InputStream in = Files.newInputStream(t02);
        Workbook wb = WorkbookFactory.create(in)) {
      Sheet sheet = wb.getSheet("queries");
      for (Row row : sheet) {
        String id = row.getCell(0).getStringCellValue();
        if (id.equals(LATE_VISIT)) {
          row.getCell(10).setCellValue("confirmed");
          row.getCell(11).setCellValue("participant was seen late; date checked");
        } else if (id.equals(M124_5)) {
          row.getCell(10).setCellValue("will-correct");
        }
      }
      try (OutputStream out = Files.newOutputStream(tmp.resolve("T02-answered.xlsx"))) {
        wb.write(out);
      }
    }
    Run imported =
        Run.of(
            "queries",
            "import",
            tmp.resolve("T02-answered.xlsx").toString(),
            "--db",
            db.toString());
    assertThat(imported.exit()).isZero();
    assertThat(imported.out())
        .contains("Recorded 2 answers", "1 confirmed, 1 will-correct", "11 rows left open");

    // site T01 sends back a CSV with a typo: precise problem, nothing recorded
    Path t01 = tmp.resolve("T01-answered.csv");
    List<String> csv = Files.readAllLines(lists.resolve("site-T01.csv"));
    csv.set(1, csv.get(1).replace(",new,", ",confrimed,"));
    Files.write(t01, csv, StandardCharsets.UTF_8);
    Run bad = Run.of("queries", "import", t01.toString(), "--db", db.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out())
        .contains("T01-answered.csv line 2, column status", "'confrimed'", "Nothing was recorded");
    assertThat(bad.err()).isEmpty();
    assertThat(statuses(db).values()).containsOnly("new", "confirmed", "will-correct");

    // the next upload (sample-data/next): M124-5 and M027-3 corrected, a new mistake in M027-4
    Path upload2 = SampleData.NEXT;
    Run second = Run.of("ingest", upload2.toString(), "--db", db.toString());
    assertThat(second.exit()).isZero();
    assertThat(second.out())
        .contains("Stored load 2", "Data queries: 1 new, 80 open, 1 confirmed, 2 resolved");

    Map<String, String> week2 = statuses(db);
    assertThat(statusOf(week2, LATE_VISIT)).isEqualTo("confirmed");
    assertThat(statusOf(week2, M124_5)).isEqualTo("resolved");
    assertThat(statusOf(week2, M027_3)).isEqualTo("resolved");
    assertThat(week2.get(idOf(week2, "M027-4") + "/M027-4")).isEqualTo("new");
    assertThat(week2.values().stream().filter("open"::equals).count()).isEqualTo(80);

    // the history of the will-correct query, and what changed between the loads
    Run history = Run.of("queries", "history", M124_5, "--db", db.toString());
    assertThat(history.out()).contains("open", "will-correct", "resolved");
    Run diff = Run.of("diff", "--db", db.toString());
    assertThat(diff.exit()).isZero();
    assertThat(diff.out())
        .contains("participants.csv: 0 added, 0 removed, 1 changed")
        .contains("~ P001: prior_admissions 1 -> 2")
        .contains("network_meetings.csv: 0 added, 0 removed, 3 changed")
        .contains("~ M027-3: practitioners 1 -> 2")
        .contains("~ M027-4: practitioners 2 -> 1");

    // the pending list of T02 after load 2: the confirmed and the resolved ones are gone
    Run t02Pending = Run.of("queries", "--db", db.toString(), "--site", "T02", "--format", "csv");
    assertThat(t02Pending.out()).doesNotContain(LATE_VISIT).doesNotContain(M124_5);
    assertThat(t02Pending.out().lines().count()).isEqualTo(1 + 11);

    // every load's statuses and every answer are sealed: the cycle verifies, and the confirmed
    // answer changed with plain SQL is caught, naming the query and the import's revision
    Run intact = Run.of("verify", "--db", db.toString());
    assertThat(intact.exit()).as(intact.out()).isZero();
    assertThat(intact.out()).contains("(2 loads, 0 events, 3 revisions of the query history)");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE queries SET status = 'will-correct' WHERE query_id = '"
              + LATE_VISIT
              + "' AND status = 'confirmed'");
    }
    Run broken = Run.of("verify", "--db", db.toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out())
        .contains(
            "First broken link: entry 3, query revision 2, table queries, query " + LATE_VISIT);
  }
}
