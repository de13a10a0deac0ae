package org.odtrial.ingest.validate.internal;

/**
 * A map from strings to non-negative ints that keeps only a 95-bit fingerprint of each key (two
 * differently seeded 64-bit hashes, cut down) next to its value, two longs per slot in one flat
 * array: 16 bytes per slot, one memory access per probe, where a HashMap of Strings takes 80 bytes
 * or more per key. Two different keys share a fingerprint with probability about n^2 / 2^96 (about
 * 1e-15 for ten million keys); that is the only way a lookup can be wrong. Not thread-safe (a
 * lookup keeps its key's fingerprint in a scratch array).
 */
public final class FingerprintIndex {
  private static final long SEED_1 = 0x9E3779B97F4A7C15L;
  private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;
  private static final long HIGH = 0xFFFFFFFF00000000L;

  // slot i: table[2i] = first hash with the lowest bit set (0 = empty), table[2i+1] = high half of
  // second hash | value
  private long[] table;
  private int mask; // slots - 1
  private int size;

  public FingerprintIndex() {
    allocate(1 << 10);
  }

  public int size() {
    return size;
  }

  /** The value stored for key, or -1. */
  public int get(String key) {
    fingerprint(key, scratch, 0);
    return get(scratch[0], scratch[1]);
  }

  /** The value stored for the key with fingerprint (a, b) (see {@link #fingerprint}), or -1. */
  int get(long a, long b) {
    int i = (int) (a >>> 1) & mask;
    long[] t = table;
    while (t[2 * i] != 0) {
      if (t[2 * i] == a && (t[2 * i + 1] & HIGH) == b) {
        return (int) t[2 * i + 1];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /**
   * Stores key -> value unless key is present; returns the value already there, or -1 if it was
   * added.
   */
  public int putIfAbsent(String key, int value) {
    fingerprint(key, scratch, 0);
    return putIfAbsent(scratch[0], scratch[1], value);
  }

  /** {@link #putIfAbsent(String, int)} for the key with fingerprint (a, b). */
  int putIfAbsent(long a, long b, int value) {
    int i = (int) (a >>> 1) & mask;
    long[] t = table;
    while (t[2 * i] != 0) {
      if (t[2 * i] == a && (t[2 * i + 1] & HIGH) == b) {
        return (int) t[2 * i + 1];
      }
      i = (i + 1) & mask;
    }
    t[2 * i] = a;
    t[2 * i + 1] = b | (value & 0xFFFFFFFFL);
    if (++size * 4L > (mask + 1L) * 3L) { // load factor 0.75
      grow();
    }
    return -1;
  }

  /**
   * Reads the first word of the slot where a lookup of fingerprint (a, ...) starts, and returns it:
   * called for a batch of keys in a row before they are looked up one by one, so that the cache
   * misses of the batch overlap instead of coming one at a time between the checks of each record.
   * It changes nothing.
   */
  long touch(long a) {
    return table[2 * ((int) (a >>> 1) & mask)];
  }

  private void allocate(int slots) {
    table = new long[2 * slots];
    mask = slots - 1;
  }

  private void grow() {
    long[] old = table;
    allocate((mask + 1) * 2);
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] != 0) {
        int i = (int) (old[j] >>> 1) & mask;
        while (table[2 * i] != 0) {
          i = (i + 1) & mask;
        }
        table[2 * i] = old[j];
        table[2 * i + 1] = old[j + 1];
      }
    }
  }

  private final long[] scratch = new long[2];

  /**
   * Writes the fingerprint of {@code s} to out[at] and out[at + 1]: two 64-bit hashes of its
   * characters (two independent chains run side by side in one pass), seeded and finished with the
   * murmur3 mixer so every bit is usable, the first with its lowest bit set (so never 0) and the
   * second cut to its high half. A pure function of the characters, so it may be worked out on
   * another thread.
   */
  static void fingerprint(String s, long[] out, int at) {
    int n = s.length();
    long h1 = SEED_1 ^ n;
    long h2 = SEED_2 ^ n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      h1 = Long.rotateLeft((h1 ^ c) * 0x100000001B3L + SEED_1, 23);
      h2 = Long.rotateLeft((h2 ^ c) * 0x100000001B3L + SEED_2, 23);
    }
    out[at] = mix(h1) | 1L;
    out[at + 1] = mix(h2) & HIGH;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
