package org.odtrial.ingest;

import org.odtrial.ingest.contract.TrialFile;

/**
 * Receives each record of an upload as validation reads it, so that an upload is parsed once: the
 * store writes the records into an open transaction and commits only if validation found no error.
 */
@FunctionalInterface
public interface RecordSink {
  /** A sink that discards everything (plain validation). */
  RecordSink NONE = (file, line, values) -> {};

  /**
   * One data record.
   *
   * @param file the file it came from; files arrive in {@link TrialFile} order, each file's records
   *     together
   * @param line its physical line number (header = 1)
   * @param values the cell values in the canonical column order of {@code file.columns()}, trimmed
   *     of nothing, with null for a missing value or a column absent from the header; the array is
   *     not reused
   */
  void accept(TrialFile file, long line, String[] values);
}
