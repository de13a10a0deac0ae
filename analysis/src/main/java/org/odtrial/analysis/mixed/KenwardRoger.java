package org.odtrial.analysis.mixed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.analysis.internal.CompleteCases;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Kenward-Roger inference for the fixed effects of a linear mixed model with variance components, V
 * = sum_k gamma_k Z_k Z_k' + sigma^2 I, where each Z_k holds the indicators of one grouping factor
 * (a random intercept per level: a cluster, a participant, a plate...). Factors may be nested or
 * crossed. Given the variance components (the REML estimates of whatever fitted the model), {@link
 * #at(double[], double)} computes the GLS estimate, Phi = (X'V^-1X)^-1, the Kenward and Roger
 * (1997) adjusted covariance Phi_A and the Kenward-Roger df of any single contrast, exactly as
 * {@code pbkrtest::vcovAdj} and {@code pbkrtest::Lb_ddf} (used by {@code lmerTest}'s {@code
 * summary(fit, ddf = "Kenward-Roger")} and {@code contest(fit, L, ddf = "Kenward-Roger")}).
 *
 * <p>V is block diagonal over the connected groups of rows (rows sharing a level of any factor);
 * within a block with q random-effect columns V^-1 is applied by the Woodbury identity in q
 * dimensions, so no n x n matrix is formed: a random-intercept model costs O(n p^2), crossed or
 * other multi-factor designs O(sum over blocks of q^3). Two nested factors (participants within
 * clusters) have a closed form from per-participant sums ({@link NestedSums}): O(n p^2) too, where
 * the blocks would cost O((participants per cluster + 1)^3) each.
 */
public final class KenwardRoger {
  private final double[] y;
  private final double[][] x;
  private final List<String> terms;
  private final List<String> names;
  private final List<int[]> levels;
  private final List<Integer> levelCounts;

  private KenwardRoger(
      double[] y,
      double[][] x,
      List<String> terms,
      List<String> names,
      List<int[]> levels,
      List<Integer> levelCounts) {
    this.y = y;
    this.x = x;
    this.terms = terms;
    this.names = names;
    this.levels = levels;
    this.levelCounts = levelCounts;
  }

  /**
   * The response and fixed-effects design (intercept column included by the caller), complete cases
   * only: every value must be finite.
   */
  public static KenwardRoger of(double[] y, double[][] x, List<String> terms) {
    if (y.length != x.length || y.length == 0) {
      throw new IllegalArgumentException("need as many design rows as responses");
    }
    CompleteCases.requireRowWidths(x, terms.size());
    for (int i = 0; i < y.length; i++) {
      boolean ok = Double.isFinite(y[i]);
      for (double v : x[i]) {
        ok &= Double.isFinite(v);
      }
      if (!ok) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "row %d has a missing or non-finite value", i + 1));
      }
    }
    return new KenwardRoger(
        y.clone(), Dense.copy(x), List.copyOf(terms), List.of(), List.of(), List.of());
  }

  /** Adds a variance component: a random intercept for each distinct value of {@code groups}. */
  public KenwardRoger withRandomIntercept(String name, String[] groups) {
    if (groups.length != y.length) {
      throw new IllegalArgumentException("one group label per row is needed for " + name);
    }
    Map<String, Integer> ids = new HashMap<>();
    int[] level = new int[groups.length];
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == null) {
        throw new IllegalArgumentException(name + " label missing in row " + (i + 1));
      }
      level[i] = ids.computeIfAbsent(groups[i], k -> ids.size());
    }
    List<String> n = new ArrayList<>(names);
    n.add(name);
    List<int[]> l = new ArrayList<>(levels);
    l.add(level);
    List<Integer> c = new ArrayList<>(levelCounts);
    c.add(ids.size());
    return new KenwardRoger(y, x, terms, List.copyOf(n), List.copyOf(l), List.copyOf(c));
  }

  /**
   * Kenward-Roger at the given variance components.
   *
   * @param variances gamma_k of the random intercepts, in the order they were added (0 allowed: a
   *     singular fit)
   * @param residualVariance sigma^2 > 0
   * @throws ArithmeticException when X'V^-1X is singular (rank-deficient fixed effects)
   */
  public KenwardRogerFit at(double[] variances, double residualVariance) {
    int k = names.size();
    if (k == 0) {
      throw new IllegalArgumentException("no variance component: add a random intercept");
    }
    if (variances.length != k) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d variances given for %d components", variances.length, k));
    }
    for (double g : variances) {
      if (!(g >= 0) || !Double.isFinite(g)) {
        throw new IllegalArgumentException("variance components must be finite and >= 0");
      }
    }
    if (!(residualVariance > 0) || !Double.isFinite(residualVariance)) {
      throw new IllegalArgumentException("the residual variance must be finite and > 0");
    }
    Sums sums = new Sums(k + 1, terms.size());
    int inner = nestedFactor();
    if (inner >= 0) {
      NestedSums.add(
          y, x, levels.get(inner), levels.get(1 - inner), inner, variances, residualVariance, sums);
    } else {
      for (int[] block : blocks()) {
        addBlock(block, variances, residualVariance, sums);
      }
    }
    return fit(sums);
  }

  /**
   * As {@link #at(double[], double)} through the dense blocks always (tests of the nested path).
   */
  KenwardRogerFit atDense(double[] variances, double residualVariance) {
    Sums sums = new Sums(names.size() + 1, terms.size());
    for (int[] block : blocks()) {
      addBlock(block, variances, residualVariance, sums);
    }
    return fit(sums);
  }

  private KenwardRogerFit fit(Sums sums) {
    List<String> components = new ArrayList<>(names);
    components.add("residual");
    return KenwardRogerFit.of(
        terms, List.copyOf(components), sums.xvx, sums.xvy, sums.p, sums.q, sums.k);
  }

  /** The rows of each block: rows connected through a shared level of any factor. */
  private List<int[]> blocks() {
    int nodes = 0;
    int[] offset = new int[levels.size()];
    for (int c = 0; c < levels.size(); c++) {
      offset[c] = nodes;
      nodes += levelCounts.get(c);
    }
    int[] parent = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      parent[i] = i;
    }
    for (int r = 0; r < y.length; r++) {
      int a = find(parent, offset[0] + levels.get(0)[r]);
      for (int c = 1; c < levels.size(); c++) {
        int b = find(parent, offset[c] + levels.get(c)[r]);
        parent[b] = a;
      }
    }
    Map<Integer, List<Integer>> byRoot = new HashMap<>();
    List<List<Integer>> ordered = new ArrayList<>();
    for (int r = 0; r < y.length; r++) {
      int root = find(parent, offset[0] + levels.get(0)[r]);
      List<Integer> rows = byRoot.get(root);
      if (rows == null) {
        rows = new ArrayList<>();
        byRoot.put(root, rows);
        ordered.add(rows);
      }
      rows.add(r);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> rows : ordered) {
      out.add(rows.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * With two factors, the one whose every level lies within a single level of the other (a
   * participant within a cluster), or -1: then V^-1 has a closed form from per-level sums ({@link
   * NestedSums}) and no block matrix is needed.
   */
  private int nestedFactor() {
    if (levels.size() != 2) {
      return -1;
    }
    for (int inner = 0; inner < 2; inner++) {
      int[] in = levels.get(inner);
      int[] out = levels.get(1 - inner);
      int[] parent = new int[levelCounts.get(inner)];
      java.util.Arrays.fill(parent, -1);
      boolean nested = true;
      for (int r = 0; r < y.length && nested; r++) {
        if (parent[in[r]] < 0) {
          parent[in[r]] = out[r];
        } else {
          nested = parent[in[r]] == out[r];
        }
      }
      if (nested) {
        return inner;
      }
    }
    return -1;
  }

  /** The sums over blocks of every quantity Kenward-Roger needs. */
  static final class Sums {
    final double[][] xvx;
    final double[] xvy;
    final double[][][] p; // P_i = -X'V^-1 G_i V^-1 X
    final double[][][][] q; // Q_ij = X'V^-1 G_i V^-1 G_j V^-1 X
    final double[][] k; // K_ij = tr(V^-1 G_i V^-1 G_j)

    Sums(int components, int p) {
      xvx = new double[p][p];
      xvy = new double[p];
      this.p = new double[components][p][p];
      q = new double[components][components][p][p];
      k = new double[components][components];
    }
  }

  /**
   * One block: with V = sigma^2 (I + Z Gamma Z' / sigma^2) and Atilde = sigma^2 V^-1 = I - Z C Z',
   * C = Gamma^1/2 (sigma^2 I + Gamma^1/2 Z'Z Gamma^1/2)^-1 Gamma^1/2 (valid for Gamma = 0), every
   * product of X, Z_k and Atilde reduces to the block's sums Z'Z, Z'X, X'X, Z'y, X'y.
   */
  private void addBlock(int[] rows, double[] variances, double s2, Sums out) {
    int p = terms.size();
    int comps = levels.size();
    // the block's random-effect columns: per component, its levels present here
    List<Map<Integer, Integer>> colOf = new ArrayList<>();
    List<int[]> cols = new ArrayList<>();
    List<Double> gamma = new ArrayList<>();
    for (int c = 0; c < comps; c++) {
      Map<Integer, Integer> m = new HashMap<>();
      List<Integer> mine = new ArrayList<>();
      for (int r : rows) {
        int lev = levels.get(c)[r];
        if (!m.containsKey(lev)) {
          m.put(lev, gamma.size());
          mine.add(gamma.size());
          gamma.add(variances[c]);
        }
      }
      colOf.add(m);
      cols.add(mine.stream().mapToInt(Integer::intValue).toArray());
    }
    int qn = gamma.size();
    double[][] szz = new double[qn][qn];
    double[][] szx = new double[qn][p];
    double[][] sxx = new double[p][p];
    double[] szy = new double[qn];
    double[] sxy = new double[p];
    int[] at = new int[comps];
    for (int r : rows) {
      double[] xr = x[r];
      for (int c = 0; c < comps; c++) {
        at[c] = colOf.get(c).get(levels.get(c)[r]);
      }
      for (int a = 0; a < p; a++) {
        sxy[a] += xr[a] * y[r];
        for (int b = 0; b < p; b++) {
          sxx[a][b] += xr[a] * xr[b];
        }
      }
      for (int c = 0; c < comps; c++) {
        int a = at[c];
        szy[a] += y[r];
        for (int j = 0; j < p; j++) {
          szx[a][j] += xr[j];
        }
        for (int d = 0; d < comps; d++) {
          szz[a][at[d]] += 1;
        }
      }
    }
    double[] gh = new double[qn];
    double[][] mq = new double[qn][qn];
    for (int a = 0; a < qn; a++) {
      gh[a] = Math.sqrt(gamma.get(a));
    }
    for (int a = 0; a < qn; a++) {
      for (int b = 0; b < qn; b++) {
        mq[a][b] = gh[a] * szz[a][b] * gh[b] + (a == b ? s2 : 0);
      }
    }
    double[][] c = Dense.inverseSpd(mq);
    for (int a = 0; a < qn; a++) {
      for (int b = 0; b < qn; b++) {
        c[a][b] *= gh[a] * gh[b];
      }
    }
    double[][] szzC = Dense.multiply(szz, c);
    double[][] cSzx = Dense.multiply(c, szx);
    double[][] szxT = Dense.transpose(szx);
    double[][] xaxPart = Dense.multiply(szxT, cSzx); // Szx'C Szx
    double[][] rzx = Dense.addScaled(szx, -1, Dense.multiply(szzC, szx)); // Z'Atilde X
    double[][] rzz = Dense.addScaled(szz, -1, Dense.multiply(szzC, szz)); // Z'Atilde Z
    double[][] xa2x =
        Dense.addScaled(
            Dense.addScaled(sxx, -2, xaxPart),
            1,
            Dense.multiply(Dense.transpose(cSzx), Dense.multiply(szz, cSzx)));
    double[][] za2x = Dense.addScaled(rzx, -1, Dense.multiply(szzC, rzx));
    double[][] za2z = Dense.addScaled(rzz, -1, Dense.multiply(szzC, rzz));
    double[][] xa3x = Dense.addScaled(xa2x, -1, Dense.multiply(Dense.transpose(cSzx), za2x));
    double trA2 = rows.length - 2 * trace(szzC) + Dense.traceOfProduct(szzC, szzC);

    double s4 = s2 * s2;
    double s6 = s4 * s2;
    addTo(out.xvx, Dense.addScaled(sxx, -1, xaxPart), 1 / s2);
    double[] cSzy = Dense.multiply(c, szy);
    for (int a = 0; a < p; a++) {
      out.xvy[a] += (sxy[a] - dotColumn(szx, a, cSzy)) / s2;
    }
    int res = comps;
    double[][][] rk = new double[comps][][];
    for (int i = 0; i < comps; i++) {
      rk[i] = rowsOf(rzx, cols.get(i));
      addTo(out.p[i], Dense.multiply(Dense.transpose(rk[i]), rk[i]), -1 / s4);
    }
    addTo(out.p[res], xa2x, -1 / s4);
    for (int i = 0; i < comps; i++) {
      for (int j = 0; j < comps; j++) {
        double[][] rzzIj = Dense.submatrix(rzz, cols.get(i), cols.get(j));
        addTo(
            out.q[i][j],
            Dense.multiply(Dense.transpose(rk[i]), Dense.multiply(rzzIj, rk[j])),
            1 / s6);
        double ss = 0;
        for (double[] row : rzzIj) {
          for (double v : row) {
            ss += v * v;
          }
        }
        out.k[i][j] += ss / s4;
      }
      double[][] qir = Dense.multiply(Dense.transpose(rk[i]), rowsOf(za2x, cols.get(i)));
      addTo(out.q[i][res], qir, 1 / s6);
      addTo(out.q[res][i], Dense.transpose(qir), 1 / s6);
      double tr = 0;
      for (int a : cols.get(i)) {
        tr += za2z[a][a];
      }
      out.k[i][res] += tr / s4;
      out.k[res][i] += tr / s4;
    }
    addTo(out.q[res][res], xa3x, 1 / s6);
    out.k[res][res] += trA2 / s4;
  }

  private static double trace(double[][] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i][i];
    }
    return s;
  }

  private static double dotColumn(double[][] a, int col, double[] v) {
    double s = 0;
    for (int r = 0; r < a.length; r++) {
      s += a[r][col] * v[r];
    }
    return s;
  }

  private static double[][] rowsOf(double[][] a, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = a[rows[i]];
    }
    return out;
  }

  private static void addTo(double[][] target, double[][] a, double f) {
    for (int i = 0; i < target.length; i++) {
      for (int j = 0; j < target[i].length; j++) {
        target[i][j] += f * a[i][j];
      }
    }
  }
}
