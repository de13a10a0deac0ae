package org.odtrial.analysis.robust;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.internal.StudentT;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.robust.internal.ClusterAdjustment;

/**
 * The bias-reduced linearisation (CR2) cluster-robust variance with Satterthwaite degrees of
 * freedom (Bell and McCaffrey 2002; Pustejovsky and Tipton 2018), as {@code
 * clubSandwich::coef_test(fit, vcov = "CR2", cluster = cl, test = "Satterthwaite")} for an {@code
 * lm} or a {@code glm}:
 *
 * <p>V = M [sum_j X~_j' W_j A_j e_j e_j' A_j W_j X~_j] M, with M the fit's bread, W = V^-1 the
 * working weights and A_j the adjustment that makes the variance unbiased when the working model
 * holds: A_j = D_j' B_j^{+1/2} D_j, D_j'D_j = Phi_j = diag(v), B_j = D_j (I - H_jj) Phi_j D_j'
 * (B^{+1/2}: generalised inverse square root, see {@link ClusterAdjustment}). For a contrast c, df
 * = (sum_j P_jj)^2 / sum_{i,j} P_ij^2 with P_ij = g_i'Phi g_j the covariances, under the working
 * model, of the clusters' contributions to c'Vc.
 *
 * <p>Each cluster costs O(n_j p^2) (times the quadrature nodes when v varies within it); no n_j x
 * n_j matrix is formed.
 */
public final class Cr2 {
  private final List<String> terms;
  private final double[] coefficients;
  private final double[][] bread;
  private final double[][] vcov;
  private final ClusterAdjustment.Pieces[] pieces;
  private final int singularClusters;

  private Cr2(
      List<String> terms,
      double[] coefficients,
      double[][] bread,
      double[][] vcov,
      ClusterAdjustment.Pieces[] pieces,
      int singularClusters) {
    this.terms = terms;
    this.coefficients = coefficients;
    this.bread = bread;
    this.vcov = vcov;
    this.pieces = pieces;
    this.singularClusters = singularClusters;
  }

  /**
   * @param model the fitted regression's working model
   * @param terms names of the p coefficients
   * @param coefficients the p estimates
   * @throws IllegalArgumentException with fewer than 2 clusters
   * @throws ArithmeticException when the design is rank deficient
   */
  public static Cr2 of(WorkingModel model, List<String> terms, double[] coefficients) {
    if (coefficients.length != terms.size() || model.breadView().length != terms.size()) {
      throw new IllegalArgumentException("terms, coefficients and bread differ in size");
    }
    Design design =
        new Design(
            model.designView(),
            model.varianceView(),
            Clusters.of(model.clustersView()),
            model.breadView(),
            terms);
    return design.of(model.residualView(), coefficients);
  }

  /**
   * Everything CR2 needs of a working model but its residuals: the clusters' adjustments, computed
   * once for several responses fitted on the same design (as the response and a shift indicator of
   * an imputed data set). {@code of(residuals, coefficients)} gives exactly (bit for bit) what
   * {@link Cr2#of} gives for the working model with these residuals; with a constant working
   * variance (least squares) each further response costs O(n p + G p^2) instead of a whole CR2.
   */
  public static final class Design {
    private final int n;
    private final double[] v;
    private final Clusters cl;
    private final double[][] bread;
    private final List<String> terms;
    private final int[] position;
    private final int[] size;
    private final ClusterAdjustment.Design[] adjustments;

    /**
     * A least-squares design (v = 1, bread (X'X)^-1) on these rows and clusters.
     *
     * @throws IllegalArgumentException with fewer than 2 clusters or sizes that differ
     * @throws ArithmeticException when the design is rank deficient
     */
    public static Design leastSquares(
        double[][] x, String[] clusters, double[][] xtxInverse, List<String> terms) {
      if (clusters.length != x.length) {
        throw new IllegalArgumentException("one cluster label per design row needed");
      }
      return leastSquares(x, Clusters.of(clusters), xtxInverse, terms);
    }

    private static Design leastSquares(
        double[][] x, Clusters cl, double[][] xtxInverse, List<String> terms) {
      double[] ones = new double[x.length];
      java.util.Arrays.fill(ones, 1.0);
      int p = terms.size();
      if (xtxInverse.length != p) {
        throw new IllegalArgumentException("terms and bread differ in size");
      }
      for (int i = 0; i < x.length; i++) {
        if (x[i].length != p) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "design row %d has %d columns, expected %d", i + 1, x[i].length, p));
        }
      }
      return new Design(x, ones, cl, xtxInverse, terms);
    }

    /** Another least-squares design on the same rows and clusters (the labels are not re-read). */
    public Design withLeastSquares(double[][] x, double[][] xtxInverse) {
      if (x.length != n) {
        throw new IllegalArgumentException("the new design has another number of rows");
      }
      return leastSquares(x, cl, xtxInverse, terms);
    }

    private Design(double[][] x, double[] v, Clusters cl, double[][] bread, List<String> terms) {
      int n = x.length;
      int p = terms.size();
      int g = cl.count();
      if (g < 2) {
        throw new IllegalArgumentException(
            "CR2 needs at least 2 clusters (the data hold " + g + ")");
      }
      this.n = n;
      this.v = v;
      this.cl = cl;
      this.bread = bread;
      this.terms = List.copyOf(terms);
      // whitened rows z = x~ / sqrt(v), grouped by cluster
      size = new int[g];
      for (int i = 0; i < n; i++) {
        size[cl.index()[i]]++;
      }
      double[][][] z = new double[g][][];
      double[][] vj = new double[g][];
      double[][][] info = new double[g][p][p];
      for (int j = 0; j < g; j++) {
        z[j] = new double[size[j]][];
        vj[j] = new double[size[j]];
      }
      position = new int[n];
      int[] fill = new int[g];
      for (int i = 0; i < n; i++) {
        int j = cl.index()[i];
        int k = fill[j]++;
        position[i] = k;
        double s = Math.sqrt(v[i]);
        vj[j][k] = v[i];
        double[] zi;
        if (s == 1) {
          zi = x[i]; // x / 1 is x: least squares shares the (never changed) design rows
        } else {
          zi = new double[p];
          for (int c = 0; c < p; c++) {
            zi[c] = x[i][c] / s;
          }
        }
        z[j][k] = zi;
        double[][] inf = info[j];
        for (int a = 0; a < p; a++) {
          for (int b = 0; b <= a; b++) {
            inf[a][b] += zi[a] * zi[b];
          }
        }
      }
      for (double[][] inf : info) {
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < a; b++) {
            inf[b][a] = inf[a][b];
          }
        }
      }
      // the other clusters' information as prefix + suffix sums: no subtraction, no cancellation
      double[][][] prefix = new double[g + 1][p][p];
      double[][][] suffix = new double[g + 1][p][p];
      for (int j = 0; j < g; j++) {
        prefix[j + 1] = Dense.addScaled(prefix[j], 1, info[j]);
        suffix[g - 1 - j] = Dense.addScaled(suffix[g - j], 1, info[g - 1 - j]);
      }
      double[][] total = prefix[g];
      double[][] chol = Dense.cholesky(total);
      double[][] mU = Dense.inverseSpd(total);
      adjustments = new ClusterAdjustment.Design[g];
      for (int j = 0; j < g; j++) {
        double[][] others = Dense.addScaled(prefix[j], 1, suffix[j + 1]);
        adjustments[j] = ClusterAdjustment.design(z[j], vj[j], others, chol, mU);
      }
    }

    /**
     * The CR2 variance of the fit with these response residuals (y - mu, one per design row) and
     * coefficients.
     */
    public Cr2 of(double[] residual, double[] coefficients) {
      int p = terms.size();
      if (residual.length != n || coefficients.length != p) {
        throw new IllegalArgumentException("residuals or coefficients differ in size");
      }
      int g = adjustments.length;
      double[][] sr = new double[g][];
      for (int j = 0; j < g; j++) {
        sr[j] = new double[size[j]];
      }
      for (int i = 0; i < n; i++) {
        sr[cl.index()[i]][position[i]] = Math.sqrt(v[i]) * residual[i];
      }
      ClusterAdjustment.Pieces[] pieces = new ClusterAdjustment.Pieces[g];
      double[][] meat = new double[p][p];
      int singular = 0;
      for (int j = 0; j < g; j++) {
        pieces[j] = adjustments[j].pieces(sr[j]);
        singular += pieces[j].nullDirections() > 0 ? 1 : 0;
        double[] u = pieces[j].score();
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            meat[a][b] += u[a] * u[b];
          }
        }
      }
      double[][] vcov = Dense.sandwich(bread, meat);
      return new Cr2(terms, coefficients.clone(), Dense.copy(bread), vcov, pieces, singular);
    }
  }

  /** The CR2 covariance of the coefficients. */
  public double[][] vcov() {
    return Dense.copy(vcov);
  }

  public double[] se() {
    return Dense.sqrtDiagonal(vcov);
  }

  public int clusters() {
    return pieces.length;
  }

  /**
   * Clusters whose adjustment matrix is singular (they alone identify a combination of the
   * coefficients, e.g. the only cluster of an arm): the generalised inverse square root is used for
   * them, as clubSandwich does.
   */
  public int singularClusters() {
    return singularClusters;
  }

  /** The coefficient of {@code term}: CR2 se, Satterthwaite df, t interval and p-value. */
  public StudentT coefficient(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    double[] c = new double[terms.size()];
    c[j] = 1;
    return contrast(c);
  }

  /** c'beta with its CR2 se, Satterthwaite df, t interval and p-value. */
  public StudentT contrast(double[] c) {
    if (c.length != terms.size()) {
      throw new IllegalArgumentException("contrast length differs from the number of terms");
    }
    double est = Dense.dot(c, coefficients);
    double var = Dense.dot(c, Dense.multiply(vcov, c));
    return StudentT.of(est, Math.sqrt(var), satterthwaiteDf(c));
  }

  /**
   * Each cluster's share of c'beta's CR2 variance: t_j = c'M s_j, s_j the cluster's adjusted score,
   * so that c'V c = sum_j t_j^2. For least squares s_j is linear in the residuals, so two fits on
   * the same design (residuals e and r) give the variance for residuals e + delta r as sum_j
   * (t_j(e) + delta t_j(r))^2, without refitting.
   */
  public double[] contributions(double[] c) {
    if (c.length != terms.size()) {
      throw new IllegalArgumentException("contrast length differs from the number of terms");
    }
    double[] u = Dense.multiply(bread, c);
    double[] out = new double[pieces.length];
    for (int j = 0; j < pieces.length; j++) {
      out[j] = Dense.dot(u, pieces[j].score());
    }
    return out;
  }

  /**
   * Satterthwaite df of c'beta: with u = M c, g_j = u' Gram_j u and h_j = J_j' u, P_ij = [i = j]
   * g_j - h_i' M h_j (clubSandwich's P array), df = (sum_j P_jj)^2 / sum_ij P_ij^2.
   */
  public double satterthwaiteDf(double[] c) {
    double[] u = Dense.multiply(bread, c);
    int g = pieces.length;
    double[][] h = new double[g][];
    double[][] mh = new double[g][];
    double[] gj = new double[g];
    for (int j = 0; j < g; j++) {
      gj[j] = Dense.dot(u, Dense.multiply(pieces[j].gram(), u));
      double[][] jac = pieces[j].jacobian();
      h[j] = new double[u.length];
      for (int a = 0; a < u.length; a++) {
        for (int b = 0; b < u.length; b++) {
          h[j][a] += jac[b][a] * u[b];
        }
      }
      mh[j] = Dense.multiply(bread, h[j]);
    }
    double trace = 0;
    double squares = 0;
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        double pij = (i == j ? gj[i] : 0) - Dense.dot(h[i], mh[j]);
        squares += pij * pij;
        if (i == j) {
          trace += pij;
        }
      }
    }
    return trace * trace / squares;
  }
}
