package org.odtrial.analysis.survival;

import java.util.Locale;
import org.odtrial.analysis.survival.internal.ConfidenceBands;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * Kaplan-Meier estimator for right-censored data with Greenwood variance, agreeing with {@code
 * survfit(Surv(time, event) ~ 1, conf.type = ..., conf.int = ...)}; with {@link
 * #withClusters(int[])}, the cluster-robust (grouped infinitesimal jackknife) variance of {@code
 * survfit(..., cluster = c, influence = TRUE)}. Immutable.
 *
 * <p>Times are compared exactly: survfit's {@code timefix} merging of times that differ only by
 * floating-point noise is not applied (integer day counts are unaffected).
 */
public final class KaplanMeier {

  private final double[] time;
  private final boolean[] event;
  private final ConfType confType;
  private final double confLevel;
  private final int[] clusters;

  private KaplanMeier(
      double[] time, boolean[] event, ConfType confType, double confLevel, int[] clusters) {
    this.time = time;
    this.event = event;
    this.confType = confType;
    this.confLevel = confLevel;
    this.clusters = clusters;
  }

  /** Kaplan-Meier for {@code time[i]} with {@code event[i]} (true = event, false = censored). */
  public static KaplanMeier of(double[] time, boolean[] event) {
    Inputs.checkSurvival(time, event);
    return new KaplanMeier(time.clone(), event.clone(), ConfType.LOG, 0.95, null);
  }

  /** Confidence interval transform (default {@link ConfType#LOG}, as survfit). */
  public KaplanMeier withConfType(ConfType type) {
    if (type == null) {
      throw new IllegalArgumentException("conf type must not be null");
    }
    return new KaplanMeier(time, event, type, confLevel, clusters);
  }

  /** Confidence level in (0, 1) (default 0.95). */
  public KaplanMeier withConfLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "conf level %s not in (0, 1)", level));
    }
    return new KaplanMeier(time, event, confType, level, clusters);
  }

  /**
   * Cluster codes, one per observation: the standard error becomes the cluster-robust one of {@code
   * survfit(..., cluster = c)}, the square root of the summed squared influences of the clusters on
   * S(t) (Greenwood is no longer used), and the fit carries the influence matrix ({@code
   * influence.surv}).
   */
  public KaplanMeier withClusters(int[] c) {
    Inputs.checkLength("clusters", c, time.length);
    return new KaplanMeier(time, event, confType, confLevel, c.clone());
  }

  /** Computes the step function. */
  public KaplanMeierFit fit() {
    int n = time.length;
    int[] order = Inputs.orderAscending(time);
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || time[order[k]] != time[order[k - 1]]) {
        distinct++;
      }
    }
    double[] t = new double[distinct];
    int[] nRisk = new int[distinct];
    int[] nEvent = new int[distinct];
    int[] nCensor = new int[distinct];
    double[] surv = new double[distinct];
    double[] se = new double[distinct];
    double[] lower = new double[distinct];
    double[] upper = new double[distinct];
    double z = ConfidenceBands.z(confLevel);
    double s = 1;
    double greenwood = 0;
    int k = 0;
    ClusterInfluence ij = clusters == null ? null : new ClusterInfluence(clusters, distinct);
    for (int j = 0; j < distinct; j++) {
      double tj = time[order[k]];
      int risk = n - k;
      int d = 0;
      int c = 0;
      int first = k;
      while (k < n && time[order[k]] == tj) {
        if (event[order[k]]) {
          d++;
        } else {
          c++;
        }
        k++;
      }
      if (ij != null) {
        ij.step(j, s, risk, d, order, first, k, event);
      }
      if (d > 0) {
        s *= (risk - d) / (double) risk;
        // survfit: d / (n (n - d)) is infinite once everyone at risk dies.
        greenwood += risk == d ? Double.POSITIVE_INFINITY : d / ((double) risk * (risk - d));
      }
      t[j] = tj;
      nRisk[j] = risk;
      nEvent[j] = d;
      nCensor[j] = c;
      surv[j] = s;
      // With clusters, R's std.err is the robust se of S itself; kept here as se of log S.
      se[j] = ij == null ? Math.sqrt(greenwood) : ij.seLog(j, s);
      double[] lim = ConfidenceBands.limits(s, se[j], confType, z);
      lower[j] = lim[0];
      upper[j] = lim[1];
    }
    return new KaplanMeierFit(
        t,
        nRisk,
        nEvent,
        nCensor,
        surv,
        se,
        lower,
        upper,
        confType,
        confLevel,
        n,
        ij == null ? 0 : ij.clusters(),
        ij == null ? null : ij.influence());
  }

  /**
   * The grouped infinitesimal jackknife of survfitkm: the derivative of S(t_j) with respect to the
   * weight of each cluster, updated at every event time by the product rule, I_j = I_{j-1} (1 -
   * h_j) + S(t_{j-1}) (Y_g h_j - dN_g) / n_j, where Y_g and dN_g are the cluster's numbers at risk
   * and of events at t_j, h_j = d_j / n_j.
   */
  private static final class ClusterInfluence {
    private final int[] code;
    private final int[] atRisk;
    private final double[] current;
    private final double[][] influence;
    private final double[] seSurv;

    ClusterInfluence(int[] clusters, int times) {
      int[] labels = Inputs.distinct(clusters);
      code = new int[clusters.length];
      for (int i = 0; i < clusters.length; i++) {
        code[i] = java.util.Arrays.binarySearch(labels, clusters[i]);
      }
      atRisk = new int[labels.length];
      for (int g : code) {
        atRisk[g]++;
      }
      current = new double[labels.length];
      influence = new double[labels.length][times];
      seSurv = new double[times];
    }

    /** Time j with {@code sBefore} = S(t_{j-1}); rows order[from..to) are the ones at t_j. */
    void step(
        int j, double sBefore, int risk, int d, int[] order, int from, int to, boolean[] event) {
      if (d > 0) {
        double h = d / (double) risk;
        for (int g = 0; g < current.length; g++) {
          current[g] = current[g] * (1 - h) + atRisk[g] * sBefore * h / risk;
        }
        double sum = 0;
        for (int r = from; r < to; r++) {
          if (event[order[r]]) {
            current[code[order[r]]] -= sBefore / risk;
          }
        }
        for (double v : current) {
          sum += v * v;
        }
        seSurv[j] = Math.sqrt(sum);
      } else {
        seSurv[j] = j == 0 ? 0 : seSurv[j - 1];
      }
      for (int r = from; r < to; r++) {
        atRisk[code[order[r]]]--;
      }
      for (int g = 0; g < current.length; g++) {
        influence[g][j] = current[g];
      }
    }

    /** se of log S, as the confidence limits use it: R's robust std.err / S (0 where it is 0). */
    double seLog(int j, double s) {
      return seSurv[j] == 0 ? 0 : seSurv[j] / s;
    }

    int clusters() {
      return current.length;
    }

    double[][] influence() {
      return influence;
    }
  }
}
