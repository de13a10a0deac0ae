package org.odtrial.analysis.glm.internal;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The profile log-likelihood of the NB2 shape, l_p(theta) = max_beta l(beta, theta), and a
 * safeguarded search for its maximum in u = log theta: the profile on a grid of u from log 1e-8 to
 * log 1e8 in unit steps (each point an IRLS fit at fixed theta, started from its neighbour's
 * coefficients and protected by step halving), then, between the best grid point's neighbours, the
 * root of the profile score dl_p/du = theta dl/dtheta (the partial derivative at beta-hat(theta),
 * by the envelope theorem) by Brent's method, or Brent's minimiser on -l_p where the score does not
 * change sign there. A best grid point at the upper end means the profile rises towards theta =
 * infinity (the Poisson limit).
 */
public final class ThetaProfile {
  private static final double LOW = Math.log(1e-8);
  private static final double HIGH = Math.log(1e8);
  private static final double STEP = 1.0;
  private static final double IRLS_EPSILON = 1e-12;
  private static final int IRLS_MAXIT = 500;

  private final double[][] x;
  private final double[] y;
  private final double[] offset;
  private final ThetaMl thetaMl;
  private int evaluations;

  /** The fit at one theta. */
  public record Point(double theta, double logLik, Irls.Result fit) {}

  /**
   * The outcome of the search.
   *
   * @param best the maximum, or null when the profile rises towards theta = infinity
   * @param evaluations profile evaluations (IRLS fits at fixed theta)
   */
  public record Maximum(Point best, int evaluations) {}

  public ThetaProfile(double[][] x, double[] y, double[] offset) {
    this.x = x;
    this.y = y;
    this.offset = offset;
    this.thetaMl = new ThetaMl(y);
  }

  /** The profile at theta, IRLS started from {@code start}. */
  public Point at(double theta, double[] start) {
    evaluations++;
    Irls.Result fit =
        Irls.fitMonotone(
            x, y, offset, start, LogLinkFamily.negativeBinomial(theta), IRLS_EPSILON, IRLS_MAXIT);
    return new Point(theta, thetaMl.stableLogLik(theta, fit.mu()), fit);
  }

  /** theta.ml's standard error at a point. */
  public double se(Point pt) {
    return thetaMl.se(pt.theta(), pt.fit().mu());
  }

  /**
   * @param poissonCoefficients the Poisson fit's coefficients (the start at the largest theta)
   * @throws ArithmeticException when the profile keeps rising as theta -> 0 (no maximum)
   */
  public Maximum maximise(double[] poissonCoefficients) {
    int k = (int) Math.round((HIGH - LOW) / STEP);
    Point[] grid = new Point[k + 1];
    double[] start = poissonCoefficients;
    int best = 0;
    // from the Poisson end down: each fit starts from its neighbour's coefficients
    for (int i = 0; i <= k; i++) {
      grid[i] = at(Math.exp(HIGH - i * STEP), start);
      start = grid[i].fit().coefficients();
      if (grid[i].logLik() > grid[best].logLik()) {
        best = i;
      }
    }
    if (best == 0) {
      return new Maximum(null, evaluations);
    }
    if (best == k) {
      throw new ArithmeticException(
          "the negative binomial profile likelihood keeps rising as theta -> 0: no maximum");
    }
    double hi = Math.log(grid[best - 1].theta());
    double lo = Math.log(grid[best + 1].theta());
    double[] warm = grid[best].fit().coefficients();
    double sLo = score(at(Math.exp(lo), warm));
    double sHi = score(at(Math.exp(hi), warm));
    double u;
    if (sLo > 0 && sHi < 0) {
      u =
          new BrentSolver(1e-14, 1e-13)
              .solve(200, v -> score(at(Math.exp(v), warm)), lo, hi, Math.log(grid[best].theta()));
    } else {
      u =
          new BrentOptimizer(1e-12, 1e-14)
              .optimize(
                  new MaxEval(500),
                  GoalType.MAXIMIZE,
                  new SearchInterval(lo, hi, Math.log(grid[best].theta())),
                  new UnivariateObjectiveFunction(v -> at(Math.exp(v), warm).logLik()))
              .getPoint();
    }
    Point opt = at(Math.exp(u), warm);
    return new Maximum(opt.logLik() >= grid[best].logLik() ? opt : grid[best], evaluations);
  }

  /** d l_p / d log theta = theta x theta.ml's score at the profile's means. */
  private double score(Point pt) {
    return pt.theta() * thetaMl.scoreAt(pt.theta(), pt.fit().mu());
  }
}
