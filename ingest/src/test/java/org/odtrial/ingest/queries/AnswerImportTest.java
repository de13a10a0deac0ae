package org.odtrial.ingest.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.validate.QueryId;
import org.odtrial.ingest.validate.Severity;

/** A malformed answer file gets precise problems, never an exception, and records nothing. */
class AnswerImportTest {
  @TempDir Path tmp;

  private static final String Q1 =
      QueryId.of("outcomes.csv", "P1/QPR/12", "assessed_on", "visit-window", 0);
  private static final String Q2 =
      QueryId.of("admissions.csv", "E2", "start_date", "episode-overlap", 0);
  private static final String RESOLVED =
      QueryId.of("admissions.csv", "E9", "start_date", "episode-overlap", 0);

  private static final Function<String, Optional<Query>> STORE =
      id -> {
        if (!id.equals("Q000000000000")) {
          QueryStatus s = id.equals(RESOLVED) ? QueryStatus.RESOLVED : QueryStatus.OPEN;
          return Optional.of(
              new Query(id, "S1", "f", 2, "r", "c", "rule", "m", null, s, null, 1, 1));
        }
        return Optional.empty();
      };

  private static String id(int i) {
    return QueryId.of("network_meetings.csv", "M" + i, "practitioners", "too-few-practitioners", 0);
  }

  private AnswerImport.Result check(String content) throws IOException {
    return check(content.getBytes(StandardCharsets.UTF_8));
  }

  private AnswerImport.Result check(byte[] content) throws IOException {
    Path f = tmp.resolve("answers.csv");
    Files.write(f, content);
    return AnswerImport.check(AnswerSheet.readCsv(f), STORE);
  }

  @Test
  void aGoodFileGivesItsAnswers() throws IOException {
    AnswerImport.Result r =
        check(
            "\uFEFFquery_id,status,answer\r\n"
                + Q1
                + ",Confirmed,\"seen late, correct\"\r\n"
                + Q2
                + ",open,\r\n\r\n");
    assertThat(r.problems()).isEmpty();
    assertThat(r.answers())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.queryId()).isEqualTo(Q1);
              assertThat(a.status()).isEqualTo(QueryStatus.CONFIRMED);
              assertThat(a.note()).isEqualTo("seen late, correct");
            });
    assertThat(r.unanswered()).isEqualTo(1);
  }

  @Test
  void anAnswerWrittenWithASpreadsheetSafeQuoteReadsBackAsItWas() throws IOException {
    // a list carrying the answer "-2 days late; checked" wrote it as '-2 days... (CsvCells.text)
    AnswerImport.Result r =
        check("query_id,status,answer\n" + Q1 + ",confirmed,'-2 days late; checked\n");
    assertThat(r.problems()).isEmpty();
    assertThat(r.answers()).extracting(a -> a.note()).containsExactly("-2 days late; checked");
    assertThat(CsvCells.plain(CsvCells.text("=1+2"))).isEqualTo("=1+2");
    assertThat(CsvCells.plain("'quoted")).isEqualTo("'quoted");
  }

  @Test
  void semicolonsAsAEuropeanSpreadsheetSavesThemAreRead() throws IOException {
    AnswerImport.Result r = check("query_id;status;answer\n" + Q1 + ";will correct;ward asked\n");
    assertThat(r.problems()).isEmpty();
    assertThat(r.answers()).extracting(a -> a.status()).containsExactly(QueryStatus.WILL_CORRECT);
  }

  @Test
  void everyBadRowIsNamedByLineAndColumn() throws IOException {
    AnswerImport.Result r =
        check(
            "query_id,status,answer\n"
                + Q1
                + ",confirmed,ok\n"
                + Q1
                + ",confirmed,again\n"
                + "Q000000000000,confirmed,x\n"
                + "P001,confirmed,x\n"
                + Q2
                + ",done,\n"
                + RESOLVED
                + ",confirmed,late\n"
                + ",,left blank\n"
                + id(9)
                + ",open,an answer without a status\n"
                + id(10)
                + ",confirmed,call 07700 900123\n"
                + id(11)
                + ",confirmed\n");
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.answers()).isEmpty();
    assertThat(r.problems())
        .extracting(p -> p.line() + " " + p.column() + " " + p.severity())
        .containsExactly(
            "3 query_id ERROR",
            "4 query_id ERROR",
            "5 query_id ERROR",
            "6 status ERROR",
            "7 status WARNING",
            "8 query_id ERROR",
            "9 status ERROR",
            "10 answer ERROR",
            "11 null ERROR");
    assertThat(r.problems().get(0).message()).contains("first on line 2");
    assertThat(r.problems().get(1).message()).contains("not a query of this store");
    assertThat(r.problems().get(7).message()).contains("UK phone number").doesNotContain("07700");
  }

  @Test
  void brokenFilesAreProblemsNotExceptions() throws IOException {
    assertThat(check("").problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("empty"));
    assertThat(check("id,what\nQ1,x\n").problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("no query_id and no status column"));
    AnswerImport.Result quote =
        check("query_id,status,answer\n" + Q1 + ",confirmed,\"never closed\n");
    assertThat(quote.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("quoting"));
    byte[] latin1 =
        ("query_id,status,answer\n" + Q1 + ",confirmed,caf\u00e9\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(check(latin1).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("UTF-8");
            });
    AnswerImport.Result missing =
        AnswerImport.check(AnswerSheet.readCsv(tmp.resolve("nope.csv")), STORE);
    assertThat(missing.problems()).extracting(p -> p.severity()).containsExactly(Severity.ERROR);
  }
}
