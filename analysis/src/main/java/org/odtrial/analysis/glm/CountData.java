package org.odtrial.analysis.glm;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.internal.CompleteCases;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Inputs of a count regression: counts y, design matrix x (one row per observation, columns named
 * by {@code terms}, intercept included by the caller), optional offset (e.g. log(followup_years))
 * and optional cluster labels for the cluster-robust variance. Immutable; arrays are copied in and
 * out.
 */
public final class CountData {
  private final double[] y;
  private final double[][] x;
  private final List<String> terms;
  private final double[] offset;
  private final String[] clusters;

  private CountData(
      double[] y, double[][] x, List<String> terms, double[] offset, String[] clusters) {
    this.y = y;
    this.x = x;
    this.terms = terms;
    this.offset = offset;
    this.clusters = clusters;
  }

  public static CountData of(double[] y, double[][] x, List<String> terms) {
    if (y.length == 0 || y.length != x.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "need as many design rows as responses (got %d and %d)",
              y.length,
              x.length));
    }
    CompleteCases.requireRowWidths(x, terms.size());
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] >= 0) || Double.isInfinite(y[i])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "count in row %d is not a finite non-negative number", i + 1));
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "design row %d has a missing or non-finite value", i + 1));
        }
      }
    }
    return new CountData(y.clone(), Dense.copy(x), List.copyOf(terms), new double[y.length], null);
  }

  /** Offset on the linear-predictor scale, e.g. log(followup_years). */
  public CountData withOffset(double[] newOffset) {
    if (newOffset.length != y.length) {
      throw new IllegalArgumentException("offset length differs from the number of observations");
    }
    for (double v : newOffset) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("offset has a non-finite value (follow-up of zero?)");
      }
    }
    return new CountData(y, x, terms, newOffset.clone(), clusters);
  }

  public CountData withClusters(String[] labels) {
    if (labels.length != y.length) {
      throw new IllegalArgumentException(
          "cluster labels length differs from the number of observations");
    }
    return new CountData(y, x, terms, offset, labels.clone());
  }

  public int size() {
    return y.length;
  }

  public List<String> terms() {
    return terms;
  }

  public boolean hasClusters() {
    return clusters != null;
  }

  // package-private views without copying: the fitting code never writes to them
  double[] yView() {
    return y;
  }

  double[][] xView() {
    return x;
  }

  double[] offsetView() {
    return offset;
  }

  String[] clustersView() {
    return clusters;
  }
}
