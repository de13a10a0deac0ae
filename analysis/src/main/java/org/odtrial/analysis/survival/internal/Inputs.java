package org.odtrial.analysis.survival.internal;

import java.util.Arrays;
import java.util.Locale;

/** Argument checks and index sorting shared by the survival estimators. */
public final class Inputs {

  private Inputs() {}

  /** Checks equal lengths and finite, non-negative times. */
  public static void checkSurvival(double[] time, boolean[] event) {
    if (time == null || event == null) {
      throw new IllegalArgumentException("time and event must not be null");
    }
    if (time.length != event.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "time has %d values but event has %d", time.length, event.length));
    }
    for (int i = 0; i < time.length; i++) {
      if (!Double.isFinite(time[i]) || time[i] < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "time[%d] = %s is not a finite non-negative number", i, time[i]));
      }
    }
  }

  /** Checks that an integer array (groups, strata, clusters) matches the number of observations. */
  public static void checkLength(String what, int[] values, int n) {
    if (values == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (values.length != n) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s has %d values but there are %d observations",
              what,
              values.length,
              n));
    }
  }

  /** Indices that sort {@code key} ascending; stable (ties keep input order). */
  public static int[] orderAscending(double[] key) {
    return orderByRank(ranks(key), distinctCount(key));
  }

  /** Indices that sort {@code key} descending; stable (ties keep input order). */
  public static int[] orderDescending(double[] key) {
    int m = distinctCount(key);
    int[] rank = ranks(key);
    for (int i = 0; i < rank.length; i++) {
      rank[i] = m - 1 - rank[i];
    }
    return orderByRank(rank, m);
  }

  /** Dense ranks 0.. of the values in increasing order (equal values share a rank). */
  public static int[] ranks(double[] key) {
    double[] distinct = distinct(key);
    int[] rank = new int[key.length];
    for (int i = 0; i < key.length; i++) {
      rank[i] = Arrays.binarySearch(distinct, key[i]);
    }
    return rank;
  }

  /** Dense ranks 0.. of integer codes in increasing order. */
  public static int[] ranks(int[] codes) {
    int[] distinct = distinct(codes);
    int[] rank = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      rank[i] = Arrays.binarySearch(distinct, codes[i]);
    }
    return rank;
  }

  /** Sorted distinct values. */
  public static int[] distinct(int[] codes) {
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

  private static double[] distinct(double[] key) {
    double[] s = key.clone();
    Arrays.sort(s);
    int m = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[m++] = s[i];
      }
    }
    return Arrays.copyOf(s, m);
  }

  private static int distinctCount(double[] key) {
    return distinct(key).length;
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
}
