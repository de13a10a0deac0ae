package org.odtrial.analysis.glm.internal;

/**
 * The two count families with log link, with R's exact conventions ({@code poisson()} and {@code
 * MASS::negative.binomial(theta)}): mu = max(exp(eta), DBL_EPSILON).
 */
public abstract sealed class LogLinkFamily {
  static final double DBL_EPSILON = Math.ulp(1.0);

  public static LogLinkFamily poisson() {
    return new Poisson();
  }

  public static LogLinkFamily negativeBinomial(double theta) {
    return new NegativeBinomial(theta);
  }

  static double linkinv(double eta) {
    return Math.max(Math.exp(eta), DBL_EPSILON);
  }

  /** The variance function V(mu). */
  public abstract double variance(double mu);

  /** Unit deviance contribution (y, mu), as family$dev.resids with weight 1. */
  abstract double devResid(double y, double mu);

  /** Starting mean of family$initialize. */
  abstract double mustart(double y);

  static final class Poisson extends LogLinkFamily {
    @Override
    public double variance(double mu) {
      return mu;
    }

    @Override
    double devResid(double y, double mu) {
      return y > 0 ? 2 * (y * Math.log(y / mu) - (y - mu)) : 2 * mu;
    }

    @Override
    double mustart(double y) {
      return y + 0.1;
    }
  }

  static final class NegativeBinomial extends LogLinkFamily {
    private final double theta;

    NegativeBinomial(double theta) {
      this.theta = theta;
    }

    @Override
    public double variance(double mu) {
      return mu + mu * mu / theta;
    }

    @Override
    double devResid(double y, double mu) {
      return 2
          * (y * Math.log(Math.max(1, y) / mu)
              - (y + theta) * Math.log((y + theta) / (mu + theta)));
    }

    @Override
    double mustart(double y) {
      return y + (y == 0 ? 1.0 / 6 : 0);
    }
  }
}
