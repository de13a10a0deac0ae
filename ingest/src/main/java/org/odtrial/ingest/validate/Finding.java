package org.odtrial.ingest.validate;

/**
 * One problem found in an upload.
 *
 * @param severity error or warning
 * @param file file name, e.g. {@code participants.csv}
 * @param line physical line in the file (header = 1); 0 where the finding is about the file as a
 *     whole
 * @param column column name, or null where it does not apply
 * @param record the record's key: the first key column's value, and for outcomes.csv {@code
 *     participant_id/instrument/timepoint} (e.g. {@code P001/QPR/12}); null where it does not apply
 *     or is unknown
 * @param site the site_id the record belongs to, or null where it cannot be told
 * @param rule short rule name, e.g. {@code range}, {@code reference}, {@code direct-identifier}
 * @param message what is wrong and what to do, in words a data manager understands; never echoes a
 *     value that looks like a direct identifier
 * @param root the {@link #queryId()} of the root finding this one is a consequence of (a value in
 *     another record it was compared with, such as the participant's followup_end), or null
 */
public record Finding(
    Severity severity,
    String file,
    long line,
    String column,
    String record,
    String site,
    String rule,
    String message,
    String root) {

  /** A finding that is not the consequence of another. */
  public Finding(
      Severity severity,
      String file,
      long line,
      String column,
      String record,
      String site,
      String rule,
      String message) {
    this(severity, file, line, column, record, site, rule, message, null);
  }

  /**
   * The stable id of the data query this finding raises: the same file, record, column and rule
   * give the same id in every load, whatever line the record is on. See {@link QueryId}.
   */
  public String queryId() {
    return QueryId.of(file, record, column, rule, line);
  }
}
