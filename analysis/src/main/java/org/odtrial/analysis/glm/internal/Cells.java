package org.odtrial.analysis.glm.internal;

/**
 * The observations of a count model grouped into cells of bit-identical (x row, offset, y): every
 * per-observation quantity of the IRLS and theta.ml (the linear predictor, mean, working weight,
 * deviance and log-likelihood terms, each a log or exp) is a function of these alone, so it is
 * computed once per cell, and the sums over observations are still taken observation by observation
 * in their order, adding the cell's value. The results are therefore bit for bit those of computing
 * every observation on its own. A trial's count models have two x rows (the arm), few distinct
 * follow-up times and small counts: at 200,000 participants a few thousand cells.
 */
public final class Cells {
  /** Observations. */
  final int n;

  /** Cells. */
  final int k;

  /** Cell of each observation. */
  final int[] cell;

  /** First observation of each cell. */
  final int[] first;

  /** Per cell: the x row, offset and count. */
  final double[][] x;

  final double[] offset;
  final double[] y;

  private Cells(int n, int[] cell, int[] first, double[][] x, double[] offset, double[] y) {
    this.n = n;
    this.k = first.length;
    this.cell = cell;
    this.first = first;
    this.x = x;
    this.offset = offset;
    this.y = y;
  }

  public static Cells of(double[][] x, double[] y, double[] offset) {
    int n = y.length;
    int[] cell = new int[n];
    // open addressing on a hash of the values' bits; the table holds first observations
    int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
    int[] table = new int[cap];
    java.util.Arrays.fill(table, -1);
    int[] first = new int[Math.min(n, 1024)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      long h = Double.doubleToRawLongBits(y[i]) * 0x9E3779B97F4A7C15L;
      h = (h ^ Double.doubleToRawLongBits(offset[i])) * 0x9E3779B97F4A7C15L;
      for (double v : x[i]) {
        h = (h ^ Double.doubleToRawLongBits(v)) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h ^ (h >>> 32)) & (cap - 1);
      while (true) {
        int j = table[slot];
        if (j < 0) {
          if (k == first.length) {
            first = java.util.Arrays.copyOf(first, Math.min(n, first.length * 2));
          }
          first[k] = i;
          table[slot] = k;
          cell[i] = k++;
          break;
        }
        if (same(x, y, offset, first[j], i)) {
          cell[i] = j;
          break;
        }
        slot = (slot + 1) & (cap - 1);
      }
    }
    first = java.util.Arrays.copyOf(first, k);
    double[][] cx = new double[k][];
    double[] co = new double[k];
    double[] cy = new double[k];
    for (int c = 0; c < k; c++) {
      cx[c] = x[first[c]];
      co[c] = offset[first[c]];
      cy[c] = y[first[c]];
    }
    return new Cells(n, cell, first, cx, co, cy);
  }

  /** The same observations, each a cell of its own. */
  Cells singletons() {
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    double[][] sx = new double[n][];
    double[] so = new double[n];
    double[] sy = new double[n];
    for (int i = 0; i < n; i++) {
      sx[i] = x[cell[i]];
      so[i] = offset[cell[i]];
      sy[i] = y[cell[i]];
    }
    return new Cells(n, identity, identity, sx, so, sy);
  }

  private static boolean same(double[][] x, double[] y, double[] offset, int a, int b) {
    if (Double.doubleToRawLongBits(y[a]) != Double.doubleToRawLongBits(y[b])
        || Double.doubleToRawLongBits(offset[a]) != Double.doubleToRawLongBits(offset[b])) {
      return false;
    }
    double[] xa = x[a];
    double[] xb = x[b];
    for (int j = 0; j < xa.length; j++) {
      if (Double.doubleToRawLongBits(xa[j]) != Double.doubleToRawLongBits(xb[j])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Per-cell values of a per-observation array, or null when two observations of a cell differ in
   * it (then it is not a function of the cell, and the caller works per observation).
   */
  double[] gather(double[] perObservation) {
    double[] out = new double[k];
    for (int c = 0; c < k; c++) {
      out[c] = perObservation[first[c]];
    }
    for (int i = 0; i < n; i++) {
      if (Double.doubleToRawLongBits(perObservation[i])
          != Double.doubleToRawLongBits(out[cell[i]])) {
        return null;
      }
    }
    return out;
  }

  /**
   * {@code f} of each observation's value, computed once per cell where the values are a function
   * of the cells (otherwise once per observation).
   */
  public double[] map(double[] perObservation, java.util.function.DoubleUnaryOperator f) {
    double[] perCell = gather(perObservation);
    if (perCell == null) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = f.applyAsDouble(perObservation[i]);
      }
      return out;
    }
    for (int c = 0; c < k; c++) {
      perCell[c] = f.applyAsDouble(perCell[c]);
    }
    return scatter(perCell);
  }

  /** The per-observation array of per-cell values. */
  double[] scatter(double[] perCell) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = perCell[cell[i]];
    }
    return out;
  }

  /** {@code s} plus each observation's cell value, added in observation order. */
  double accumulate(double s, double[] perCell) {
    for (int i = 0; i < n; i++) {
      s += perCell[cell[i]];
    }
    return s;
  }
}
