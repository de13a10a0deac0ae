package org.odtrial.analysis.glm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.glm.internal.Cells;
import org.odtrial.analysis.glm.internal.Irls;
import org.odtrial.analysis.glm.internal.LogLinkFamily;
import org.odtrial.analysis.glm.internal.ThetaMl;
import org.odtrial.analysis.glm.internal.ThetaProfile;

/**
 * Negative binomial (NB2) log-linear model with maximum-likelihood theta. It is fitted exactly as
 * {@code MASS::glm.nb} (a Poisson start, then alternating theta.ml on the previous means and IRLS
 * at fixed theta until |dLogLik|/d1 + |dTheta|/d2 <= epsilon), and that fit is reported when glm.nb
 * converges.
 *
 * <p>Where glm.nb does not converge (theta.ml's iteration limit, theta running away, the
 * alternation limit, an IRLS failure), the maximum-likelihood fit is found by a safeguarded search
 * of the profile likelihood in theta ({@link ThetaProfile}) and reported with a note: the fit
 * {@code glm(y ~ x + offset(o), family = negative.binomial(theta_ml))}. Only where that profile
 * rises towards theta = infinity (no overdispersion) is the Poisson fit reported instead, with a
 * note. {@link #withMaximumLikelihoodSearch(boolean)} turns the search off, to reproduce what
 * glm.nb itself returns.
 */
public final class NegativeBinomialRegression {
  private final CountData data;
  private final IrlsControl control;
  private final boolean search;

  private NegativeBinomialRegression(CountData data, IrlsControl control, boolean search) {
    this.data = data;
    this.control = control;
    this.search = search;
  }

  public static NegativeBinomialRegression of(CountData data) {
    return new NegativeBinomialRegression(data, IrlsControl.DEFAULT, true);
  }

  public NegativeBinomialRegression withControl(IrlsControl newControl) {
    return new NegativeBinomialRegression(data, newControl, search);
  }

  /**
   * With {@code false}, a glm.nb that does not converge is reported as glm.nb returns it (its last
   * theta, possibly a runaway one, with notes), as R would; default {@code true}.
   */
  public NegativeBinomialRegression withMaximumLikelihoodSearch(boolean on) {
    return new NegativeBinomialRegression(data, control, on);
  }

  /**
   * Fits the model. Hard cases that still give numbers (no events in an arm, no overdispersion,
   * glm.nb not converging) come back with notes.
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

    // the observations' cells, shared by every fit below
    Cells cells = Cells.of(x, y, offset);
    Irls.Result poisson = Irls.fit(cells, null, LogLinkFamily.poisson(), eps, maxit);
    Irls.Result fit = poisson;
    double[] mu = fit.mu();
    ThetaMl thetaMl = new ThetaMl(y, cells);
    ThetaMl.Estimate th = thetaMl.estimate(mu, maxit);
    int iter = 0;
    double d1 = Math.sqrt(2 * Math.max(1, y.length - x[0].length));
    double d2 = 1;
    double del = 1;
    double lm = thetaMl.logLik(th.theta(), mu);
    double lm0 = lm + 2 * d1;
    String failure = null;
    try {
      while (++iter <= maxit && (Math.abs(lm0 - lm) / d1 + Math.abs(del) / d2) > eps) {
        double[] eta = cells.map(mu, Math::log);
        fit = Irls.fit(cells, eta, LogLinkFamily.negativeBinomial(th.theta()), eps, maxit);
        double t0 = th.theta();
        // theta.ml sees the means from before this IRLS fit, as in glm.nb
        th = thetaMl.estimate(mu, maxit);
        mu = fit.mu();
        del = t0 - th.theta();
        lm0 = lm;
        lm = thetaMl.logLik(th.theta(), mu);
      }
    } catch (ArithmeticException ex) {
      failure = "IRLS failed (" + ex.getMessage() + ")";
    }
    int alternations = Math.min(iter, maxit + 1) - 1;
    List<String> reasons = new ArrayList<>();
    if (failure != null) {
      reasons.add(failure);
    } else {
      if (iter > maxit) {
        reasons.add("alternation limit reached");
      }
      if (th.iterationLimit() || !Double.isFinite(th.theta())) {
        reasons.add(
            String.format(
                Locale.ROOT, "theta.ml's iteration limit reached, theta ran to %.6g", th.theta()));
      }
      if (th.truncatedAtZero()) {
        reasons.add("theta.ml's estimate truncated at zero");
      }
      if (!fit.converged()) {
        reasons.add("IRLS did not converge");
      }
    }
    notes.addAll(fit.notes());
    if (!reasons.isEmpty()) {
      String glmNb = "glm.nb does not converge on these data (" + String.join("; ", reasons) + ")";
      if (search) {
        return maximumLikelihood(
            cells, poisson, glmNb, failure == null ? lm : Double.NaN, alternations);
      }
      if (failure != null) {
        throw new ArithmeticException(glmNb);
      }
      notes.add(glmNb + "; the fit is glm.nb's last one and its estimates are unreliable");
    }
    return FitAssembly.assemble(
        "negative binomial",
        data,
        fit,
        th.theta(),
        th.se(),
        2 * lm,
        fit.deviance(),
        alternations,
        reasons.isEmpty(),
        notes);
  }

  /**
   * The maximum of the profile likelihood in theta, or the Poisson fit where it rises towards theta
   * = infinity.
   */
  private CountFit maximumLikelihood(
      Cells cells, Irls.Result poisson, String glmNb, double glmNbLogLik, int alternations) {
    double[] y = data.yView();
    ThetaProfile profile = new ThetaProfile(cells, y);
    ThetaProfile.Maximum max = profile.maximise(poisson.coefficients());
    double poissonLogLik = PoissonRegression.logLik(y, poisson.mu());
    String before =
        Double.isFinite(glmNbLogLik)
            ? String.format(Locale.ROOT, " (glm.nb's last log-likelihood: %.6f)", glmNbLogLik)
            : "";
    if (max.best() == null || max.best().logLik() <= poissonLogLik) {
      CountFit p = PoissonRegression.of(data).withControl(control).fit();
      List<String> notes = new ArrayList<>(p.notes());
      notes.add(
          0,
          glmNb
              + before
              + ": the profile likelihood of theta rises towards theta = infinity (no"
              + " overdispersion), so the Poisson fit glm(family = poisson) is reported; its"
              + " cluster-robust variance stays valid");
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
          notes);
    }
    ThetaProfile.Point best = max.best();
    double theta = best.theta();
    // glm(..., family = negative.binomial(theta)) from the converged means: its last IRLS weights
    // are those at the maximum, as R's converged fit reports them
    Irls.Result fit =
        Irls.fit(
            cells,
            best.fit().eta(),
            LogLinkFamily.negativeBinomial(theta),
            control.epsilon(),
            control.maxit());
    List<String> notes = new ArrayList<>(fit.notes());
    notes.add(
        String.format(
            Locale.ROOT,
            "%s%s: reported is the maximum-likelihood fit, theta = %.6g (log-likelihood %.6f),"
                + " found by a safeguarded search of the profile likelihood in theta; it is"
                + " glm(family = negative.binomial(theta)) at that theta",
            glmNb,
            before,
            theta,
            best.logLik()));
    return FitAssembly.assemble(
        "negative binomial",
        data,
        fit,
        theta,
        profile.se(best),
        2 * best.logLik(),
        fit.deviance(),
        alternations,
        fit.converged(),
        notes);
  }
}
