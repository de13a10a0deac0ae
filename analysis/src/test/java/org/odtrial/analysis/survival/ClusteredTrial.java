package org.odtrial.analysis.survival;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated design of datasets/clustered_trials.csv (written by survival-clustered.R): the
 * participants, and the clusters (sorted by id, empty ones included) with their site and arm.
 *
 * @param time participant times
 * @param event participant event indicators
 * @param cluster each participant's cluster, an index into {@code clusterIds}
 * @param od each participant's arm indicator (1 = OD)
 * @param site each participant's site code
 * @param clusterIds cluster ids in sorted order (R's order of the influence rows)
 * @param siteOfCluster site code of each cluster
 * @param odCluster observed arm of each cluster
 */
record ClusteredTrial(
    double[] time,
    boolean[] event,
    int[] cluster,
    double[] od,
    int[] site,
    List<String> clusterIds,
    int[] siteOfCluster,
    boolean[] odCluster) {

  private static final Dataset PARTICIPANTS = Dataset.load("/r/datasets/clustered_trials.csv");
  private static final Dataset CLUSTERS = Dataset.load("/r/datasets/clustered_trials_clusters.csv");

  static ClusteredTrial design(String design) {
    Dataset cl = CLUSTERS.where(i -> CLUSTERS.text("design", i).equals(design));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < cl.size(); i++) {
      ids.add(cl.text("cluster_id", i));
    }
    ids.sort(null);
    int[] siteOfCluster = new int[ids.size()];
    boolean[] odCluster = new boolean[ids.size()];
    for (int i = 0; i < cl.size(); i++) {
      int c = ids.indexOf(cl.text("cluster_id", i));
      siteOfCluster[c] = Integer.parseInt(cl.text("site_id", i).substring(1));
      odCluster[c] = cl.text("arm", i).equals("OD");
    }
    Dataset d = PARTICIPANTS.where(i -> PARTICIPANTS.text("design", i).equals(design));
    int n = d.size();
    int[] cluster = new int[n];
    double[] od = new double[n];
    int[] site = new int[n];
    for (int i = 0; i < n; i++) {
      cluster[i] = ids.indexOf(d.text("cluster_id", i));
      od[i] = odCluster[cluster[i]] ? 1 : 0;
      site[i] = siteOfCluster[cluster[i]];
    }
    return new ClusteredTrial(
        d.nums("time"), d.events("status", 1), cluster, od, site, ids, siteOfCluster, odCluster);
  }

  /** The arm indicator as a one-column design matrix. */
  double[][] armColumn() {
    double[][] x = new double[od.length][1];
    for (int i = 0; i < od.length; i++) {
      x[i][0] = od[i];
    }
    return x;
  }

  /** The participants of one arm. */
  ClusteredTrial arm(boolean odArm) {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < od.length; i++) {
      if ((od[i] == 1) == odArm) {
        keep.add(i);
      }
    }
    int m = keep.size();
    double[] t = new double[m];
    boolean[] e = new boolean[m];
    int[] c = new int[m];
    double[] a = new double[m];
    int[] s = new int[m];
    for (int k = 0; k < m; k++) {
      int i = keep.get(k);
      t[k] = time[i];
      e[k] = event[i];
      c[k] = cluster[i];
      a[k] = od[i];
      s[k] = site[i];
    }
    return new ClusteredTrial(t, e, c, a, s, clusterIds, siteOfCluster, odCluster);
  }
}
