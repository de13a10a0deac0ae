package org.odtrial.ingest.store;

/**
 * The outcome of {@link LoadWriter#commit}.
 *
 * @param info the load as now recorded in the store
 * @param warningsStored number of warning findings stored with the load
 */
public record LoadResult(LoadInfo info, long warningsStored) {

  public int load() {
    return info.load();
  }

  /** Whether the load changed no current record of any file (an identical re-upload). */
  public boolean unchanged() {
    return info.unchanged();
  }
}
