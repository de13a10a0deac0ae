package org.odtrial.analysis.glm.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The profile log-likelihood of the NB2 shape, l_p(theta) = max_beta l(beta, theta), and a
 * safeguarded search for its maximum in u = log theta: the profile on a grid of u from log 1e6 down
 * to log 1e-8 in steps of 2 (each point an IRLS fit at fixed theta, started from its neighbour's
 * coefficients and protected by step halving), extended upwards to 1e15 while its best point is the
 * top one and the profile still falls towards infinity; then, between the best grid point's
 * neighbours, the root of the profile score dl_p/du = theta dl/dtheta (the partial derivative at
 * beta-hat(theta), by the envelope theorem) by Brent's method, or Brent's maximiser of l_p where
 * the score does not change sign there. A best grid point at the top where the profile still rises
 * means it rises towards theta = infinity (the Poisson limit).
 */
public final class ThetaProfile {
  private static final double LOW = Math.log(1e-8);
  private static final double HIGH = Math.log(1e6);
  private static final double CEILING = Math.log(1e15);
  private static final double STEP = 2.0;

  /** IRLS tolerance on the grid (R's default) and for the refinement. */
  private static final double COARSE = 1e-8;

  private static final double FINE = 1e-12;
  private static final int IRLS_MAXIT = 500;

  private final Cells cells;
  private final ThetaMl thetaMl;
  private final int positives;
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
    this(Cells.of(x, y, offset), y);
  }

  /** On the observations of {@code cells}, whose counts are {@code y}. */
  public ThetaProfile(Cells cells, double[] y) {
    this.cells = cells;
    this.thetaMl = new ThetaMl(y, cells);
    int pos = 0;
    for (double v : y) {
      pos += v > 0 ? 1 : 0;
    }
    this.positives = pos;
  }

  /** The profile at theta, IRLS started from {@code start}, to the fine tolerance. */
  public Point at(double theta, double[] start) {
    return at(theta, start, FINE);
  }

  private Point at(double theta, double[] start, double epsilon) {
    evaluations++;
    Irls.Result fit =
        Irls.fitMonotone(cells, start, LogLinkFamily.negativeBinomial(theta), epsilon, IRLS_MAXIT);
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
    List<Point> grid = new ArrayList<>();
    double[] start = poissonCoefficients;
    int best = 0;
    // from the Poisson end down: each fit starts from its neighbour's coefficients
    int asymptotic = 0;
    for (double u = HIGH; u >= LOW - 1e-9 && asymptotic < 2; u -= STEP) {
      Point pt = at(Math.exp(u), start, COARSE);
      grid.add(pt);
      start = pt.fit().coefficients();
      if (pt.logLik() > grid.get(best).logLik()) {
        best = grid.size() - 1;
      }
      // as theta -> 0, l_p ~ (number of positive counts) log theta: once its slope is that, the
      // profile only falls further and no maximum lies below
      boolean past = grid.size() - 1 > best;
      asymptotic = past && score(pt) >= 0.95 * positives ? asymptotic + 1 : 0;
    }
    // best at the top: rising towards infinity, or a maximum above the grid
    while (best == 0 && score(grid.get(0)) < 0 && Math.log(grid.get(0).theta()) < CEILING) {
      Point pt = at(grid.get(0).theta() * Math.exp(STEP), grid.get(0).fit().coefficients(), COARSE);
      grid.add(0, pt);
      if (pt.logLik() <= grid.get(1).logLik()) {
        best = 1;
      }
    }
    if (best == 0) {
      return new Maximum(null, evaluations);
    }
    if (best == grid.size() - 1) {
      throw new ArithmeticException(
          "the negative binomial profile likelihood keeps rising as theta -> 0: no maximum");
    }
    double hi = Math.log(grid.get(best - 1).theta());
    double lo = Math.log(grid.get(best + 1).theta());
    double mid = Math.log(grid.get(best).theta());
    double[] warm = grid.get(best).fit().coefficients();
    // the refinement's fits, by log theta: Brent asks again for the bracket's ends
    Map<Double, Point> fine = new HashMap<>();
    java.util.function.DoubleFunction<Point> f =
        v -> fine.computeIfAbsent(v, w -> at(Math.exp(w), warm));
    double sLo = score(f.apply(lo));
    double sHi = score(f.apply(hi));
    double u;
    if (sLo > 0 && sHi < 0) {
      u = new BrentSolver(1e-10, 1e-11).solve(200, v -> score(f.apply(v)), lo, hi, mid);
    } else {
      u =
          new BrentOptimizer(1e-10, 1e-12)
              .optimize(
                  new MaxEval(500),
                  GoalType.MAXIMIZE,
                  new SearchInterval(lo, hi, mid),
                  new UnivariateObjectiveFunction(v -> f.apply(v).logLik()))
              .getPoint();
    }
    Point opt = f.apply(u);
    return new Maximum(opt.logLik() >= grid.get(best).logLik() ? opt : grid.get(best), evaluations);
  }

  /** d l_p / d log theta = theta x theta.ml's score at the profile's means. */
  private double score(Point pt) {
    return pt.theta() * thetaMl.scoreAt(pt.theta(), pt.fit().mu());
  }
}
