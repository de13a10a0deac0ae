package org.odtrial.analysis.glm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.odtrial.analysis.glm.internal.Irls;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.robust.Cr2;
import org.odtrial.analysis.robust.WorkingModel;

/** Standard errors, cluster-robust variance and hard-case checks shared by both count models. */
final class FitAssembly {
  private FitAssembly() {}

  /**
   * sandwich::vcovCL(fit, type = "HC0", cadjust = TRUE) for a glm: estfun = working residual x
   * working weight x X, bread = cov.unscaled (theta held fixed for glm.nb), G/(G-1) factor.
   */
  static double[][] clusterRobust(CountData data, Irls.Result fit, Clusters clusters) {
    double[] y = data.yView();
    double[] r = new double[y.length];
    double[] mu = fit.mu();
    double[] w = fit.workingWeights();
    for (int i = 0; i < y.length; i++) {
      // working residual (y - mu) / mu.eta times working weight; mu.eta = mu for the log link
      r[i] = (y[i] - mu[i]) / mu[i] * w[i];
    }
    double[][] meat = clusters.scoreCrossProduct(data.xView(), r);
    int g = clusters.count();
    return Dense.scale(Dense.sandwich(fit.covUnscaled(), meat), g / (g - 1.0));
  }

  /**
   * clubSandwich's CR2 for a glm: the working model of the final IRLS fit, x~ = mu.eta(eta) x (= mu
   * x for the log link), v = family$variance(mu) (for glm.nb, at the theta of the last IRLS fit, as
   * fit$family holds it), residuals y - mu, bread = cov.unscaled.
   */
  static Cr2 cr2(CountData data, Irls.Result fit) {
    double[][] x = data.xView();
    double[] y = data.yView();
    double[] mu = fit.mu();
    int n = y.length;
    double[][] xt = new double[n][];
    double[] v = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = new double[x[i].length];
      for (int j = 0; j < xt[i].length; j++) {
        xt[i][j] = mu[i] * x[i][j];
      }
      v[i] = fit.family().variance(mu[i]);
      e[i] = y[i] - mu[i];
    }
    return Cr2.of(
        new WorkingModel(xt, v, e, data.clustersView(), fit.covUnscaled()),
        data.terms(),
        fit.coefficients());
  }

  /**
   * A 0/1 design column whose "1" rows or "0" rows hold no events has no finite maximum likelihood
   * estimate (the fitted rate heads to 0); R reports a huge negative coefficient.
   */
  static Set<String> nonEstimable(CountData data, List<String> notes) {
    double[][] x = data.xView();
    double[] y = data.yView();
    Set<String> out = new LinkedHashSet<>();
    int p = x[0].length;
    for (int j = 0; j < p; j++) {
      boolean binary = true;
      boolean constant = true;
      double ones = 0;
      double zeros = 0;
      for (int i = 0; i < y.length; i++) {
        double v = x[i][j];
        if (v != 0 && v != 1) {
          binary = false;
          break;
        }
        constant &= v == x[0][j];
        if (v == 1) {
          ones += y[i];
        } else {
          zeros += y[i];
        }
      }
      if (!binary || constant) {
        continue;
      }
      if (ones == 0 || zeros == 0) {
        String term = data.terms().get(j);
        out.add(term);
        notes.add(
            String.format(
                Locale.ROOT,
                "no events where %s = %d: its coefficient has no finite estimate (rate ratio %s)",
                term,
                ones == 0 ? 1 : 0,
                ones == 0 ? "-> 0" : "-> infinity"));
      }
    }
    return out;
  }

  static CountFit assemble(
      String family,
      CountData data,
      Irls.Result fit,
      Double theta,
      Double seTheta,
      double twoLogLik,
      double deviance,
      int alternations,
      boolean converged,
      List<String> notes) {
    List<String> allNotes = new ArrayList<>(notes);
    Set<String> nonEstimable = nonEstimable(data, allNotes);
    double[][] vcov = fit.covUnscaled();
    double[][] robust = null;
    Cr2 cr2 = null;
    Integer g = null;
    if (data.hasClusters()) {
      Clusters clusters = Clusters.of(data.clustersView());
      g = clusters.count();
      if (g < 2) {
        allNotes.add("fewer than 2 clusters: no cluster-robust variance");
      } else {
        robust = clusterRobust(data, fit, clusters);
        try {
          cr2 = cr2(data, fit);
        } catch (ArithmeticException ex) {
          // e.g. an arm without events: its fitted means underflow and the weighted information
          // is singular; the rate ratio is then not estimable either
          allNotes.add("no CR2 variance: " + ex.getMessage());
        }
      }
    }
    return new CountFit(
        family,
        data.terms(),
        fit.coefficients(),
        Dense.sqrtDiagonal(vcov),
        vcov,
        robust == null ? null : Dense.sqrtDiagonal(robust),
        robust,
        theta,
        seTheta,
        twoLogLik,
        deviance,
        fit.iterations(),
        alternations,
        converged,
        data.size(),
        g,
        cr2,
        nonEstimable,
        allNotes);
  }
}
