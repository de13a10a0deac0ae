package org.odtrial.analysis.survival.internal;

import java.util.Locale;
import org.odtrial.analysis.internal.Ranks;

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
    return Ranks.orderAscending(key);
  }

  /** Indices that sort {@code key} descending; stable (ties keep input order). */
  public static int[] orderDescending(double[] key) {
    return Ranks.orderDescending(key);
  }

  /** Dense ranks 0.. of the values in increasing order (equal values share a rank). */
  public static int[] ranks(double[] key) {
    return Ranks.of(key).rank();
  }

  /** Dense ranks 0.. of integer codes in increasing order. */
  public static int[] ranks(int[] codes) {
    return Ranks.of(codes).rank();
  }

  /** Sorted distinct values. */
  public static int[] distinct(int[] codes) {
    return Ranks.distinct(codes);
  }

  /** Stable counting sort of the identity permutation by integer rank in [0, m). */
  public static int[] orderByRank(int[] rank, int m) {
    return Ranks.orderByRank(rank, m);
  }
}
