package org.odtrial.cli.format;

import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.validate.Finding;

/**
 * One row of a site's query list: what the site needs to find and answer the query.
 *
 * @param queryId stable query id
 * @param site site, or null
 * @param file file name
 * @param line line of the record in the upload
 * @param record record key
 * @param column column, or null
 * @param rule rule id
 * @param severity error or warning
 * @param message what is wrong
 * @param rootId the root cause's query id, or null
 * @param status new, open, will-correct, confirmed or resolved
 * @param answer the recorded answer, or null
 */
public record QueryRow(
    String queryId,
    String site,
    String file,
    long line,
    String record,
    String column,
    String rule,
    String severity,
    String message,
    String rootId,
    String status,
    String answer) {

  /** A finding not tracked yet (from validate): status {@code new}. */
  public static QueryRow of(Finding f) {
    return new QueryRow(
        f.queryId(),
        f.site(),
        f.file(),
        f.line(),
        f.record(),
        f.column(),
        f.rule(),
        f.severity().label(),
        f.message(),
        f.root(),
        "new",
        null);
  }

  /** A tracked query (only warnings become queries). */
  public static QueryRow of(Query q) {
    return new QueryRow(
        q.id(),
        q.site(),
        q.file(),
        q.line(),
        q.record(),
        q.column(),
        q.rule(),
        "warning",
        q.message(),
        q.rootId(),
        q.status().label(),
        q.note());
  }
}
