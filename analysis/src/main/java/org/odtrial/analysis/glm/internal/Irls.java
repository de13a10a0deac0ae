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
    int n = y.length;
    int p = x[0].length;
    double[] eta = new double[n];
    double[] mu = new double[n];
    for (int i = 0; i < n; i++) {
      eta[i] = etaStart != null ? etaStart[i] : Math.log(family.mustart(y[i]));
      mu[i] = LogLinkFamily.linkinv(eta[i]);
    }
    double devold = deviance(family, y, mu);
    double[] w2 = new double[n];
    double[] coef = null;
    double[] coefold = null;
    double[][] xtwx = null;
    boolean conv = false;
    List<String> notes = new ArrayList<>();
    int iter;
    for (iter = 1; iter <= maxit; iter++) {
      xtwx = new double[p][p];
      double[] start = step(x, y, offset, eta, mu, family, w2, xtwx);
      double dev = update(x, offset, start, eta, mu, family, y);
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
          dev = update(x, offset, start, eta, mu, family, y);
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
    return new Result(family, coef, eta, mu, w2, Dense.inverseSpd(xtwx), devold, iter, conv, notes);
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
    int n = y.length;
    int p = x[0].length;
    double[] eta = new double[n];
    double[] mu = new double[n];
    double[] beta = start.clone();
    double dev = update(x, offset, beta, eta, mu, family, y);
    double[] w2 = new double[n];
    double[][] xtwx = null;
    boolean conv = false;
    List<String> notes = new ArrayList<>();
    int iter;
    for (iter = 1; iter <= maxit; iter++) {
      xtwx = new double[p][p];
      double[] next = step(x, y, offset, eta, mu, family, w2, xtwx);
      double nextDev = update(x, offset, next, eta, mu, family, y);
      for (int h = 0; h < 60 && !(nextDev <= dev); h++) {
        for (int j = 0; j < p; j++) {
          next[j] = (next[j] + beta[j]) / 2;
        }
        nextDev = update(x, offset, next, eta, mu, family, y);
      }
      if (!(nextDev <= dev)) {
        // no step lowers the deviance: beta is its minimum to rounding
        update(x, offset, beta, eta, mu, family, y);
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
    return new Result(family, beta, eta, mu, w2, Dense.inverseSpd(xtwx), dev, iter, conv, notes);
  }

  /**
   * One weighted least-squares step: working response z = (eta - o) + (y - mu)/mu.eta and weights w
   * = mu.eta^2/V(mu) (log link: mu.eta = mu) into {@code w2}, X'WX into {@code xtwx}; returns the
   * solution of (X'WX) beta = X'Wz.
   */
  private static double[] step(
      double[][] x,
      double[] y,
      double[] offset,
      double[] eta,
      double[] mu,
      LogLinkFamily family,
      double[] w2,
      double[][] xtwx) {
    int p = xtwx.length;
    double[] xtwz = new double[p];
    for (int i = 0; i < y.length; i++) {
      // log link: mu.eta(eta) = max(exp(eta), DBL_EPSILON) = mu, already computed
      double muEta = mu[i];
      double z = (eta[i] - offset[i]) + (y[i] - mu[i]) / muEta;
      double wi = muEta * muEta / family.variance(mu[i]);
      w2[i] = wi;
      double[] xi = x[i];
      for (int j = 0; j < p; j++) {
        double wx = wi * xi[j];
        xtwz[j] += wx * z;
        double[] row = xtwx[j];
        for (int k = 0; k <= j; k++) {
          row[k] += wx * xi[k];
        }
      }
    }
    symmetrise(xtwx);
    return Dense.multiply(Dense.inverseSpd(xtwx), xtwz);
  }

  private static double update(
      double[][] x,
      double[] offset,
      double[] beta,
      double[] eta,
      double[] mu,
      LogLinkFamily family,
      double[] y) {
    for (int i = 0; i < eta.length; i++) {
      eta[i] = Dense.dot(x[i], beta) + offset[i];
      mu[i] = LogLinkFamily.linkinv(eta[i]);
    }
    return deviance(family, y, mu);
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
