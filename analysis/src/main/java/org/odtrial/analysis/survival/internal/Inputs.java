package org.odtrial.analysis.survival.internal;

import java.util.Locale;

/** Argument checks and index sorting shared by the survival estimators. */
public final class Inputs {

    private Inputs() {
    }

    /** Checks equal lengths and finite, non-negative times. */
    public static void checkSurvival(double[] time, boolean[] event) {
        if (time == null || event == null) {
            throw new IllegalArgumentException("time and event must not be null");
        }
        if (time.length != event.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "time has %d values but event has %d", time.length, event.length));
        }
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || time[i] < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "time[%d] = %s is not a finite non-negative number", i, time[i]));
            }
        }
    }

    /** Checks that an integer array (groups, strata, clusters) matches the number of observations. */
    public static void checkLength(String what, int[] values, int n) {
        if (values == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (values.length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %d values but there are %d observations", what, values.length, n));
        }
    }

    /** Indices that sort {@code key} ascending; stable (ties keep input order). */
    public static int[] orderAscending(double[] key) {
        int n = key.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] buf = new int[n];
        // Bottom-up merge sort on primitive indices: stable and O(n log n) without boxing.
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += width << 1) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + (width << 1), n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    buf[k++] = key[idx[j]] < key[idx[i]] ? idx[j++] : idx[i++];
                }
                while (i < mid) {
                    buf[k++] = idx[i++];
                }
                while (j < hi) {
                    buf[k++] = idx[j++];
                }
            }
            int[] tmp = idx;
            idx = buf;
            buf = tmp;
        }
        return idx;
    }
}
