package org.odtrial.ingest.store;

/**
 * Tuning of the SQLite connection behind a {@link TrialStore}.
 *
 * @param cacheKib page cache per database (main and temp) in KiB; bounds the store's native memory
 *     whatever the upload size (pages beyond it spill to the file)
 */
public record StoreSettings(int cacheKib) {
  /**
   * 64 MiB of page cache. Measured on a million-participant upload (bench/ingest.sh,
   * docs/performance.md), 64 MiB loads no slower than 256 MiB did, and keeps the whole ingest under
   * 1 GiB resident with a 512 MiB heap: with {@code threads = 2} the index builds at commit sort in
   * several cache-sized buffers at once.
   */
  public static final StoreSettings DEFAULT = new StoreSettings(64 * 1024);

  public StoreSettings {
    if (cacheKib < 64) {
      throw new IllegalArgumentException("cacheKib must be at least 64, was " + cacheKib);
    }
  }
}
