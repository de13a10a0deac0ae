package org.odtrial.analysis.competing.internal;

import java.util.Locale;
import org.odtrial.analysis.internal.Ranks;

/**
 * Competing-risks input shared by the estimators of the package: times with status codes (0 =
 * censored, any other code = an event of that cause, as cmprsk's {@code fstatus} with {@code
 * cencode = 0}), checked once and sorted by time.
 */
public final class Status {
  private Status() {}

  /** Checks lengths, finite non-negative times, non-negative status codes and a positive cause. */
  public static void check(double[] time, int[] status, int cause) {
    if (time == null || status == null) {
      throw new IllegalArgumentException("time and status must not be null");
    }
    if (time.length != status.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "time has %d values but status has %d", time.length, status.length));
    }
    for (int i = 0; i < time.length; i++) {
      if (!Double.isFinite(time[i]) || time[i] < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "time[%d] = %s is not a finite non-negative number", i, time[i]));
      }
      if (status[i] < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "status[%d] = %d: codes are 0 (censored) or a positive cause",
                i,
                status[i]));
      }
    }
    if (cause <= 0) {
      throw new IllegalArgumentException("the cause of interest must be a positive code");
    }
  }

  /** Checks that a per-observation integer array has one value per observation. */
  public static void checkLength(String what, int[] values, int n) {
    if (values == null || values.length != n) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must have one value per observation (%d)", what, n));
    }
  }

  /** Indices that sort time ascending, ties in input order. */
  public static int[] byTime(double[] time) {
    return Ranks.orderAscending(time);
  }

  /** Sorted distinct codes. */
  public static int[] distinct(int[] codes) {
    return Ranks.distinct(codes);
  }
}
