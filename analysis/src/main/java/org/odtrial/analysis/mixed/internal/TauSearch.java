package org.odtrial.analysis.mixed.internal;

import org.odtrial.analysis.linear.internal.Dense;

/**
 * Minimises the profiled REML criterion of {@link NestedRemlProfile} over tau = (tau_p, tau_c) >=
 * 0: the best point of a grid (so a second local minimum cannot capture the search), then projected
 * Newton steps with the analytic gradient and a Hessian from central differences of it, with a
 * backtracking line search. A coordinate at 0 whose derivative is positive stays there (the
 * boundary optimum of a singular fit). Near the optimum the criterion is flat to rounding, so a
 * step is also accepted when the criterion does not rise beyond rounding and the projected gradient
 * shrinks: the search ends where the gradient vanishes to numerical precision, not where the
 * criterion stops changing.
 */
public final class TauSearch {
  private static final double[] GRID = {0, 1e-3, 1e-2, 0.05, 0.2, 0.5, 1, 2, 5, 20, 100};
  private static final int MAX_ITERATIONS = 500;

  private TauSearch() {}

  /** The minimising (tau_p, tau_c). */
  public static double[] minimise(NestedRemlProfile profile) {
    double[] best = {GRID[0], GRID[0]};
    double bestValue = Double.POSITIVE_INFINITY;
    for (double tp : GRID) {
      for (double tc : GRID) {
        double v = profile.criterion(tp, tc);
        if (v < bestValue) {
          bestValue = v;
          best = new double[] {tp, tc};
        }
      }
    }
    return descend(profile, best);
  }

  private static double[] descend(NestedRemlProfile profile, double[] start) {
    double[] tau = start.clone();
    NestedRemlProfile.Point pt = profile.at(tau[0], tau[1]);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] g = pt.gradient();
      boolean[] free = {tau[0] > 0 || g[0] < 0, tau[1] > 0 || g[1] < 0};
      double gNorm = projectedNorm(tau, g);
      if (gNorm == 0 || !(free[0] || free[1])) {
        break;
      }
      double[] d = direction(profile, tau, g, free);
      boolean moved = false;
      for (int halving = 0; halving < 60 && !moved; halving++) {
        double t = Math.scalb(1.0, -halving);
        double[] next = {Math.max(0, tau[0] + t * d[0]), Math.max(0, tau[1] + t * d[1])};
        if (next[0] == tau[0] && next[1] == tau[1]) {
          break;
        }
        NestedRemlProfile.Point np = profile.at(next[0], next[1]);
        double rounding = 1e-13 * Math.abs(pt.criterion());
        boolean lower = np.criterion() < pt.criterion();
        boolean flatter =
            np.criterion() <= pt.criterion() + rounding
                && projectedNorm(next, np.gradient()) < gNorm;
        if (lower || flatter) {
          tau = next;
          pt = np;
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    return tau;
  }

  /** Newton direction on the free coordinates, or a scaled gradient step if H is not positive. */
  private static double[] direction(
      NestedRemlProfile profile, double[] tau, double[] g, boolean[] free) {
    int[] idx = free[0] && free[1] ? new int[] {0, 1} : free[0] ? new int[] {0} : new int[] {1};
    int k = idx.length;
    double[][] h = new double[k][k];
    for (int a = 0; a < k; a++) {
      int c = idx[a];
      double step = 1e-5 * Math.max(tau[c], 1e-3);
      double[] up = tau.clone();
      double[] down = tau.clone();
      up[c] += step;
      down[c] = Math.max(0, down[c] - step);
      double[] gu = profile.at(up[0], up[1]).gradient();
      double[] gd = profile.at(down[0], down[1]).gradient();
      double width = up[c] - down[c];
      for (int b = 0; b < k; b++) {
        h[b][a] = (gu[idx[b]] - gd[idx[b]]) / width;
      }
    }
    Dense.symmetrise(h);
    double[] d = new double[2];
    try {
      double[][] hi = Dense.inverseSpd(h);
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          d[idx[a]] -= hi[a][b] * g[idx[b]];
        }
      }
    } catch (ArithmeticException notPositive) {
      for (int c : idx) {
        double scale = Math.max(tau[c], 0.1);
        d[c] = -g[c] * scale * scale;
      }
    }
    return d;
  }

  private static double projectedNorm(double[] tau, double[] g) {
    double s = 0;
    for (int c = 0; c < 2; c++) {
      if (tau[c] > 0 || g[c] < 0) {
        s += g[c] * g[c];
      }
    }
    return Math.sqrt(s);
  }
}
