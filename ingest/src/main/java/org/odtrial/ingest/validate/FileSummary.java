package org.odtrial.ingest.validate;

import org.odtrial.ingest.contract.TrialFile;

/**
 * What was read of one upload file.
 *
 * @param file which file
 * @param rows data records read with the header's number of cells (header, blank lines and ragged
 *     rows not counted)
 * @param sha256 lower-case hex SHA-256 of the file's raw bytes
 * @param bytes size of the file in bytes
 */
public record FileSummary(TrialFile file, long rows, String sha256, long bytes) {}
