package org.odtrial.ingest.store;

/**
 * What one load did to one file's table.
 *
 * @param sha256 SHA-256 (lower-case hex) of the file's bytes as uploaded
 * @param rows records in the file
 * @param added records whose key was not current before the load
 * @param changed records whose key was current with different values (old version closed, new
 *     inserted)
 * @param removed records current before the load whose key is absent from it (closed)
 */
public record FileStats(String sha256, long rows, long added, long changed, long removed) {

  /** Whether the load left this file's current records as they were. */
  public boolean unchanged() {
    return added == 0 && changed == 0 && removed == 0;
  }
}
