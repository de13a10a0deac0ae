package org.odtrial.analysis.survival;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * Whether the maximum of a Cox partial likelihood is finite when every covariate is a function of a
 * categorical cell (the arm; the arm and a subgroup level), decided from the data rather than from
 * where Newton-Raphson stopped (coxph's "coefficient may be infinite" warning is a heuristic that
 * can miss, and can fire on a finite one).
 *
 * <p>With one log hazard eta_c per cell, the likelihood has no finite maximum exactly when some
 * direction b over the cells, not constant, never decreases it: b_i >= b_j whenever a row of cell i
 * has an event at a time a row of cell j is at risk (Bryson and Johnson 1981; Heinze and Schemper
 * 2001). Writing those pairs as edges j -> i, such a b exists exactly when the graph over the cells
 * is not strongly connected; eta_c - eta_d stays finite for cells in one strongly connected
 * component and runs off to infinity (or is not identified) across components. A contrast sum_c a_c
 * eta_c (sum_c a_c = 0) is therefore finite exactly when its coefficients sum to zero within every
 * component. Immutable.
 */
public final class CellSeparation {
  private final int cells;
  private final int[] rows;
  private final int[] events;
  private final int[] component;

  private CellSeparation(int cells, int[] rows, int[] events, int[] component) {
    this.cells = cells;
    this.rows = rows;
    this.events = events;
    this.component = component;
  }

  /**
   * Right-censored data: row k is at risk up to {@code time[k]}.
   *
   * @param cell the cell of each row, 0 to cells - 1
   */
  public static CellSeparation of(double[] time, boolean[] event, int[] cell, int cells) {
    return of(null, time, event, cell, cells);
  }

  /**
   * Counting-process data: row k is at risk at times t with start[k] < t <= time[k] (start may be
   * null for right-censored data).
   */
  public static CellSeparation of(
      double[] start, double[] time, boolean[] event, int[] cell, int cells) {
    Inputs.checkSurvival(time, event);
    Inputs.checkLength("cell", cell, time.length);
    int n = time.length;
    int[] rows = new int[cells];
    int[] events = new int[cells];
    for (int k = 0; k < n; k++) {
      if (cell[k] < 0 || cell[k] >= cells) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "cell[%d] = %d is not in 0..%d", k, cell[k], cells - 1));
      }
      rows[cell[k]]++;
      events[cell[k]] += event[k] ? 1 : 0;
    }
    boolean[][] reach = new boolean[cells][cells];
    int[] atRisk = new int[cells];
    int[] byStop = Inputs.orderDescending(time);
    int[] byStart = start == null ? null : Inputs.orderDescending(start);
    int leave = 0;
    boolean[] eventCell = new boolean[cells];
    int k = 0;
    while (k < n) {
      double t = time[byStop[k]];
      int end = k;
      Arrays.fill(eventCell, false);
      boolean any = false;
      for (; end < n && time[byStop[end]] == t; end++) {
        int r = byStop[end];
        atRisk[cell[r]]++;
        if (event[r]) {
          eventCell[cell[r]] = true;
          any = true;
        }
      }
      if (byStart != null) {
        for (; leave < n && start[byStart[leave]] >= t; leave++) {
          atRisk[cell[byStart[leave]]]--;
        }
      }
      if (any) {
        for (int i = 0; i < cells; i++) {
          if (eventCell[i]) {
            for (int j = 0; j < cells; j++) {
              reach[j][i] |= atRisk[j] > 0;
            }
          }
        }
      }
      k = end;
    }
    for (int i = 0; i < cells; i++) {
      reach[i][i] = true;
    }
    for (int via = 0; via < cells; via++) {
      for (int i = 0; i < cells; i++) {
        if (reach[i][via]) {
          for (int j = 0; j < cells; j++) {
            reach[i][j] |= reach[via][j];
          }
        }
      }
    }
    int[] component = new int[cells];
    for (int i = 0; i < cells; i++) {
      component[i] = i;
      for (int j = 0; j < i; j++) {
        if (reach[i][j] && reach[j][i]) {
          component[i] = component[j];
          break;
        }
      }
    }
    return new CellSeparation(cells, rows, events, component);
  }

  /** Rows in each cell. */
  public int[] rows() {
    return rows.clone();
  }

  /** Events in each cell. */
  public int[] events() {
    return events.clone();
  }

  /** The strongly connected component of each cell (the smallest cell index in it). */
  public int[] components() {
    return component.clone();
  }

  /** Whether every cell with rows lies in one component: every coefficient is finite. */
  public boolean finite() {
    int first = -1;
    for (int c = 0; c < cells; c++) {
      if (rows[c] > 0) {
        if (first < 0) {
          first = component[c];
        } else if (component[c] != first) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the contrast sum_c a_c eta_c is finite: its coefficients sum to zero within every
   * component (cells without rows must have a_c = 0).
   */
  public boolean finite(double[] contrast) {
    if (contrast.length != cells) {
      throw new IllegalArgumentException("need one contrast coefficient per cell");
    }
    double scale = 0;
    double[] sum = new double[cells];
    for (int c = 0; c < cells; c++) {
      scale += Math.abs(contrast[c]);
      if (rows[c] > 0) {
        sum[component[c]] += contrast[c];
      } else if (contrast[c] != 0) {
        throw new IllegalArgumentException("cell " + c + " has no rows");
      }
    }
    for (double s : sum) {
      if (Math.abs(s) > 1e-9 * scale) {
        return false;
      }
    }
    return true;
  }

  /**
   * Which coefficients of a model with these cells are finite, for a design whose columns, with an
   * intercept added, span every function of the cells with rows (as the columns R keeps of {@code
   * arm * V} do): coefficient k is the contrast given by row k of the inverse of [design | 1] over
   * those cells. Where the design does not span them (not square, or singular), the answer is the
   * conservative one: every coefficient is finite only if all cells form one component.
   *
   * @param design one row per cell (rows of cells without rows are ignored), one column per
   *     coefficient
   */
  public boolean[] finiteCoefficients(double[][] design) {
    int q = design.length == 0 ? 0 : design[0].length;
    int[] present = java.util.stream.IntStream.range(0, cells).filter(c -> rows[c] > 0).toArray();
    boolean[] out = new boolean[q];
    if (present.length != q + 1) {
      Arrays.fill(out, finite());
      return out;
    }
    double[][] aug = new double[q + 1][q + 1];
    for (int r = 0; r <= q; r++) {
      System.arraycopy(design[present[r]], 0, aug[r], 0, q);
      aug[r][q] = 1;
    }
    LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(aug, false), 1e-10);
    if (!lu.getSolver().isNonSingular()) {
      Arrays.fill(out, finite());
      return out;
    }
    RealMatrix inv = lu.getSolver().getInverse();
    for (int col = 0; col < q; col++) {
      double[] contrast = new double[cells];
      for (int r = 0; r <= q; r++) {
        contrast[present[r]] = inv.getEntry(col, r);
      }
      out[col] = finite(contrast);
    }
    return out;
  }
}
