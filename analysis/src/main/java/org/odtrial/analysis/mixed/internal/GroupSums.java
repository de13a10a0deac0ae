package org.odtrial.analysis.mixed.internal;

import org.odtrial.analysis.linear.internal.Dense;

/**
 * One pass over the rows of a random-intercept model: for each group (a cluster, or a participant)
 * its number of rows, the column sums of X and the sum of y over its rows; and X'X, X'y and y'y.
 * The profiled REML criteria and the Kenward-Roger sums need nothing else from the data.
 *
 * @param size rows of each group
 * @param colSums column sums of X over each group's rows
 * @param ySums sum of y over each group's rows
 * @param xtx X'X (both triangles)
 * @param xty X'y
 * @param yty y'y
 */
public record GroupSums(
    int[] size, double[][] colSums, double[] ySums, double[][] xtx, double[] xty, double yty) {

  /**
   * @param group each row's group, 0..groups-1
   */
  public static GroupSums of(double[] y, double[][] x, int[] group, int groups) {
    int n = y.length;
    int p = x[0].length;
    int[] size = new int[groups];
    double[][] colSums = new double[groups][p];
    double[] ySums = new double[groups];
    double[][] xtx = new double[p][p];
    double[] xty = new double[p];
    double yy = 0;
    for (int i = 0; i < n; i++) {
      int g = group[i];
      double[] xi = x[i];
      double yi = y[i];
      size[g]++;
      ySums[g] += yi;
      yy += yi * yi;
      double[] s = colSums[g];
      for (int j = 0; j < p; j++) {
        double v = xi[j];
        s[j] += v;
        xty[j] += v * yi;
        double[] row = xtx[j];
        for (int k = 0; k <= j; k++) {
          row[k] += v * xi[k];
        }
      }
    }
    Dense.mirrorLower(xtx);
    return new GroupSums(size, colSums, ySums, xtx, xty, yy);
  }

  /**
   * The groups (participants) of each outer group (cluster), in index order, leaving out groups
   * without rows.
   *
   * @param outerOf each group's outer group, 0..outer-1
   */
  public int[][] members(int[] outerOf, int outer) {
    int[] count = new int[outer];
    for (int l = 0; l < outerOf.length; l++) {
      if (size[l] > 0) {
        count[outerOf[l]]++;
      }
    }
    int[][] members = new int[outer][];
    for (int g = 0; g < outer; g++) {
      members[g] = new int[count[g]];
      count[g] = 0;
    }
    for (int l = 0; l < outerOf.length; l++) {
      if (size[l] > 0) {
        int g = outerOf[l];
        members[g][count[g]++] = l;
      }
    }
    return members;
  }
}
