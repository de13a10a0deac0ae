package org.odtrial.analysis.internal;

import java.util.Arrays;

/**
 * Dense ranks, sorted distinct values and stable sort orders of times and codes, shared by the
 * survival and competing-risks estimators. Values are ordered as {@link Double#compare} orders them
 * (-0.0 before 0.0, NaN last), as {@link Arrays#sort(double[])} does.
 *
 * <p>Each result is unique (dense ranks, and a stable order of a total preorder), so how it is
 * computed cannot change it. Whole numbers in a range not much wider than the data (days, cluster
 * codes: what every analysis sorts) are ranked by counting, in O(n + range); anything else by one
 * sort of a copy and a binary search per value.
 */
public final class Ranks {

  /** Ranges up to this wide are always counted; wider ones only up to twice the data's length. */
  private static final long SMALL_RANGE = 1 << 16;

  /** No range wider than this is counted, whatever the data's length. */
  private static final long MAX_RANGE = 1 << 24;

  /**
   * Dense ranks.
   *
   * @param rank 0.. per value in increasing order; equal values share a rank
   * @param distinct how many distinct values there are (the largest rank plus one)
   */
  public record Dense(int[] rank, int distinct) {}

  private Ranks() {}

  /** Dense ranks of {@code key}. */
  public static Dense of(double[] key) {
    Dense counted = counted(key);
    return counted != null ? counted : sorted(key);
  }

  /** Dense ranks of integer codes. */
  public static Dense of(int[] codes) {
    int n = codes.length;
    if (n == 0) {
      return new Dense(new int[0], 0);
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int c : codes) {
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    long range = (long) max - min;
    if (!countable(range, n)) {
      int[] distinct = distinct(codes);
      int[] rank = new int[n];
      for (int i = 0; i < n; i++) {
        rank[i] = Arrays.binarySearch(distinct, codes[i]);
      }
      return new Dense(rank, distinct.length);
    }
    int[] index = new int[(int) range + 1];
    for (int c : codes) {
      index[c - min] = 1;
    }
    int m = prefixIndex(index);
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[i] = index[codes[i] - min];
    }
    return new Dense(rank, m);
  }

  /** Sorted distinct values of integer codes. */
  public static int[] distinct(int[] codes) {
    int n = codes.length;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int c : codes) {
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    long range = (long) max - min;
    if (n == 0 || !countable(range, n)) {
      int[] s = codes.clone();
      Arrays.sort(s);
      int m = 0;
      for (int i = 0; i < s.length; i++) {
        if (i == 0 || s[i] != s[i - 1]) {
          s[m++] = s[i];
        }
      }
      return Arrays.copyOf(s, m);
    }
    boolean[] present = new boolean[(int) range + 1];
    int m = 0;
    for (int c : codes) {
      if (!present[c - min]) {
        present[c - min] = true;
        m++;
      }
    }
    int[] out = new int[m];
    int k = 0;
    for (int v = 0; v < present.length; v++) {
      if (present[v]) {
        out[k++] = min + v;
      }
    }
    return out;
  }

  /** Indices that sort {@code key} ascending; stable (ties keep input order). */
  public static int[] orderAscending(double[] key) {
    Dense d = of(key);
    return orderByRank(d.rank(), d.distinct());
  }

  /** Indices that sort {@code key} descending; stable (ties keep input order). */
  public static int[] orderDescending(double[] key) {
    Dense d = of(key);
    int m = d.distinct();
    int[] rank = d.rank();
    for (int i = 0; i < rank.length; i++) {
      rank[i] = m - 1 - rank[i];
    }
    return orderByRank(rank, m);
  }

  /**
   * Stable counting sort of the identity permutation by integer rank in [0, m): a sort plus a
   * binary search per value is much faster than a comparison sort on indices for a million rows.
   */
  public static int[] orderByRank(int[] rank, int m) {
    int[] count = new int[m + 1];
    for (int r : rank) {
      count[r + 1]++;
    }
    for (int i = 1; i <= m; i++) {
      count[i] += count[i - 1];
    }
    int[] out = new int[rank.length];
    for (int i = 0; i < rank.length; i++) {
      out[count[rank[i]]++] = i;
    }
    return out;
  }

  /** Ranks by counting when every value is a whole number (not -0.0) in a small range; or null. */
  private static Dense counted(double[] key) {
    int n = key.length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : key) {
      // NaN fails the range test; -0.0 would merge with 0.0, which Double.compare keeps apart.
      if (!(v >= -MAX_RANGE && v <= MAX_RANGE) || v != Math.rint(v) || isNegativeZero(v)) {
        return null;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (n == 0 || !countable((long) (max - min), n)) {
      return null;
    }
    int lo = (int) min;
    int[] index = new int[(int) (max - min) + 1];
    for (double v : key) {
      index[(int) v - lo] = 1;
    }
    int m = prefixIndex(index);
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[i] = index[(int) key[i] - lo];
    }
    return new Dense(rank, m);
  }

  private static Dense sorted(double[] key) {
    double[] s = key.clone();
    Arrays.sort(s);
    int m = 0;
    for (int i = 0; i < s.length; i++) {
      // Double.compare, not ==: it keeps -0.0 and 0.0 apart and NaNs together, as the sort does.
      if (i == 0 || Double.compare(s[i], s[i - 1]) != 0) {
        s[m++] = s[i];
      }
    }
    double[] distinct = Arrays.copyOf(s, m);
    int[] rank = new int[key.length];
    for (int i = 0; i < key.length; i++) {
      rank[i] = Arrays.binarySearch(distinct, key[i]);
    }
    return new Dense(rank, m);
  }

  /**
   * Turns presence flags (1 or 0) into the dense index of each present value; returns the count.
   */
  private static int prefixIndex(int[] index) {
    int m = 0;
    for (int v = 0; v < index.length; v++) {
      if (index[v] != 0) {
        index[v] = m++;
      }
    }
    return m;
  }

  private static boolean countable(long range, int n) {
    return range <= MAX_RANGE && range <= Math.max(SMALL_RANGE, 2L * n);
  }

  private static boolean isNegativeZero(double v) {
    return v == 0 && Double.doubleToRawLongBits(v) != 0;
  }
}
