package org.odtrial.ingest.store;

import java.time.Duration;

/**
 * Tuning of the SQLite connection behind a {@link TrialStore}.
 *
 * @param cacheKib page cache per database (main and temp) in KiB; bounds the store's native memory
 *     whatever the upload size (pages beyond it spill to the file)
 * @param waitFor how long a command waits for another one that holds the store (a second ingest
 *     waits for the first, a reader for a commit) before giving up with a clear message
 */
public record StoreSettings(int cacheKib, Duration waitFor) {
  /** How long a command waits for another by default. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  /**
   * 64 MiB of page cache. Measured on a million-participant upload (bench/ingest.sh,
   * docs/performance.md), 64 MiB loads no slower than 256 MiB did, and keeps the whole ingest under
   * 1 GiB resident with a 512 MiB heap: with {@code threads = 2} the index builds at commit sort in
   * several buffers at once, each a quarter of the cache since (SqliteDialect.createIndex). Waits
   * up to {@link #DEFAULT_WAIT}.
   */
  public static final StoreSettings DEFAULT = new StoreSettings(64 * 1024, DEFAULT_WAIT);

  public StoreSettings {
    if (cacheKib < 64) {
      throw new IllegalArgumentException("cacheKib must be at least 64, was " + cacheKib);
    }
    if (waitFor == null || waitFor.isNegative()) {
      throw new IllegalArgumentException("waitFor must be zero or more, was " + waitFor);
    }
  }

  /** The given page cache, waiting {@link #DEFAULT_WAIT}. */
  public StoreSettings(int cacheKib) {
    this(cacheKib, DEFAULT_WAIT);
  }

  /** The same settings waiting {@code wait} for other commands. */
  public StoreSettings withWait(Duration wait) {
    return new StoreSettings(cacheKib, wait);
  }
}
