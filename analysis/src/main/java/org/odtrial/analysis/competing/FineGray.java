package org.odtrial.analysis.competing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.competing.internal.Status;
import org.odtrial.analysis.survival.CoxModel;
import org.odtrial.analysis.survival.Ties;

/**
 * The Fine-Gray (1999) proportional subdistribution hazards model, computed exactly as survival's
 * {@code finegray} + {@code coxph} computes it: the data are expanded with censoring weights
 * ({@code finegray(Surv(time, factor(status)) ~ ., data, etype = cause)}: a subject with a
 * competing event stays in the risk set after it, over the intervals where events of the cause
 * occur, with weight G(t-) / G(T-), G the Kaplan-Meier estimate of the censoring distribution),
 * then {@code coxph(Surv(fgstart, fgstop, fgstatus) ~ x, weights = fgwt, cluster = ...)} is fitted
 * to the expanded rows. Right-censored data, one stratum, no delayed entry. Immutable.
 */
public final class FineGray {

  /**
   * The expanded data set of {@code finegray}: for each row, the subject (0-based index into the
   * input), the interval (start, stop], whether it ends in an event of the cause, and its weight.
   */
  public record Rows(
      int[] subject, double[] start, double[] stop, boolean[] status, double[] weight) {
    public int size() {
      return subject.length;
    }
  }

  private final double[] time;
  private final int[] status;
  private final double[][] x;
  private final int cause;
  private final int[] clusters;
  private final List<String> names;
  private final Ties ties;
  private final double confLevel;

  private FineGray(
      double[] time,
      int[] status,
      double[][] x,
      int cause,
      int[] clusters,
      List<String> names,
      Ties ties,
      double confLevel) {
    this.time = time;
    this.status = status;
    this.x = x;
    this.cause = cause;
    this.clusters = clusters;
    this.names = names;
    this.ties = ties;
    this.confLevel = confLevel;
  }

  /**
   * Model for times, status codes (0 censored, a positive code the event's cause) and covariate
   * rows x (n x p, p >= 1); the cause of interest is 1 unless {@link #forCause} says otherwise.
   */
  public static FineGray of(double[] time, int[] status, double[][] x) {
    Status.check(time, status, 1);
    if (x == null || x.length != time.length) {
      throw new IllegalArgumentException("x must have one row per observation");
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < (x.length == 0 ? 0 : x[0].length); j++) {
      names.add("x" + (j + 1));
    }
    return new FineGray(
        time.clone(), status.clone(), x, 1, null, List.copyOf(names), Ties.EFRON, 0.95);
  }

  /** The cause whose subdistribution hazard is modelled ({@code etype}). */
  public FineGray forCause(int c) {
    Status.check(time, status, c);
    return new FineGray(time, status, x, c, clusters, names, ties, confLevel);
  }

  /**
   * Cluster codes of the subjects: every expanded row of a subject belongs to its subject's cluster
   * ({@code coxph(..., cluster = cluster_id)} on the expanded data). Without clusters coxph's
   * default applies: the weights are not whole numbers, so each expanded row is its own cluster.
   */
  public FineGray withClusters(int[] c) {
    Status.checkLength("clusters", c, time.length);
    return new FineGray(time, status, x, cause, c.clone(), names, ties, confLevel);
  }

  /** Covariate names, one per column of x. */
  public FineGray withNames(List<String> n) {
    return new FineGray(time, status, x, cause, clusters, List.copyOf(n), ties, confLevel);
  }

  /** Tie handling of the Cox fit (default Efron, as coxph). */
  public FineGray withTies(Ties t) {
    return new FineGray(time, status, x, cause, clusters, names, t, confLevel);
  }

  /** Level of the confidence intervals (default 0.95). */
  public FineGray withConfLevel(double level) {
    return new FineGray(time, status, x, cause, clusters, names, ties, level);
  }

  /**
   * The expansion of {@code finegray}: the censoring distribution G is the Kaplan-Meier estimate
   * with censoring as the event and the other events leaving the risk set just before a censoring
   * at the same time; the censoring times cut the time axis into intervals, and a subject with a
   * competing event at T is carried on, with weight 1 to the end of the interval holding T, then
   * over each later interval holding an event of the cause with weight G(interval start) / G(T-).
   */
  public Rows expand() {
    int n = time.length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double t : time) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    // finegray's start column: 0, or a value below every time when a time is 0.
    double zero = n == 0 || min > 0 ? 0 : 2 * min - 1;
    // Censoring times c_j with G(c_j); intervals (c_{j-1}, c_j], the last ending at the largest
    // time; cp[j] is G over interval j, G(c_{j-1}).
    double[][] censoring = censoringSurvival();
    int ncut = censoring[0].length + 1;
    double[] ct = Arrays.copyOf(censoring[0], ncut);
    ct[ncut - 1] = max;
    double[] cp = new double[ncut];
    cp[0] = 1;
    System.arraycopy(censoring[1], 0, cp, 1, ncut - 1);
    // An interval j >= 1, (ct[j-1], ct[j]], is kept when an event of the cause falls in it.
    boolean[] keep = new boolean[ncut];
    for (int i = 0; i < n; i++) {
      if (status[i] == cause) {
        int j = firstAtOrAfter(ct, time[i]);
        if (j >= 1 && j < ncut) {
          keep[j] = true;
        }
      }
    }
    int[] subject = new int[n];
    double[] start = new double[n];
    double[] stop = new double[n];
    boolean[] event = new boolean[n];
    double[] weight = new double[n];
    int rows = 0;
    for (int i = 0; i < n; i++) {
      boolean extend = status[i] != 0 && status[i] != cause;
      int j = extend ? firstAtOrAfter(ct, time[i]) : -1;
      int extra = 0;
      if (extend) {
        for (int q = j + 1; q < ncut; q++) {
          extra += keep[q] ? 1 : 0;
        }
      }
      if (rows + 1 + extra > subject.length) {
        int size = Math.max(subject.length * 2, rows + 1 + extra);
        subject = Arrays.copyOf(subject, size);
        start = Arrays.copyOf(start, size);
        stop = Arrays.copyOf(stop, size);
        event = Arrays.copyOf(event, size);
        weight = Arrays.copyOf(weight, size);
      }
      subject[rows] = i;
      start[rows] = zero;
      stop[rows] = extend ? ct[j] : time[i];
      event[rows] = status[i] == cause;
      weight[rows] = 1;
      rows++;
      if (extend) {
        double own = cp[j];
        for (int q = j + 1; q < ncut; q++) {
          if (keep[q]) {
            subject[rows] = i;
            start[rows] = ct[q - 1];
            stop[rows] = ct[q];
            weight[rows] = cp[q] / own;
            rows++;
          }
        }
      }
    }
    return new Rows(
        Arrays.copyOf(subject, rows),
        Arrays.copyOf(start, rows),
        Arrays.copyOf(stop, rows),
        Arrays.copyOf(event, rows),
        Arrays.copyOf(weight, rows));
  }

  /**
   * Fits the model: the weighted Cox fit to the rows {@link #expand} gives, computed on the
   * original rows (each competing-event subject carried in the risk sets after its event with
   * weight G(t-) / G(T-), {@link CoxModel#withCompetingRiskSets}), so memory does not grow with the
   * number of censoring intervals. The robust variance sums each subject's rows within its cluster;
   * without clusters each subject is its own (R: {@code cluster = id}).
   */
  public FineGrayFit fit() {
    int n = time.length;
    boolean[] event = new boolean[n];
    boolean[] competing = new boolean[n];
    int events = 0;
    int competingEvents = 0;
    for (int i = 0; i < n; i++) {
      event[i] = status[i] == cause;
      competing[i] = status[i] != 0 && status[i] != cause;
      events += event[i] ? 1 : 0;
      competingEvents += competing[i] ? 1 : 0;
    }
    int[] c = clusters;
    if (c == null) {
      c = new int[n];
      Arrays.setAll(c, i -> i);
    }
    double[][] censoring = censoringSurvival();
    CoxModel model =
        CoxModel.of(time, event, x)
            .withCompetingRiskSets(competing, censoring[0], censoring[1])
            .withClusters(c)
            .withNames(names)
            .withTies(ties)
            .withConfLevel(confLevel);
    List<String> notes = new ArrayList<>();
    if (events == 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "no events of cause %d: there is no subdistribution hazard to model (finegray "
                  + "returns no rows)",
              cause));
    }
    return new FineGrayFit(model.fit(), n, events, competingEvents, notes);
  }

  /**
   * The censoring distribution of finegray: times with a censoring and G just after each, G the
   * Kaplan-Meier estimate with censoring as the event, where events at the time of a censoring
   * leave the risk set just before it ({0: times, 1: G}).
   */
  private double[][] censoringSurvival() {
    int n = time.length;
    int[] order = Status.byTime(time);
    double[] times = new double[n];
    double[] surv = new double[n];
    int m = 0;
    double g = 1;
    int k = 0;
    while (k < n) {
      double t = time[order[k]];
      int end = k;
      int censored = 0;
      while (end < n && time[order[end]] == t) {
        censored += status[order[end]] == 0 ? 1 : 0;
        end++;
      }
      if (censored > 0) {
        // At risk: later times, and the censored at t (events at t leave just before).
        double atRisk = (n - end) + censored;
        g *= (atRisk - censored) / atRisk;
        times[m] = t;
        surv[m] = g;
        m++;
      }
      k = end;
    }
    return new double[][] {Arrays.copyOf(times, m), Arrays.copyOf(surv, m)};
  }

  /** The first index j with ct[j] >= t, or ct.length if none (ct increasing). */
  private static int firstAtOrAfter(double[] ct, double t) {
    int lo = 0;
    int hi = ct.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ct[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
