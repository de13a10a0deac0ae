package org.odtrial.ingest.store;

import org.odtrial.ingest.IngestException;

/**
 * A failure of the trial store: unusable database file, refused schema, or a load that could not be
 * written.
 */
public class StoreException extends IngestException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
