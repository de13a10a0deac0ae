package org.odtrial.analysis.glm;

import org.apache.commons.math3.special.Gamma;
import org.odtrial.analysis.glm.internal.Irls;
import org.odtrial.analysis.glm.internal.LogLinkFamily;

/** Poisson log-linear model fitted as {@code glm(y ~ x + offset(o), family = poisson)}. */
public final class PoissonRegression {
  private final CountData data;
  private final IrlsControl control;

  private PoissonRegression(CountData data, IrlsControl control) {
    this.data = data;
    this.control = control;
  }

  public static PoissonRegression of(CountData data) {
    return new PoissonRegression(data, IrlsControl.DEFAULT);
  }

  public PoissonRegression withControl(IrlsControl newControl) {
    return new PoissonRegression(data, newControl);
  }

  /**
   * Fits the model. Hard cases that still give numbers (no events in an arm, no overdispersion,
   * non-convergence) come back with notes.
   *
   * @throws ArithmeticException when the design is rank deficient or the first IRLS step already
   *     gives a non-finite deviance: there is nothing to report but "estimate": null with this
   *     message as the note
   */
  public CountFit fit() {
    Irls.Result r =
        Irls.fit(
            data.xView(),
            data.yView(),
            data.offsetView(),
            null,
            LogLinkFamily.poisson(),
            control.epsilon(),
            control.maxit());
    return FitAssembly.assemble(
        "poisson",
        data,
        r,
        null,
        null,
        2 * logLik(data.yView(), r.mu()),
        r.deviance(),
        0,
        r.converged(),
        r.notes());
  }

  /** sum(dpois(y, mu, log = TRUE)). */
  static double logLik(double[] y, double[] mu) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - Gamma.logGamma(y[i] + 1);
    }
    return s;
  }
}
