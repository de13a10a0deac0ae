package org.odtrial.analysis.glm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Iteratively reweighted least squares exactly as R's {@code glm.fit} (log link, prior weights 1):
 * same start, same convergence test, and the returned working weights and (X'WX)^-1 are those of
 * the last iteration's weighted least-squares step, as in the glm object R returns (so summary()
 * and sandwich see the same numbers).
 */
public final class Irls {
  private Irls() {}

  /** Outcome of one glm.fit call; {@code family} is the family it was fitted with. */
  public record Result(
      LogLinkFamily family,
      double[] coefficients,
      double[] eta,
      double[] mu,
      double[] workingWeights,
      double[][] covUnscaled,
      double deviance,
      int iterations,
      boolean converged,
      List<String> notes) {}

  /**
   * @param etaStart starting linear predictor including the offset (glm.fit's etastart), or null to
   *     start from the family's mustart
   */
  public static Result fit(
      double[][] x,
      double[] y,
      double[] offset,
      double[] etaStart,
      LogLinkFamily family,
      double epsilon,
      int maxit) {
    return fit(Cells.of(x, y, offset), etaStart, family, epsilon, maxit);
  }

  /**
   * As {@link #fit(double[][], double[], double[], double[], LogLinkFamily, double, int)} on the
   * observations of {@code cells}.
   */
  public static Result fit(
      Cells cells, double[] etaStart, LogLinkFamily family, double epsilon, int maxit) {
    double[] eta0 = etaStart == null ? null : cells.gather(etaStart);
    if (etaStart != null && eta0 == null) {
      // a start that is not a function of the cells: every observation its own cell
      return fit(cells.singletons(), etaStart, family, epsilon, maxit);
    }
    int k = cells.k;
    int p = cells.x[0].length;
    double[] eta = new double[k];
    double[] mu = new double[k];
    for (int c = 0; c < k; c++) {
      eta[c] = eta0 != null ? eta0[c] : Math.log(family.mustart(cells.y[c]));
      mu[c] = LogLinkFamily.linkinv(eta[c]);
    }
    double devold = deviance(family, cells, mu);
    double[] w2 = new double[k];
    double[] coef = null;
    double[] coefold = null;
    double[][] xtwx = null;
    boolean conv = false;
    List<String> notes = new ArrayList<>();
    int iter;
    for (iter = 1; iter <= maxit; iter++) {
      xtwx = new double[p][p];
      double[] start = step(cells, eta, mu, family, w2, xtwx);
      double dev = update(cells, start, eta, mu, family);
      if (!Double.isFinite(dev)) {
        // glm.fit's step-halving towards the previous coefficients
        if (coefold == null) {
          throw new ArithmeticException(
              "no valid set of coefficients: deviance not finite at the first step");
        }
        int ii = 1;
        while (!Double.isFinite(dev)) {
          if (ii > maxit) {
            throw new ArithmeticException("inner loop 1; cannot correct step size");
          }
          ii++;
          for (int j = 0; j < p; j++) {
            start[j] = (start[j] + coefold[j]) / 2;
          }
          dev = update(cells, start, eta, mu, family);
        }
        notes.add("IRLS step size truncated due to divergence");
      }
      if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
        conv = true;
        coef = start;
        devold = dev;
        break;
      }
      devold = dev;
      coef = start;
      coefold = start;
    }
    if (!conv) {
      iter = maxit;
      notes.add(String.format(Locale.ROOT, "IRLS did not converge in %d iterations", maxit));
    }
    return new Result(
        family,
        coef,
        cells.scatter(eta),
        cells.scatter(mu),
        cells.scatter(w2),
        Dense.inverseSpd(xtwx),
        devold,
        iter,
        conv,
        notes);
  }

  /**
   * IRLS from the coefficients {@code start}, halving every step that raises the deviance towards
   * the previous coefficients (the rule of the glm2 package, Marschner 2011). The deviance of a
   * log-link Poisson or negative binomial model at fixed theta is convex in the coefficients, so
   * the iteration converges from any start, where glm.fit's undamped Fisher scoring may overshoot
   * and crawl back (it does at small theta). Used for the profile likelihood in theta.
   */
  public static Result fitMonotone(
      double[][] x,
      double[] y,
      double[] offset,
      double[] start,
      LogLinkFamily family,
      double epsilon,
      int maxit) {
    return fitMonotone(Cells.of(x, y, offset), start, family, epsilon, maxit);
  }

  static Result fitMonotone(
      Cells cells, double[] start, LogLinkFamily family, double epsilon, int maxit) {
    int k = cells.k;
    int p = cells.x[0].length;
    double[] eta = new double[k];
    double[] mu = new double[k];
    double[] beta = start.clone();
    double dev = update(cells, beta, eta, mu, family);
    double[] w2 = new double[k];
    double[][] xtwx = null;
    boolean conv = false;
    List<String> notes = new ArrayList<>();
    int iter;
    for (iter = 1; iter <= maxit; iter++) {
      xtwx = new double[p][p];
      double[] next = step(cells, eta, mu, family, w2, xtwx);
      double nextDev = update(cells, next, eta, mu, family);
      for (int h = 0; h < 60 && !(nextDev <= dev); h++) {
        for (int j = 0; j < p; j++) {
          next[j] = (next[j] + beta[j]) / 2;
        }
        nextDev = update(cells, next, eta, mu, family);
      }
      if (!(nextDev <= dev)) {
        // no step lowers the deviance: beta is its minimum to rounding
        update(cells, beta, eta, mu, family);
        conv = true;
        break;
      }
      double change = Math.abs(nextDev - dev) / (Math.abs(nextDev) + 0.1);
      beta = next;
      dev = nextDev;
      if (change < epsilon) {
        conv = true;
        break;
      }
    }
    if (!conv) {
      iter = maxit;
      notes.add(String.format(Locale.ROOT, "IRLS did not converge in %d iterations", maxit));
    }
    return new Result(
        family,
        beta,
        cells.scatter(eta),
        cells.scatter(mu),
        cells.scatter(w2),
        Dense.inverseSpd(xtwx),
        dev,
        iter,
        conv,
        notes);
  }

  /**
   * One weighted least-squares step: working response z = (eta - o) + (y - mu)/mu.eta and weights w
   * = mu.eta^2/V(mu) (log link: mu.eta = mu) into {@code w2}, X'WX into {@code xtwx}; returns the
   * solution of (X'WX) beta = X'Wz. Each cell's products are computed once and summed over its
   * observations in their order.
   */
  private static double[] step(
      Cells cells, double[] eta, double[] mu, LogLinkFamily family, double[] w2, double[][] xtwx) {
    int p = xtwx.length;
    int k = cells.k;
    int tri = p * (p + 1) / 2;
    double[] wxz = new double[k * p];
    double[] wxx = new double[k * tri];
    for (int c = 0; c < k; c++) {
      // log link: mu.eta(eta) = max(exp(eta), DBL_EPSILON) = mu, already computed
      double muEta = mu[c];
      double z = (eta[c] - cells.offset[c]) + (cells.y[c] - mu[c]) / muEta;
      double wi = muEta * muEta / family.variance(mu[c]);
      w2[c] = wi;
      double[] xi = cells.x[c];
      int t = c * tri;
      for (int j = 0; j < p; j++) {
        double wx = wi * xi[j];
        wxz[c * p + j] = wx * z;
        for (int kk = 0; kk <= j; kk++) {
          wxx[t++] = wx * xi[kk];
        }
      }
    }
    double[] xtwz = new double[p];
    int[] cell = cells.cell;
    for (int i = 0; i < cells.n; i++) {
      int c = cell[i];
      int t = c * tri;
      for (int j = 0; j < p; j++) {
        xtwz[j] += wxz[c * p + j];
        double[] row = xtwx[j];
        for (int kk = 0; kk <= j; kk++) {
          row[kk] += wxx[t++];
        }
      }
    }
    symmetrise(xtwx);
    return Dense.multiply(Dense.inverseSpd(xtwx), xtwz);
  }

  private static double update(
      Cells cells, double[] beta, double[] eta, double[] mu, LogLinkFamily family) {
    for (int c = 0; c < cells.k; c++) {
      eta[c] = Dense.dot(cells.x[c], beta) + cells.offset[c];
      mu[c] = LogLinkFamily.linkinv(eta[c]);
    }
    return deviance(family, cells, mu);
  }

  private static double deviance(LogLinkFamily family, Cells cells, double[] mu) {
    double[] d = new double[cells.k];
    for (int c = 0; c < cells.k; c++) {
      d[c] = family.devResid(cells.y[c], mu[c]);
    }
    return cells.accumulate(0, d);
  }

  public static double deviance(LogLinkFamily family, double[] y, double[] mu) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += family.devResid(y[i], mu[i]);
    }
    return s;
  }

  static void symmetrise(double[][] a) {
    for (int j = 0; j < a.length; j++) {
      for (int k = 0; k < j; k++) {
        a[k][j] = a[j][k];
      }
    }
  }
}
