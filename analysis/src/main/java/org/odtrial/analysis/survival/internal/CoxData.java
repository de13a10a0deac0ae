package org.odtrial.analysis.survival.internal;

import java.util.Arrays;

/**
 * Cox input sorted once for the risk-set sweeps: by stratum, then time descending. Covariates are
 * centred and scaled like survival's {@code coxfit6} (columns whose values all lie in {-1, 0, 1}
 * are left alone, others are centred on their mean and scaled by n / sum |x - mean|); this does not
 * change the Newton iterates but makes the singularity tolerance behave as in R.
 *
 * <p>Counting-process data (start, stop] also carries the start times and, for the sweeps that drop
 * a row from the risk set once the sweep passes its start, the rows in order of stratum and start
 * descending. Case weights are 1 unless given.
 */
public final class CoxData {

  final int n;
  final int p;

  /** Row-major n x p, sorted, centred and scaled. */
  final double[] x;

  final double[] time;
  final boolean[] status;

  /** Case weights, sorted; all 1 without weights. */
  final double[] weight;

  /** Start times, sorted; null for right-censored data (every row at risk from the origin). */
  final double[] start;

  /**
   * Sorted positions in order of stratum, then start time descending (null without start times):
   * the order in which a sweep down the time axis drops rows from the risk set.
   */
  final int[] byStart;

  /**
   * Per sorted row, 1 / g(time-) for a row carried in the risk set after its own time (see {@link
   * Tails}), 0 for every other row; null without tails.
   */
  final double[] tailScale;

  /** Per tie group, g(t-) at the group's time; null without tails. */
  final double[] groupTailFactor;

  /**
   * Rows that stay in the risk set after their own time T, with case weight times g(t-) / g(T-) at
   * later event times t (the Fine-Gray risk sets with the censoring survival g, as survival's
   * {@code finegray} weights them). g is a right-continuous step function: 1 before the first step
   * time, {@code stepValues[j]} from {@code stepTimes[j]} (increasing) on.
   *
   * @param carried per input row: carried after its time (it must not be an event)
   * @param stepTimes where g steps
   * @param stepValues g from each step time on
   */
  public record Tails(boolean[] carried, double[] stepTimes, double[] stepValues) {
    /** g(t-): the value after the last step time before t, 1 if there is none. */
    double before(double t) {
      int lo = 0;
      int hi = stepTimes.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (stepTimes[mid] < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == 0 ? 1.0 : stepValues[lo - 1];
    }
  }

  /** Start index (in sorted order) of each tie group (same stratum and time); length groups + 1. */
  final int[] groupStart;

  /** Start group of each stratum; length strata + 1. */
  final int[] strataGroupStart;

  /** Sorted position -> original row. */
  final int[] order;

  final double[] mean;
  final double[] scale;

  /**
   * Counting-process data: row i is at risk at event times t with start[i] < t <= time[i] and
   * counts with case weight weight[i]; rows may be carried after their time (right-censored data in
   * one stratum only).
   *
   * @param inStart start times, or null for right-censored data
   * @param inWeight case weights, or null for weights 1
   * @param tails rows carried in the risk set after their own time, or null
   */
  public CoxData(
      double[] inStart,
      double[] inTime,
      boolean[] inStatus,
      double[] inWeight,
      double[][] inX,
      int[] strata,
      Tails tails) {
    n = inTime.length;
    p = n == 0 ? 0 : inX[0].length;
    int[] stratumRank = strata == null ? new int[n] : Inputs.ranks(strata);
    int[] byTime = Inputs.orderDescending(inTime);
    order = stableByStratum(byTime, stratumRank);
    time = new double[n];
    status = new boolean[n];
    weight = new double[n];
    start = inStart == null ? null : new double[n];
    x = new double[n * p];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      time[k] = inTime[i];
      status[k] = inStatus[i];
      weight[k] = inWeight == null ? 1.0 : inWeight[i];
      if (start != null) {
        start[k] = inStart[i];
      }
      if (p == 1) {
        x[k] = inX[i][0];
      } else {
        System.arraycopy(inX[i], 0, x, k * p, p);
      }
    }
    if (start == null) {
      byStart = null;
    } else {
      int[] sortedRank = new int[n];
      for (int k = 0; k < n; k++) {
        sortedRank[k] = stratumRank[order[k]];
      }
      byStart = stableByStratum(Inputs.orderDescending(start), sortedRank);
    }
    mean = new double[p];
    scale = new double[p];
    centreAndScale();
    int[] gs = new int[n + 1];
    int[] ss = new int[n + 1];
    int groups = 0;
    int strataCount = 0;
    for (int k = 0; k < n; k++) {
      boolean newStratum = k == 0 || stratumRank[order[k]] != stratumRank[order[k - 1]];
      if (newStratum) {
        ss[strataCount++] = groups;
      }
      if (newStratum || time[k] != time[k - 1]) {
        gs[groups++] = k;
      }
    }
    gs[groups] = n;
    ss[strataCount] = groups;
    groupStart = Arrays.copyOf(gs, groups + 1);
    strataGroupStart = Arrays.copyOf(ss, strataCount + 1);
    if (tails == null) {
      tailScale = null;
      groupTailFactor = null;
    } else {
      if (start != null || strataCount > 1) {
        throw new IllegalArgumentException(
            "rows carried after their time need right-censored data in one stratum");
      }
      tailScale = new double[n];
      for (int k = 0; k < n; k++) {
        if (tails.carried()[order[k]]) {
          if (status[k]) {
            throw new IllegalArgumentException("an event row cannot be carried after its time");
          }
          tailScale[k] = 1 / tails.before(time[k]);
        }
      }
      groupTailFactor = new double[groups];
      for (int g = 0; g < groups; g++) {
        groupTailFactor[g] = tails.before(time[groupStart[g]]);
      }
    }
  }

  /** Three row-wise passes over x (cache friendly for large n): sums, centring, scaling. */
  private void centreAndScale() {
    boolean[] special = new boolean[p];
    Arrays.fill(special, true);
    double[] sum = new double[p];
    for (int k = 0; k < n; k++) {
      int off = k * p;
      for (int j = 0; j < p; j++) {
        double v = x[off + j];
        if (v != 0 && v != 1 && v != -1) {
          special[j] = false;
        }
        sum[j] += v;
      }
    }
    double[] abs = new double[p];
    for (int j = 0; j < p; j++) {
      mean[j] = special[j] ? 0 : sum[j] / n;
    }
    for (int k = 0; k < n; k++) {
      int off = k * p;
      for (int j = 0; j < p; j++) {
        if (!special[j]) {
          double v = x[off + j] - mean[j];
          x[off + j] = v;
          abs[j] += Math.abs(v);
        }
      }
    }
    for (int j = 0; j < p; j++) {
      // A constant column centres to all zeros: scale 1, and it shows up as aliased.
      scale[j] = special[j] ? 1 : abs[j] > 0 ? n / abs[j] : 1.0;
    }
    for (int k = 0; k < n; k++) {
      int off = k * p;
      for (int j = 0; j < p; j++) {
        x[off + j] *= scale[j];
      }
    }
  }

  /** Sorted position to original row. */
  public int[] order() {
    return order;
  }

  /** Scale factor applied to each (centred) covariate. */
  public double[] scale() {
    return scale;
  }

  int groups() {
    return groupStart.length - 1;
  }

  /** Stable counting sort of an index permutation by stratum rank. */
  private static int[] stableByStratum(int[] idx, int[] rank) {
    int max = 0;
    for (int r : rank) {
      max = Math.max(max, r);
    }
    int[] count = new int[max + 2];
    for (int r : rank) {
      count[r + 1]++;
    }
    for (int i = 1; i < count.length; i++) {
      count[i] += count[i - 1];
    }
    int[] out = new int[idx.length];
    for (int i : idx) {
      out[count[rank[i]]++] = i;
    }
    return out;
  }
}
