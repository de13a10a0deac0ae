package org.odtrial.ingest.validate;

/**
 * One problem found in an upload.
 *
 * @param severity error or warning
 * @param file file name, e.g. {@code participants.csv}
 * @param line physical line in the file (header = 1); 0 where the finding is about the file as a
 *     whole
 * @param column column name, or null where it does not apply
 * @param record the record's id (first key column), or null where it does not apply or is unknown
 * @param site the site_id the record belongs to, or null where it cannot be told
 * @param rule short rule name, e.g. {@code range}, {@code reference}, {@code direct-identifier}
 * @param message what is wrong and what to do, in words a data manager understands; never echoes a
 *     value that looks like a direct identifier
 */
public record Finding(
    Severity severity,
    String file,
    long line,
    String column,
    String record,
    String site,
    String rule,
    String message) {}
