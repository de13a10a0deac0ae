package org.odtrial.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The complete cases of a regression, as R's na.omit selects them: rows whose response and every
 * covariate are finite and (when clusters are required) whose cluster is known. Shared by the
 * linear and mixed models.
 *
 * @param y responses of the complete cases
 * @param x covariate rows of the complete cases (the caller's arrays, not copied)
 * @param clusters clusters of the complete cases, or null when none were given
 * @param notes a note when rows were dropped
 */
public record CompleteCases(double[] y, double[][] x, String[] clusters, List<String> notes) {

  /**
   * Selects the complete cases.
   *
   * @param clusters one per row, or null; with {@code clustersRequired}, a row without a cluster is
   *     incomplete
   * @param what what the p columns are called in the error, e.g. "coefficients"
   * @throws IllegalArgumentException if there are no more complete cases than columns
   */
  public static CompleteCases of(
      double[] y, double[][] x, String[] clusters, boolean clustersRequired, int p, String what) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      boolean ok = Double.isFinite(y[i]) && !(clustersRequired && clusters[i] == null);
      for (int j = 0; j < p && ok; j++) {
        ok = Double.isFinite(x[i][j]);
      }
      if (ok) {
        rows.add(i);
      }
    }
    int n = rows.size();
    List<String> notes = new ArrayList<>();
    if (n < y.length) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%d of %d rows dropped for missing values (complete cases)",
              y.length - n,
              y.length));
    }
    if (n <= p) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d complete cases cannot estimate %d %s", n, p, what));
    }
    double[] yc = new double[n];
    double[][] xc = new double[n][];
    String[] cc = clusters == null ? null : new String[n];
    for (int r = 0; r < n; r++) {
      int i = rows.get(r);
      yc[r] = y[i];
      xc[r] = x[i];
      if (cc != null) {
        cc[r] = clusters[i];
      }
    }
    return new CompleteCases(yc, xc, cc, List.copyOf(notes));
  }

  /**
   * Checks that every design row has one value per term.
   *
   * @throws IllegalArgumentException naming the first row that does not
   */
  public static void requireRowWidths(double[][] x, int terms) {
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != terms) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "design row %d has %d columns, expected %d",
                i + 1,
                x[i].length,
                terms));
      }
    }
  }
}
