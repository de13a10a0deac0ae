package org.odtrial.analysis.glm;

/**
 * Convergence control of R's {@code glm.control()}: IRLS stops when |dev - dev_old| / (|dev| + 0.1)
 * < epsilon; at most maxit iterations. glm.nb uses the same pair for its theta/IRLS alternation and
 * as theta.ml's iteration limit.
 */
public record IrlsControl(double epsilon, int maxit) {
  /** R's defaults: {@code glm.control(epsilon = 1e-8, maxit = 25)}. */
  public static final IrlsControl DEFAULT = new IrlsControl(1e-8, 25);

  public IrlsControl {
    if (!(epsilon > 0) || maxit < 1) {
      throw new IllegalArgumentException("epsilon must be > 0 and maxit >= 1");
    }
  }
}
