package org.odtrial.ingest.validate;

/**
 * Every rule a contract-v1 validation can report, with its fixed severity. {@link Finding#rule()}
 * carries {@link #id()}. docs/data-dictionary.md lists the same rules (a test keeps the two in
 * step).
 */
public enum Rule {
  // file and CSV level
  MISSING_FILE("missing-file", Severity.ERROR, "one of the five files is not in the upload folder"),
  UNREADABLE_FILE("unreadable-file", Severity.ERROR, "the file exists but cannot be read"),
  EMPTY_FILE("empty-file", Severity.ERROR, "the file is empty (0 bytes): not even a header row"),
  ENCODING("encoding", Severity.ERROR, "bytes that are not valid UTF-8"),
  SEMICOLON_DELIMITED(
      "semicolon-delimited", Severity.ERROR, "the header looks semicolon-delimited"),
  UNKNOWN_COLUMN(
      "unknown-column",
      Severity.ERROR,
      "a header name that is not a column of the file (or is blank)"),
  DUPLICATE_COLUMN("duplicate-column", Severity.ERROR, "the same column name twice in the header"),
  MISSING_COLUMN("missing-column", Severity.ERROR, "a required column is not in the header"),
  MALFORMED_CSV(
      "malformed-csv",
      Severity.ERROR,
      "broken quoting (e.g. an unclosed quote); reading stops there"),
  CELL_COUNT("cell-count", Severity.ERROR, "a row with more or fewer cells than the header"),
  TOO_LONG(
      "too-long",
      Severity.ERROR,
      "a cell over 65,536 characters, a record over 1,048,576 characters or over 10,000 cells;"
          + " reading stops there"),
  // cell level
  DIRECT_IDENTIFIER(
      "direct-identifier",
      Severity.ERROR,
      "a cell that looks like an NHS number, UK postcode, e-mail address or UK phone number"),
  REQUIRED("required", Severity.ERROR, "a required value is missing"),
  MISSING_CODE(
      "missing-code", Severity.ERROR, "a missing-data code such as NA, N/A, ., -99, -999 or NULL"),
  ID_FORMAT(
      "id-format", Severity.ERROR, "an identifier that is not 1-32 characters of A-Z a-z 0-9 _ -"),
  CODE("code", Severity.ERROR, "a value that is not one of the column's codes"),
  DATE_FORMAT("date-format", Severity.ERROR, "a date that is not written YYYY-MM-DD"),
  CALENDAR_DATE(
      "calendar-date", Severity.ERROR, "a YYYY-MM-DD date that does not exist (e.g. 2021-02-30)"),
  INTEGER("integer", Severity.ERROR, "a value that is not a whole number"),
  DECIMAL("decimal", Severity.ERROR, "a value that is not a plain decimal number"),
  RANGE("range", Severity.ERROR, "a number outside the column's or the instrument's range"),
  TEXT_LENGTH("text-length", Severity.ERROR, "text longer (or shorter) than allowed"),
  // keys and references
  DUPLICATE_KEY("duplicate-key", Severity.ERROR, "a second record with the same key"),
  REFERENCE(
      "reference",
      Severity.ERROR,
      "a cluster_id or participant_id that does not exist in the file it refers to"),
  OTHER_SITE(
      "other-site",
      Severity.ERROR,
      "in an upload of one site (ingest --site): a cluster of another site, an id that another"
          + " site's records hold, or no cluster of the site at all"),
  EMPTIED_FILE(
      "emptied-file",
      Severity.ERROR,
      "in an upload to a store (ingest): a file with no records while the trial's current data"
          + " (the site's, with --site) has records of it, which storing it would all remove"),
  // cross-field
  BASELINE_BEFORE_RANDOMISATION(
      "baseline-before-randomisation",
      Severity.ERROR,
      "baseline_date before the cluster's randomised_on"),
  FOLLOWUP_BEFORE_BASELINE(
      "followup-before-baseline", Severity.ERROR, "followup_end before baseline_date"),
  WITHDRAWAL_OUTSIDE_FOLLOWUP(
      "withdrawal-outside-followup",
      Severity.ERROR,
      "withdrawn_on outside [baseline_date, followup_end]"),
  DEATH_OUTSIDE_FOLLOWUP(
      "death-outside-followup", Severity.ERROR, "died_on outside [baseline_date, followup_end]"),
  FOLLOWUP_END_NOT_DEATH(
      "followup-end-not-death", Severity.ERROR, "died_on given but followup_end is another day"),
  ADMISSION_AFTER_FOLLOWUP(
      "admission-after-followup",
      Severity.ERROR,
      "an episode starting after the participant's followup_end"),
  EPISODE_END_BEFORE_START(
      "episode-end-before-start", Severity.ERROR, "an episode's end_date before its start_date"),
  EPISODE_OVERLAP(
      "episode-overlap",
      Severity.WARNING,
      "two episodes of one participant in the same setting share at least one night"),
  ASSESSED_AFTER_FOLLOWUP(
      "assessed-after-followup",
      Severity.ERROR,
      "assessed_on after the participant's followup_end"),
  ASSESSED_AFTER_DEATH(
      "assessed-after-death", Severity.ERROR, "assessed_on after the participant's died_on"),
  ASSESSED_AFTER_WITHDRAWAL(
      "assessed-after-withdrawal",
      Severity.WARNING,
      "assessed_on after the participant's withdrawn_on"),
  VISIT_WINDOW(
      "visit-window", Severity.WARNING, "assessed_on outside the visit window of its timepoint"),
  MEETING_OUTSIDE_FOLLOWUP(
      "meeting-outside-followup",
      Severity.ERROR,
      "meeting_date outside [baseline_date - 30 days, followup_end]"),
  TOO_FEW_PRACTITIONERS(
      "too-few-practitioners",
      Severity.WARNING,
      "a network meeting in the OD arm with fewer than 2 practitioners"),
  // grouping
  ROOT_CAUSE(
      "root-cause",
      Severity.WARNING,
      "one value (a participant's or cluster's date) that two or more findings in other records"
          + " were compared with; check it first");

  private final String id;
  private final Severity severity;
  private final String description;

  Rule(String id, Severity severity, String description) {
    this.id = id;
    this.severity = severity;
    this.description = description;
  }

  /** The kebab-case name used in {@link Finding#rule()}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** What triggers the rule, in one line. */
  public String description() {
    return description;
  }

  /**
   * Whether the rule is checked record by record, so that its summary has a denominator (records
   * checked); the others are about a file, its header, its bytes or its CSV syntax, or group
   * findings.
   */
  public boolean perRecord() {
    return switch (this) {
      case MISSING_FILE,
              UNREADABLE_FILE,
              EMPTY_FILE,
              ENCODING,
              SEMICOLON_DELIMITED,
              UNKNOWN_COLUMN,
              DUPLICATE_COLUMN,
              MISSING_COLUMN,
              MALFORMED_CSV,
              TOO_LONG,
              EMPTIED_FILE,
              ROOT_CAUSE ->
          false;
      default -> true;
    };
  }

  /** The rule with this {@link #id()}, or null. */
  public static Rule byId(String id) {
    for (Rule r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    return null;
  }
}
