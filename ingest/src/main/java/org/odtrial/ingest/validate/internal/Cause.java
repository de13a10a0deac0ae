package org.odtrial.ingest.validate.internal;

import org.odtrial.ingest.contract.TrialFile;

/**
 * The value in another record that a finding was compared with (a participant's followup_end, a
 * cluster's randomised_on): when several findings share one, it is likely the value to check first,
 * their root cause.
 *
 * @param file the file of the value
 * @param line the line of its record
 * @param column canonical index of its column
 * @param record its record's id
 * @param site its record's site
 * @param value the value, a date (never a direct identifier)
 * @param visit for visit-window findings the timepoint, else -1: a baseline_date is only taken for
 *     the root cause of visits at two or more timepoints
 */
record Cause(
    TrialFile file, long line, int column, String record, String site, String value, int visit) {

  /** A key identifying the value: file, line and column. */
  String key() {
    return file.ordinal() + "|" + line + "|" + column;
  }

  String columnName() {
    return file.columns().get(column).name();
  }
}
