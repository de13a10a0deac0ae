package org.odtrial.ingest.validate.internal;

/**
 * A map from strings to non-negative ints that keeps only a 128-bit fingerprint of each key (two independent 64-bit
 * hashes), in flat primitive arrays: about 40 bytes per key instead of several hundred for a HashMap of Strings. Two
 * different keys share a fingerprint with probability about n^2 / 2^129 (below 1e-26 for ten million keys); that is
 * the only way a lookup can be wrong.
 */
public final class FingerprintIndex {
  private long[] h1;
  private long[] h2;
  private int[] values; // value + 1; 0 = empty slot
  private int size;
  private int mask;

  public FingerprintIndex() {
    allocate(1 << 10);
  }

  public int size() {
    return size;
  }

  /** The value stored for key, or -1. */
  public int get(CharSequence key) {
    long a = hash(key, 0x9E3779B97F4A7C15L);
    long b = hash(key, 0xC2B2AE3D27D4EB4FL);
    int i = (int) a & mask;
    while (values[i] != 0) {
      if (h1[i] == a && h2[i] == b) {
        return values[i] - 1;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Stores key -> value unless key is present; returns the value already there, or -1 if it was added. */
  public int putIfAbsent(CharSequence key, int value) {
    long a = hash(key, 0x9E3779B97F4A7C15L);
    long b = hash(key, 0xC2B2AE3D27D4EB4FL);
    int i = (int) a & mask;
    while (values[i] != 0) {
      if (h1[i] == a && h2[i] == b) {
        return values[i] - 1;
      }
      i = (i + 1) & mask;
    }
    h1[i] = a;
    h2[i] = b;
    values[i] = value + 1;
    if (++size * 2 > values.length) {
      grow();
    }
    return -1;
  }

  private void allocate(int capacity) {
    h1 = new long[capacity];
    h2 = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  private void grow() {
    long[] oa = h1;
    long[] ob = h2;
    int[] ov = values;
    allocate(ov.length * 2);
    for (int j = 0; j < ov.length; j++) {
      if (ov[j] != 0) {
        int i = (int) oa[j] & mask;
        while (values[i] != 0) {
          i = (i + 1) & mask;
        }
        h1[i] = oa[j];
        h2[i] = ob[j];
        values[i] = ov[j];
      }
    }
  }

  /** A 64-bit hash of the characters, seeded; finished with the murmur3 mixer so low bits are usable. */
  static long hash(CharSequence s, long seed) {
    long h = seed ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L + seed;
      h = Long.rotateLeft(h, 23);
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
