package org.odtrial.ingest.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.store.QueryAnswer;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.validate.QueryId;
import org.odtrial.ingest.validate.Severity;
import org.odtrial.ingest.validate.Validator;

/**
 * Checks the answers of an answered query list against the store's queries. A row answers its query
 * when its status is {@code confirmed} or {@code will-correct}; its {@code answer} column is the
 * note. Rows still {@code new} or {@code open} with no answer are left alone.
 */
public final class AnswerImport {
  /** Longest answer note accepted, in characters. */
  public static final int MAX_NOTE = 2000;

  private AnswerImport() {}

  /**
   * What an answer file holds.
   *
   * @param answers the answers to record (empty when there are errors)
   * @param problems errors (nothing may be recorded) and warnings (answers not recorded)
   * @param unanswered rows left for later (status new or open, no answer)
   * @param unchanged answers equal to what the store already has
   */
  public record Result(
      List<QueryAnswer> answers, List<ImportProblem> problems, long unanswered, long unchanged) {

    public boolean hasErrors() {
      return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }
  }

  /**
   * Checks every row.
   *
   * @param lookup the store's current query of an id
   */
  public static Result check(AnswerSheet sheet, Function<String, Optional<Query>> lookup) {
    List<ImportProblem> problems = new ArrayList<>(sheet.problems());
    int idColumn = sheet.column("query_id");
    int statusColumn = sheet.column("status");
    int answerColumn = sheet.column("answer");
    if (answerColumn < 0) {
      answerColumn = sheet.column("note");
    }
    if (problems.isEmpty() && (idColumn < 0 || statusColumn < 0)) {
      List<String> missing = new ArrayList<>();
      if (idColumn < 0) {
        missing.add("query_id");
      }
      if (statusColumn < 0) {
        missing.add("status");
      }
      problems.add(
          ImportProblem.error(
              1,
              null,
              null,
              "the header has no "
                  + String.join(" and no ", missing)
                  + " column; import the query list odtrial wrote (columns query_id, status,"
                  + " answer), with the site's statuses and answers filled in"));
    }
    if (!problems.isEmpty()) {
      return new Result(List.of(), problems, 0, 0);
    }
    List<QueryAnswer> answers = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    long unanswered = 0;
    long unchanged = 0;
    int width = sheet.header().size();
    for (AnswerSheet.Row row : sheet.rows()) {
      List<String> cells = row.cells();
      long line = row.line();
      if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
        continue;
      }
      if (cells.size() != width) {
        problems.add(
            ImportProblem.error(
                line,
                null,
                null,
                String.format(
                    Locale.ROOT,
                    "this row has %d cells but the header has %d; check for stray commas or"
                        + " missing quotes",
                    cells.size(),
                    width)));
        continue;
      }
      String id = cells.get(idColumn).strip().toUpperCase(Locale.ROOT);
      String statusText = cells.get(statusColumn);
      String note = answerColumn < 0 ? "" : cells.get(answerColumn).strip();
      if (id.isEmpty()) {
        if (!statusText.isBlank() || !note.isEmpty()) {
          problems.add(
              ImportProblem.error(
                  line, "query_id", null, "query_id is empty; every answer needs its query's id"));
        }
        continue;
      }
      if (!QueryId.isWellFormed(id)) {
        problems.add(
            ImportProblem.error(
                line,
                "query_id",
                null,
                "'"
                    + shorten(cells.get(idColumn))
                    + "' is not a query id (Q and 12 letters and digits, as odtrial wrote it)"));
        continue;
      }
      Long first = seen.putIfAbsent(id, line);
      if (first != null) {
        problems.add(
            ImportProblem.error(
                line, "query_id", id, id + " appears more than once; first on line " + first));
        continue;
      }
      QueryStatus status = QueryStatus.parse(statusText);
      if (status == null) {
        problems.add(
            ImportProblem.error(
                line,
                "status",
                id,
                "status '"
                    + shorten(statusText)
                    + "' is not one of confirmed, will-correct (answers) or new, open, resolved"
                    + " (left as odtrial wrote them)"));
        continue;
      }
      if (!status.isAnswer()) {
        if (!note.isEmpty()) {
          problems.add(
              ImportProblem.error(
                  line,
                  "status",
                  id,
                  "an answer is given but the status is still '"
                      + status.label()
                      + "'; set it to confirmed (the value is correct) or will-correct (the site"
                      + " will correct it)"));
        } else {
          unanswered++;
        }
        continue;
      }
      if (note.length() > MAX_NOTE) {
        problems.add(
            ImportProblem.error(
                line,
                "answer",
                id,
                String.format(
                    Locale.ROOT,
                    "the answer has %d characters; at most %d are kept",
                    note.length(),
                    MAX_NOTE)));
        continue;
      }
      String kind = Validator.directIdentifierKind(note);
      if (kind != null) {
        problems.add(
            ImportProblem.error(
                line,
                "answer",
                id,
                "the answer contains what looks like "
                    + kind
                    + ", a direct identifier; remove it (it is not repeated here)"));
        continue;
      }
      Optional<Query> query = lookup.apply(id);
      if (query.isEmpty()) {
        problems.add(
            ImportProblem.error(
                line,
                "query_id",
                id,
                id + " is not a query of this store; was the list written from another trial?"));
        continue;
      }
      Query q = query.get();
      if (q.status() == QueryStatus.RESOLVED) {
        problems.add(
            ImportProblem.warning(
                line,
                "status",
                id,
                String.format(
                    Locale.ROOT,
                    "%s was resolved: load %d no longer raises it, so the answer is not recorded",
                    id,
                    q.lastLoad() + 1)));
        continue;
      }
      QueryAnswer answer = new QueryAnswer(id, status, note);
      if (q.status() == status && Objects.equals(q.note(), answer.note())) {
        unchanged++;
        continue;
      }
      answers.add(answer);
    }
    boolean errors = problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    return new Result(errors ? List.of() : answers, problems, unanswered, unchanged);
  }

  /** A cell for a message: cut after 40 characters, and never one that looks like an identifier. */
  private static String shorten(String s) {
    if (Validator.directIdentifierKind(s) != null) {
      return "(a value that looks like a direct identifier, not repeated here)";
    }
    String t = s.strip();
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
