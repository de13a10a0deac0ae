package org.odtrial.ingest.store.internal;

/**
 * Fingerprint of a record's exact uploaded values, used only to tell whether two versions of the
 * same key differ.
 *
 * <p>It is MurmurHash3 x64 128 (seed 0) over this byte string: per value in canonical column order,
 * an 8-byte little-endian length in UTF-16 code units (-1 for a missing value), then the value's
 * UTF-16LE code units padded with zero bytes to a multiple of 8. The 16 result bytes are h1 then
 * h2, each little-endian. Hashing UTF-16 directly avoids encoding every value; it is exact because
 * two strings are equal iff their code units are. A cryptographic hash is not needed: no one
 * chooses records to collide, and 128 bits make an accidental collision between two versions of one
 * key practically impossible. This format is part of the stored data: changing it is a schema
 * migration.
 */
public final class RecordHasher {
  public static final int LENGTH = 16;

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private long h1;
  private long h2;
  private long pending;
  private boolean hasPending;
  private long bytes;

  public byte[] hash(String[] values) {
    h1 = 0;
    h2 = 0;
    hasPending = false;
    bytes = 0;
    for (String value : values) {
      if (value == null) {
        word(-1L);
        continue;
      }
      int n = value.length();
      word(n);
      int i = 0;
      for (; i + 4 <= n; i += 4) {
        word(
            value.charAt(i)
                | (long) value.charAt(i + 1) << 16
                | (long) value.charAt(i + 2) << 32
                | (long) value.charAt(i + 3) << 48);
      }
      if (i < n) {
        long w = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
          w |= (long) value.charAt(i) << shift;
        }
        word(w);
      }
    }
    return finish();
  }

  /** Feeds 8 bytes; every second word completes a 16-byte Murmur block. */
  private void word(long w) {
    bytes += 8;
    if (!hasPending) {
      pending = w;
      hasPending = true;
      return;
    }
    hasPending = false;
    long k1 = pending;
    long k2 = w;
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    k1 *= C2;
    h1 ^= k1;
    h1 = Long.rotateLeft(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    k2 *= C1;
    h2 ^= k2;
    h2 = Long.rotateLeft(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
  }

  private byte[] finish() {
    if (hasPending) {
      // a tail of 8 bytes: Murmur mixes it into h1 only
      long k1 = pending;
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    h1 ^= bytes;
    h2 ^= bytes;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (h1 >>> (8 * i));
      out[8 + i] = (byte) (h2 >>> (8 * i));
    }
    return out;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
