package org.odtrial.analysis.mixed.internal;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Minimises the profiled REML criterion over theta >= 0: a log-spaced grid (so several local minima
 * cannot fool a single bracket), Brent between the best grid point's neighbours, then Newton on the
 * analytic derivative to full double precision, and a boundary check at theta = 0.
 */
public final class ThetaSearch {
  private static final double LOW = 1e-6;
  private static final double HIGH = 1e5;
  private static final int GRID = 221;

  private ThetaSearch() {}

  public static double minimise(RemlProfile profile) {
    int n = profile.n();
    int p = profile.p();
    double[] grid = new double[GRID + 1];
    double[] value = new double[GRID + 1];
    grid[0] = 0;
    for (int k = 1; k <= GRID; k++) {
      grid[k] = LOW * Math.pow(HIGH / LOW, (k - 1) / (double) (GRID - 1));
    }
    int best = 0;
    for (int k = 0; k <= GRID; k++) {
      value[k] = profile.at(grid[k]).criterion(n, p);
      if (value[k] < value[best]) {
        best = k;
      }
    }
    double lo = grid[Math.max(0, best - 1)];
    double hi = grid[Math.min(GRID, best + 1)];
    BrentOptimizer brent = new BrentOptimizer(1e-13, 1e-300);
    UnivariatePointValuePair opt =
        brent.optimize(
            new MaxEval(10_000),
            GoalType.MINIMIZE,
            new SearchInterval(lo, hi, grid[best]),
            new UnivariateObjectiveFunction(t -> profile.at(t).criterion(n, p)));
    double theta = polish(profile, opt.getPoint(), lo, hi);
    double atTheta = profile.at(theta).criterion(n, p);
    double atZero = value[0];
    // the criterion is even in theta with zero slope at 0; the boundary wins ties
    return atZero <= atTheta ? 0.0 : theta;
  }

  /** Newton steps on d'(theta) = 0 while they shrink |d'| and stay inside the bracket. */
  private static double polish(RemlProfile profile, double start, double lo, double hi) {
    int n = profile.n();
    int p = profile.p();
    double x = start;
    RemlProfile.Point pt = profile.at(x);
    double g = pt.criterionD1(n, p);
    for (int i = 0; i < 50 && g != 0; i++) {
      double h = pt.criterionD2(n, p);
      if (!(h > 0)) {
        break;
      }
      double next = x - g / h;
      if (!(next > lo && next < hi) || next == x) {
        break;
      }
      RemlProfile.Point np = profile.at(next);
      double ng = np.criterionD1(n, p);
      if (!(Math.abs(ng) < Math.abs(g))) {
        break;
      }
      x = next;
      pt = np;
      g = ng;
    }
    return x;
  }
}
