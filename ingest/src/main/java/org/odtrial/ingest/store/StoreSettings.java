package org.odtrial.ingest.store;

/**
 * Tuning of the SQLite connection behind a {@link TrialStore}.
 *
 * @param cacheKib page cache per database (main and temp) in KiB; bounds the store's native memory
 *     whatever the upload size (pages beyond it spill to the file)
 */
public record StoreSettings(int cacheKib) {
  /**
   * 256 MiB of page cache: enough to keep the indexes of a million-participant trial hot while
   * loading.
   */
  public static final StoreSettings DEFAULT = new StoreSettings(256 * 1024);

  public StoreSettings {
    if (cacheKib < 64) {
      throw new IllegalArgumentException("cacheKib must be at least 64, was " + cacheKib);
    }
  }
}
