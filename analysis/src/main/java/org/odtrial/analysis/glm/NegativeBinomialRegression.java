package org.odtrial.analysis.glm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.glm.internal.Irls;
import org.odtrial.analysis.glm.internal.LogLinkFamily;
import org.odtrial.analysis.glm.internal.ThetaMl;

/**
 * Negative binomial (NB2) log-linear model with maximum-likelihood theta, fitted exactly as {@code
 * MASS::glm.nb}: a Poisson start, then alternating theta.ml (on the previous means) and IRLS at
 * fixed theta until |dLogLik|/d1 + |dTheta|/d2 <= epsilon.
 *
 * <p>When theta.ml reaches its iteration limit (no detectable overdispersion: theta runs off to
 * infinity and glm.nb warns "iteration limit reached") the default is to report the Poisson fit
 * instead, with a note; {@link #withPoissonFallback(boolean)} turns that off.
 */
public final class NegativeBinomialRegression {
  private final CountData data;
  private final IrlsControl control;
  private final boolean poissonFallback;

  private NegativeBinomialRegression(CountData data, IrlsControl control, boolean poissonFallback) {
    this.data = data;
    this.control = control;
    this.poissonFallback = poissonFallback;
  }

  public static NegativeBinomialRegression of(CountData data) {
    return new NegativeBinomialRegression(data, IrlsControl.DEFAULT, true);
  }

  public NegativeBinomialRegression withControl(IrlsControl newControl) {
    return new NegativeBinomialRegression(data, newControl, poissonFallback);
  }

  public NegativeBinomialRegression withPoissonFallback(boolean fallback) {
    return new NegativeBinomialRegression(data, control, fallback);
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
    double[][] x = data.xView();
    double[] y = data.yView();
    double[] offset = data.offsetView();
    double eps = control.epsilon();
    int maxit = control.maxit();
    List<String> notes = new ArrayList<>();

    Irls.Result fit = Irls.fit(x, y, offset, null, LogLinkFamily.poisson(), eps, maxit);
    double[] mu = fit.mu();
    ThetaMl thetaMl = new ThetaMl(y);
    ThetaMl.Estimate th = thetaMl.estimate(mu, maxit);
    int iter = 0;
    double d1 = Math.sqrt(2 * Math.max(1, y.length - x[0].length));
    double d2 = 1;
    double del = 1;
    double lm = thetaMl.logLik(th.theta(), mu);
    double lm0 = lm + 2 * d1;
    while (++iter <= maxit && (Math.abs(lm0 - lm) / d1 + Math.abs(del) / d2) > eps) {
      double[] eta = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        eta[i] = Math.log(mu[i]);
      }
      fit = Irls.fit(x, y, offset, eta, LogLinkFamily.negativeBinomial(th.theta()), eps, maxit);
      double t0 = th.theta();
      // theta.ml sees the means from before this IRLS fit, as in glm.nb
      th = thetaMl.estimate(mu, maxit);
      mu = fit.mu();
      del = t0 - th.theta();
      lm0 = lm;
      lm = thetaMl.logLik(th.theta(), mu);
    }
    int alternations = Math.min(iter, maxit + 1) - 1;
    boolean converged = fit.converged();
    notes.addAll(fit.notes());
    if (iter > maxit) {
      converged = false;
      notes.add("glm.nb: alternation limit reached");
    }
    if (th.truncatedAtZero()) {
      notes.add("theta.ml: estimate truncated at zero");
    }
    if (th.iterationLimit() || !Double.isFinite(th.theta())) {
      String msg =
          String.format(
              Locale.ROOT,
              "theta.ml: iteration limit reached (theta ran to %.6g, as in glm.nb): theta could not"
                  + " be estimated, either because there is no overdispersion or because the"
                  + " likelihood is flat in theta (check the data, e.g. many zeros)",
              th.theta());
      if (poissonFallback) {
        CountFit p = PoissonRegression.of(data).withControl(control).fit();
        List<String> pn = new ArrayList<>(p.notes());
        pn.add(
            0,
            msg
                + "; reporting the Poisson model glm(family = poisson) instead, whose"
                + " cluster-robust variance stays valid under overdispersion");
        return new CountFit(
            p.family(),
            p.terms(),
            p.coefficients(),
            p.se(),
            p.vcov(),
            p.robustSe(),
            p.robustVcov(),
            null,
            null,
            p.twoLogLik(),
            p.deviance(),
            p.iterations(),
            alternations,
            p.converged(),
            p.n(),
            p.clusters(),
            p.cr2(),
            p.nonEstimable(),
            pn);
      }
      notes.add(msg);
    }
    if (!converged) {
      notes.add("the negative binomial fit did not converge; estimates are unreliable");
    }
    // deviance at the final theta, as fit$deviance (IRLS at the previous theta, which is what
    // glm.nb stores)
    return FitAssembly.assemble(
        "negative binomial",
        data,
        fit,
        th.theta(),
        th.se(),
        2 * lm,
        fit.deviance(),
        alternations,
        converged,
        notes);
  }
}
