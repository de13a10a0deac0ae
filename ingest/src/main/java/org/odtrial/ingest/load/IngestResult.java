package org.odtrial.ingest.load;

import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.validate.ValidationReport;

/**
 * What an ingest did. Close it to delete the temporary file of a large report.
 *
 * @param outcome stored, unchanged, rejected, or a dry run's
 * @param report the validation report (null when the upload was recognised as identical and not
 *     re-validated)
 * @param load the new load when stored (as it would have been, after a dry run), or the latest load
 *     the upload matched when unchanged; null when rejected
 */
public record IngestResult(Outcome outcome, ValidationReport report, LoadInfo load)
    implements AutoCloseable {

  @Override
  public void close() {
    if (report != null) {
      report.close();
    }
  }

  /** The ways an ingest ends. */
  public enum Outcome {
    /** Valid and different from the latest load: stored as a new load. */
    STORED,
    /**
     * Valid and different from the latest load, and a dry run: the load was computed in full, then
     * rolled back; nothing written.
     */
    DRY_RUN,
    /** Byte-identical to the latest load, or the same records: nothing written. */
    UNCHANGED,
    /** Validation found errors: nothing written. */
    REJECTED
  }
}
