package org.odtrial.ingest.queries;

import org.odtrial.ingest.validate.Severity;

/**
 * Something wrong in an answered query list. An error stops the import (nothing is recorded); a
 * warning says which answer was not recorded and why.
 *
 * @param severity error or warning
 * @param line line in the file (header = 1; 0 for the file as a whole)
 * @param column the column, or null
 * @param queryId the row's query id, or null
 * @param message what is wrong and what to do
 */
public record ImportProblem(
    Severity severity, long line, String column, String queryId, String message) {

  static ImportProblem error(long line, String column, String queryId, String message) {
    return new ImportProblem(Severity.ERROR, line, column, queryId, message);
  }

  static ImportProblem warning(long line, String column, String queryId, String message) {
    return new ImportProblem(Severity.WARNING, line, column, queryId, message);
  }
}
