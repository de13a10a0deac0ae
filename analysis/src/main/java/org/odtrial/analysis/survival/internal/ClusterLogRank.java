package org.odtrial.analysis.survival.internal;

/**
 * The two-group log-rank chi-square of survdiff as a function of which clusters form the first
 * group, with everything that does not depend on the allocation computed once.
 *
 * <p>At event time t_j (n_j at risk, d_j events) cluster c has r_cj at risk. With a_c = 1 for the
 * clusters of the first group, n1_j = sum_c a_c r_cj, and
 *
 * <pre>
 *   O - E = sum_c a_c m_c,            m_c = o_c - sum_j d_j r_cj / n_j
 *   V     = sum_j w_j (n1_j / n_j)(1 - n1_j / n_j),  w_j = d_j (n_j - d_j) / (n_j - 1)
 *         = sum_c a_c b_c - sum_{c, c'} a_c a_c' Q_cc',
 *           b_c = sum_j w_j r_cj / n_j,  Q_cc' = sum_j w_j r_cj r_c'j / n_j^2,
 * </pre>
 *
 * so an allocation of k clusters costs O(k^2) with Q precomputed (or O(k J) from the at-risk table
 * when there are too many clusters for a C x C matrix). The statistic is (O - E)^2 / V; it is 0
 * when an arm has no one at risk at any event time (survdiff's df = 0) or V = 0.
 */
public final class ClusterLogRank {

  /** Above this many clusters the C x C matrix Q is not built. */
  static final int MAX_QUADRATIC_CLUSTERS = 512;

  private final int clusters;
  private final double[] m;
  private final double[] b;
  private final boolean[] atRisk;
  private final int clustersAtRisk;
  private final double[] q;
  private final int[][] risk;
  private final double[] eventWeight;
  private final double[] nRisk;

  private ClusterLogRank(
      int clusters,
      double[] m,
      double[] b,
      boolean[] atRisk,
      double[] q,
      int[][] risk,
      double[] eventWeight,
      double[] nRisk) {
    this.clusters = clusters;
    this.m = m;
    this.b = b;
    this.atRisk = atRisk;
    int count = 0;
    for (boolean r : atRisk) {
      count += r ? 1 : 0;
    }
    this.clustersAtRisk = count;
    this.q = q;
    this.risk = risk;
    this.eventWeight = eventWeight;
    this.nRisk = nRisk;
  }

  /**
   * @param time observed times
   * @param event event indicators
   * @param cluster cluster index 0..clusters-1 of each observation
   * @param clusters number of clusters (some may have no observations)
   */
  public static ClusterLogRank of(double[] time, boolean[] event, int[] cluster, int clusters) {
    return of(time, event, cluster, clusters, clusters <= MAX_QUADRATIC_CLUSTERS);
  }

  /** As {@link #of(double[], boolean[], int[], int)}, choosing the quadratic form or not. */
  static ClusterLogRank of(
      double[] time, boolean[] event, int[] cluster, int clusters, boolean quadratic) {
    int n = time.length;
    int[] order = Inputs.orderAscending(time);
    // Distinct event times and, per observation, how many of them it is at risk for.
    double[] eventTimes = new double[n];
    int nEventTimes = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (event[i] && (nEventTimes == 0 || eventTimes[nEventTimes - 1] != time[i])) {
        eventTimes[nEventTimes++] = time[i];
      }
    }
    int jCount = nEventTimes;
    double[] d = new double[jCount];
    double[][] r = new double[clusters][jCount];
    double[] own = new double[clusters];
    int j = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      while (j < jCount && eventTimes[j] <= time[i]) {
        j++;
      }
      // at risk for event times 0..j-1 (those <= its time): counted at j-1, summed below
      if (j > 0) {
        r[cluster[i]][j - 1] += 1;
      }
      if (event[i]) {
        d[j - 1] += 1;
        own[cluster[i]] += 1;
      }
    }
    for (double[] row : r) {
      for (int t = jCount - 2; t >= 0; t--) {
        row[t] += row[t + 1];
      }
    }
    double[] nRisk = new double[jCount];
    for (double[] row : r) {
      for (int t = 0; t < jCount; t++) {
        nRisk[t] += row[t];
      }
    }
    double[] w = new double[jCount];
    for (int t = 0; t < jCount; t++) {
      w[t] = nRisk[t] > 1 ? d[t] * (nRisk[t] - d[t]) / (nRisk[t] - 1) : 0;
    }
    double[] m = new double[clusters];
    double[] b = new double[clusters];
    boolean[] atRisk = new boolean[clusters];
    for (int c = 0; c < clusters; c++) {
      double expected = 0;
      double lin = 0;
      for (int t = 0; t < jCount; t++) {
        expected += d[t] * r[c][t] / nRisk[t];
        lin += w[t] * r[c][t] / nRisk[t];
      }
      m[c] = own[c] - expected;
      b[c] = lin;
      atRisk[c] = jCount > 0 && r[c][0] > 0;
    }
    if (!quadratic) {
      // Whole counts: the sums over a draw's clusters are exact in int and vectorise well.
      int[][] counts = new int[clusters][jCount];
      for (int c = 0; c < clusters; c++) {
        for (int t = 0; t < jCount; t++) {
          counts[c][t] = (int) r[c][t];
        }
      }
      return new ClusterLogRank(clusters, m, b, atRisk, null, counts, w, nRisk);
    }
    double[] q = new double[clusters * clusters];
    double[] scaled = new double[jCount];
    for (int c = 0; c < clusters; c++) {
      for (int t = 0; t < jCount; t++) {
        scaled[t] = w[t] * r[c][t] / (nRisk[t] * nRisk[t]);
      }
      for (int c2 = c; c2 < clusters; c2++) {
        double s = 0;
        double[] rc2 = r[c2];
        for (int t = 0; t < jCount; t++) {
          s += scaled[t] * rc2[t];
        }
        q[c * clusters + c2] = s;
        q[c2 * clusters + c] = s;
      }
    }
    return new ClusterLogRank(clusters, m, b, atRisk, q, null, w, nRisk);
  }

  /** Number of clusters. */
  public int clusters() {
    return clusters;
  }

  /** The chi-square when the first group is the clusters {@code first[0..k)} (distinct indices). */
  public double statistic(int[] first, int k) {
    double lin = 0;
    double vb = 0;
    int inRisk = 0;
    for (int a = 0; a < k; a++) {
      int c = first[a];
      lin += m[c];
      vb += b[c];
      inRisk += atRisk[c] ? 1 : 0;
    }
    if (inRisk == 0 || inRisk == clustersAtRisk) {
      return 0; // one arm has no one at risk at any event time: survdiff's df is 0
    }
    double quad = q != null ? quadraticPart(first, k) : linearPart(first, k, vb);
    double v = vb - quad;
    if (!(v > 1e-12 * vb)) {
      return 0; // no information at any event time with both arms at risk
    }
    return lin * lin / v;
  }

  private double quadraticPart(int[] first, int k) {
    double s = 0;
    for (int a = 0; a < k; a++) {
      int row = first[a] * clusters;
      s += q[row + first[a]];
      double off = 0;
      for (int a2 = a + 1; a2 < k; a2++) {
        off += q[row + first[a2]];
      }
      s += 2 * off;
    }
    return s;
  }

  /** vb - V computed through n1_j, so that the caller's V = vb - this. */
  private double linearPart(int[] first, int k, double vb) {
    int jCount = nRisk.length;
    int[] n1 = new int[jCount];
    for (int a = 0; a < k; a++) {
      int[] rc = risk[first[a]];
      for (int t = 0; t < jCount; t++) {
        n1[t] += rc[t];
      }
    }
    double v = 0;
    for (int t = 0; t < jCount; t++) {
      double p = n1[t] / nRisk[t];
      v += eventWeight[t] * p * (1 - p);
    }
    return vb - v;
  }
}
