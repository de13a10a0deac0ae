package org.odtrial.ingest;

/**
 * The one unchecked exception of the ingest module: every failure carries its context in the
 * message.
 */
public class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
