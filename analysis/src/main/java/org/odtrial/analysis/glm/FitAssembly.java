package org.odtrial.analysis.glm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.odtrial.analysis.glm.internal.Irls;
import org.odtrial.analysis.linear.internal.Clusters;
import org.odtrial.analysis.linear.internal.Dense;

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
    Integer g = null;
    if (data.hasClusters()) {
      Clusters clusters = Clusters.of(data.clustersView());
      g = clusters.count();
      if (g < 2) {
        allNotes.add("fewer than 2 clusters: no cluster-robust variance");
      } else {
        robust = clusterRobust(data, fit, clusters);
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
        nonEstimable,
        allNotes);
  }
}
