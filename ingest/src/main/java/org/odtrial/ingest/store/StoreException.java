package org.odtrial.ingest.store;

import org.odtrial.ingest.IngestException;

/**
 * A failure of the trial store: unusable database file, refused schema, or a load that could not be
 * written. {@link #kind()} tells the failures a caller handles differently apart.
 */
public class StoreException extends IngestException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Kind {
    /** Anything else: a file that is not a store, an I/O failure, a refused schema. */
    OTHER,
    /** Another odtrial command held the store longer than the wait allowed. */
    BUSY,
    /** The trial is locked: nothing may be ingested. */
    LOCKED,
    /** The store cannot be written (file permissions, a read-only mount). */
    READ_ONLY,
    /** The store no longer matches its seal, or its schema was changed outside odtrial. */
    TAMPERED,
    /** The operation is not allowed in the trial's current state (e.g. unblinding before lock). */
    REFUSED,
    /** The database role of the user may not do this (PostgreSQL privileges). */
    FORBIDDEN
  }

  private final Kind kind;

  public StoreException(String message) {
    this(Kind.OTHER, message);
  }

  public StoreException(String message, Throwable cause) {
    this(Kind.OTHER, message, cause);
  }

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Why an ingest into a locked store is refused, in words. */
  public static StoreException ingestLocked(String store, HistoryEvent lock) {
    return new StoreException(
        Kind.LOCKED,
        String.format(
            java.util.Locale.ROOT,
            "%s is locked (since %s, by %s: %s); nothing can be ingested into it. If data must"
                + " change after the lock, unlock it with 'odtrial unlock --reason ...' (recorded)",
            store,
            lock.at(),
            lock.user(),
            lock.detail()));
  }
}
