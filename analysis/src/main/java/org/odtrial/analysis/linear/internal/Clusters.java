package org.odtrial.analysis.linear.internal;

import java.util.HashMap;
import java.util.Map;

/** Cluster labels mapped to dense indices 0..G-1 in order of first appearance. */
public record Clusters(int[] index, int count) {

  public static Clusters of(String[] labels) {
    Map<String, Integer> ids = new HashMap<>();
    int[] index = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == null) {
        throw new IllegalArgumentException("cluster label missing in row " + (i + 1));
      }
      index[i] = ids.computeIfAbsent(labels[i], k -> ids.size());
    }
    return new Clusters(index, ids.size());
  }

  /**
   * Cluster-summed score outer products: sum_g U_g U_g' with U_g = sum_{i in g} x_i r_i. This is
   * crossprod(rowsum(estfun, cluster)) of sandwich::meatCL, before its scaling.
   */
  public double[][] scoreCrossProduct(double[][] x, double[] r) {
    int p = x[0].length;
    double[][] u = new double[count][p];
    for (int i = 0; i < x.length; i++) {
      double[] ug = u[index[i]];
      double ri = r[i];
      double[] xi = x[i];
      for (int j = 0; j < p; j++) {
        ug[j] += xi[j] * ri;
      }
    }
    double[][] m = new double[p][p];
    for (double[] ug : u) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          m[j][k] += ug[j] * ug[k];
        }
      }
    }
    Dense.mirrorLower(m);
    return m;
  }
}
