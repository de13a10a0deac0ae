package org.odtrial.ingest.store;

/**
 * The current state of one data query: a warning-level finding tracked from load to load.
 *
 * @param id stable query id ({@link org.odtrial.ingest.validate.QueryId})
 * @param site the record's site, or null
 * @param file file name
 * @param line the record's line in the latest load that raised it
 * @param record the record's key
 * @param column the column, or null
 * @param rule the rule
 * @param message the finding's message as last raised (it states the values compared)
 * @param rootId the query id of its root cause, or null
 * @param status where it stands
 * @param note the answer recorded with a confirmed or will-correct status, or null
 * @param firstLoad the load that first raised it
 * @param lastLoad the latest load that raised it
 */
public record Query(
    String id,
    String site,
    String file,
    long line,
    String record,
    String column,
    String rule,
    String message,
    String rootId,
    QueryStatus status,
    String note,
    int firstLoad,
    int lastLoad) {}
