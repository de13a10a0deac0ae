package org.odtrial.analysis.linear;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * A two-stage least squares fit ({@link TwoStageLeastSquares}).
 *
 * @param vcov the cluster-robust (CR1, HC1) covariance; without clusters sigma^2 (X^'X^)^-1 with
 *     sigma^2 = RSS/(n - p), as {@code vcov(ivreg)}
 * @param clusters number of clusters, or null without clusters
 */
public record IvFit(
    List<String> terms, double[] coefficients, double[][] vcov, int n, Integer clusters) {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-14);

  /**
   * A coefficient with its se, 95% normal (Wald) interval and two-sided normal p-value, as {@code
   * lmtest::coeftest(fit, vcov. = V, df = Inf)}.
   *
   * @param z estimate / se
   */
  public record Wald(
      double estimate, double se, double z, double ciLow, double ciHigh, double pValue) {}

  public IvFit {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    vcov = Dense.copy(vcov);
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double[][] vcov() {
    return Dense.copy(vcov);
  }

  public Wald coefficient(String term) {
    int j = terms.indexOf(term);
    if (j < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "no term '%s' in %s", term, terms));
    }
    double b = coefficients[j];
    double se = Math.sqrt(vcov[j][j]);
    double q = NORMAL.inverseCumulativeProbability(0.975);
    double z = b / se;
    return new Wald(
        b, se, z, b - q * se, b + q * se, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
  }
}
