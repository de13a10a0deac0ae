package org.odtrial.ingest.store;

/**
 * How one record differs between two loads.
 *
 * @param kind added, removed or changed
 * @param key the record's key as findings name it ({@code P001}, {@code P001/QPR/12})
 * @param before its values at the first load (canonical column order), or null when added
 * @param after its values at the second load, or null when removed
 */
public record RecordChange(Kind kind, String key, String[] before, String[] after) {
  /** What happened to the record. */
  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }
}
