package org.odtrial.analysis.robust;

import java.util.Locale;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * A fitted regression as bias-reduced linearisation sees it (Pustejovsky and Tipton 2018, section
 * 2, with an inverse-variance working model): per observation the linearised design row x~_i = (d
 * mu / d eta)_i x_i, the working variance v_i, the response residual y_i - mu_i and the cluster,
 * and the fit's bread (the model-based (X~' V^-1 X~)^-1 it reports). Least squares: x~ = x, v = 1,
 * bread (X'X)^-1. A GLM, as clubSandwich 0.5.8 treats a {@code glm}: x~ = mu.eta(eta) x, v =
 * family$variance(mu) (prior weights 1), residuals y - mu, bread = {@code
 * summary(fit)$cov.unscaled} (the working weights of the last IRLS iteration).
 *
 * @param design linearised design rows x~_i (n x p)
 * @param variance working variances v_i > 0
 * @param residual response residuals y_i - mu_i
 * @param clusters cluster label of each observation
 * @param bread p x p model-based (X~'V^-1 X~)^-1 of the fit
 */
public record WorkingModel(
    double[][] design, double[] variance, double[] residual, String[] clusters, double[][] bread) {

  public WorkingModel {
    int n = design.length;
    if (n == 0 || variance.length != n || residual.length != n || clusters.length != n) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "design (%d rows), variances (%d), residuals (%d) and clusters (%d) must have the"
                  + " same length",
              n,
              variance.length,
              residual.length,
              clusters.length));
    }
    int p = bread.length;
    for (int i = 0; i < n; i++) {
      if (design[i].length != p) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "design row %d has %d columns, expected %d",
                i + 1,
                design[i].length,
                p));
      }
      if (!(variance[i] > 0) || !Double.isFinite(variance[i]) || !Double.isFinite(residual[i])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "row %d: working variance must be positive and finite", i + 1));
      }
    }
    design = Dense.copy(design);
    variance = variance.clone();
    residual = residual.clone();
    clusters = clusters.clone();
    bread = Dense.copy(bread);
  }

  /** Ordinary least squares: x~ = x, v = 1, bread (X'X)^-1. */
  public static WorkingModel leastSquares(
      double[][] x, double[] residual, String[] clusters, double[][] xtxInverse) {
    double[] ones = new double[x.length];
    java.util.Arrays.fill(ones, 1.0);
    return new WorkingModel(x, ones, residual, clusters, xtxInverse);
  }

  @Override
  public double[][] design() {
    return Dense.copy(design);
  }

  @Override
  public double[] variance() {
    return variance.clone();
  }

  @Override
  public double[] residual() {
    return residual.clone();
  }

  @Override
  public String[] clusters() {
    return clusters.clone();
  }

  @Override
  public double[][] bread() {
    return Dense.copy(bread);
  }

  // views without copying for Cr2
  double[][] designView() {
    return design;
  }

  double[] varianceView() {
    return variance;
  }

  double[] residualView() {
    return residual;
  }

  String[] clustersView() {
    return clusters;
  }

  double[][] breadView() {
    return bread;
  }
}
