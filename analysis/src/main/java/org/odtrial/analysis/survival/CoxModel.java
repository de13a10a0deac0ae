package org.odtrial.analysis.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.odtrial.analysis.survival.internal.Cholesky;
import org.odtrial.analysis.survival.internal.ConfidenceBands;
import org.odtrial.analysis.survival.internal.CoxData;
import org.odtrial.analysis.survival.internal.CoxEngine;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * Cox proportional hazards regression for right-censored data, agreeing with {@code
 * coxph(Surv(time, event) ~ x + strata(s), ties = ..., cluster = c)} (survival 3.x), and for
 * counting-process data with case weights ({@code coxph(Surv(start, stop, event) ~ x, weights = w,
 * ...)}, as survival's {@code agreg.fit}; see {@link #withStartTimes} and {@link #withWeights}):
 * Newton-Raphson from 0 with step halving, convergence when |1 - loglik_old / loglik_new| <= eps
 * (coxph.control: eps 1e-9, iter.max 20, toler.chol eps^0.75, toler.inf sqrt(eps)). Immutable.
 *
 * <p>Times are compared exactly (R's {@code timefix} merging of near-equal floating-point times is
 * not applied; integer day counts are unaffected).
 */
public final class CoxModel {

  private static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);

  private final double[] start;
  private final double[] time;
  private final boolean[] event;
  private final double[] weights;
  private final CoxData.Tails tails;
  private final double[][] x;
  private final Ties ties;
  private final int[] strata;
  private final int[] clusters;
  private final List<String> names;
  private final double eps;
  private final int maxIter;
  private final double confLevel;

  private CoxModel(
      double[] start,
      double[] time,
      boolean[] event,
      double[] weights,
      CoxData.Tails tails,
      double[][] x,
      Ties ties,
      int[] strata,
      int[] clusters,
      List<String> names,
      double eps,
      int maxIter,
      double confLevel) {
    this.start = start;
    this.time = time;
    this.event = event;
    this.weights = weights;
    this.tails = tails;
    this.x = x;
    this.ties = ties;
    this.strata = strata;
    this.clusters = clusters;
    this.names = names;
    this.eps = eps;
    this.maxIter = maxIter;
    this.confLevel = confLevel;
  }

  /** Model for {@code time}, {@code event} and covariate rows {@code x} (n x p, p >= 1). */
  public static CoxModel of(double[] time, boolean[] event, double[][] x) {
    Inputs.checkSurvival(time, event);
    if (x == null || x.length != time.length) {
      throw new IllegalArgumentException("x must have one row per observation");
    }
    int p = x.length == 0 ? 0 : x[0].length;
    if (p == 0) {
      throw new IllegalArgumentException("x must have at least one column");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != p) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "row %d of x has %d columns, expected %d", i, x[i].length, p));
      }
      for (double v : x[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "row %d of x has a non-finite value; drop incomplete rows first",
                  i));
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
    }
    return new CoxModel(
        null,
        time.clone(),
        event.clone(),
        null,
        null,
        x,
        Ties.EFRON,
        null,
        null,
        names,
        1e-9,
        20,
        0.95);
  }

  /** Tie handling (default {@link Ties#EFRON}, as coxph). */
  public CoxModel withTies(Ties t) {
    if (t == null) {
      throw new IllegalArgumentException("ties must not be null");
    }
    return new CoxModel(
        start, time, event, weights, tails, x, t, strata, clusters, names, eps, maxIter, confLevel);
  }

  /** Stratified model: separate baseline hazards per stratum code. */
  public CoxModel withStrata(int[] s) {
    Inputs.checkLength("strata", s, time.length);
    return new CoxModel(
        start, time, event, weights, tails, x, ties, s.clone(), clusters, names, eps, maxIter,
        confLevel);
  }

  /**
   * Counting-process (start, stop] data: row i is at risk for the event times t with start[i] < t
   * <= time[i] ({@code Surv(start, stop, event)}). A subject may contribute several rows (give them
   * one cluster code for a per-subject robust variance).
   */
  public CoxModel withStartTimes(double[] s) {
    if (s == null || s.length != time.length) {
      throw new IllegalArgumentException("start times must have one value per observation");
    }
    for (int i = 0; i < s.length; i++) {
      if (!Double.isFinite(s[i]) || !(s[i] < time[i])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "start[%d] = %s must be finite and before its stop time %s",
                i,
                s[i],
                time[i]));
      }
    }
    return new CoxModel(
        s.clone(), time, event, weights, tails, x, ties, strata, clusters, names, eps, maxIter,
        confLevel);
  }

  /**
   * Case weights ({@code coxph(..., weights = w)}): each row counts w times in the likelihood, the
   * risk sets and the robust variance (whose dfbeta are weighted, as coxph's). Positive and finite.
   * As coxph, non-integer weights without clusters give a robust variance with each row its own
   * cluster.
   */
  public CoxModel withWeights(double[] w) {
    if (w == null || w.length != time.length) {
      throw new IllegalArgumentException("weights must have one value per observation");
    }
    for (int i = 0; i < w.length; i++) {
      if (!Double.isFinite(w[i]) || !(w[i] > 0)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "weight[%d] = %s is not a positive number", i, w[i]));
      }
    }
    return new CoxModel(
        start, time, event, w.clone(), tails, x, ties, strata, clusters, names, eps, maxIter,
        confLevel);
  }

  /**
   * Fine-Gray risk sets (Fine & Gray 1999) without expanding the data: each row flagged in {@code
   * competing} (an observation ended by a competing event, not an event itself) stays in the risk
   * set after its time T, at each later event time t with its case weight times G(t-) / G(T-),
   * where G, the censoring survival, is 1 before {@code censoringTimes[0]} and {@code
   * censoringSurvival[j]} from {@code censoringTimes[j]} on. This is exactly the fit of {@code
   * coxph(Surv(fgstart, fgstop, fgstatus) ~ x, weights = fgwt)} on the rows of survival's {@code
   * finegray}, at the cost of the original rows; right-censored data in one stratum only.
   */
  public CoxModel withCompetingRiskSets(
      boolean[] competing, double[] censoringTimes, double[] censoringSurvival) {
    if (competing == null || competing.length != time.length) {
      throw new IllegalArgumentException("need one competing flag per observation");
    }
    if (censoringTimes == null
        || censoringSurvival == null
        || censoringTimes.length != censoringSurvival.length) {
      throw new IllegalArgumentException("need one censoring survival value per censoring time");
    }
    for (int j = 0; j < censoringTimes.length; j++) {
      if (!(censoringSurvival[j] >= 0 && censoringSurvival[j] <= 1)
          || (j > 0 && !(censoringTimes[j] > censoringTimes[j - 1]))) {
        throw new IllegalArgumentException(
            "censoring times must increase and the survival lie in [0, 1]");
      }
    }
    if (start != null || strata != null) {
      throw new IllegalArgumentException(
          "Fine-Gray risk sets need right-censored data in one stratum");
    }
    CoxData.Tails t =
        new CoxData.Tails(competing.clone(), censoringTimes.clone(), censoringSurvival.clone());
    return new CoxModel(
        start, time, event, weights, t, x, ties, strata, clusters, names, eps, maxIter, confLevel);
  }

  /** Cluster codes: adds the Lin-Wei robust variance and uses it for se, z, p and CIs. */
  public CoxModel withClusters(int[] c) {
    Inputs.checkLength("clusters", c, time.length);
    return new CoxModel(
        start, time, event, weights, tails, x, ties, strata, c.clone(), names, eps, maxIter,
        confLevel);
  }

  /** Covariate names, one per column of x. */
  public CoxModel withNames(List<String> n) {
    if (n == null || n.size() != names.size()) {
      throw new IllegalArgumentException("need one name per covariate column");
    }
    return new CoxModel(
        start,
        time,
        event,
        weights,
        tails,
        x,
        ties,
        strata,
        clusters,
        List.copyOf(n),
        eps,
        maxIter,
        confLevel);
  }

  /** Convergence control as coxph.control(eps, iter.max). */
  public CoxModel withControl(double epsilon, int iterMax) {
    if (!(epsilon > 0) || iterMax < 0) {
      throw new IllegalArgumentException("eps must be > 0 and iter.max >= 0");
    }
    return new CoxModel(
        start, time, event, weights, tails, x, ties, strata, clusters, names, epsilon, iterMax,
        confLevel);
  }

  /** Level of the hazard ratio confidence intervals (default 0.95). */
  public CoxModel withConfLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "conf level %s not in (0, 1)", level));
    }
    return new CoxModel(
        start, time, event, weights, tails, x, ties, strata, clusters, names, eps, maxIter, level);
  }

  /** Fits the model. Never throws for degenerate data; problems are reported in the notes. */
  public CoxFit fit() {
    int n = time.length;
    int p = names.size();
    int events = 0;
    for (boolean e : event) {
      events += e ? 1 : 0;
    }
    int nClusters = clusters == null ? 0 : Inputs.distinct(clusters).length;
    List<String> notes = new ArrayList<>();
    if (events == 0) {
      notes.add("no events: the coefficients cannot be estimated (R returns NA)");
      double[] nan = filled(p, Double.NaN);
      double[][] nanVar = new double[p][];
      for (int i = 0; i < p; i++) {
        nanVar[i] = filled(p, Double.NaN);
      }
      boolean[] all = new boolean[p];
      Arrays.fill(all, true);
      return new CoxFit(
          names,
          nan,
          nanVar,
          clusters == null ? null : nanVar,
          nan,
          nan,
          nan,
          nan,
          nan,
          nan,
          confLevel,
          0,
          0,
          0,
          0,
          0,
          false,
          all,
          new boolean[p],
          ties,
          n,
          0,
          nClusters,
          notes);
    }
    CoxData data = new CoxData(start, time, event, weights, x, strata, tails);
    CoxEngine engine = new CoxEngine(data, ties == Ties.EFRON);
    CoxEngine.Newton nr = engine.fit(maxIter, eps, TOLER_CHOL);
    double[] scale = data.scale().clone();
    Cholesky chol = nr.chol();
    double[] invScaled = chol.inverse();
    boolean[] aliased = new boolean[p];
    double[] coef = new double[p];
    double[][] var = new double[p][p];
    for (int i = 0; i < p; i++) {
      aliased[i] = chol.singular(i);
      coef[i] = aliased[i] ? Double.NaN : nr.beta()[i] * scale[i];
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        var[i][j] =
            aliased[i] || aliased[j] ? Double.NaN : invScaled[i * p + j] * scale[i] * scale[j];
      }
    }
    for (int i = 0; i < p; i++) {
      if (aliased[i]) {
        notes.add(
            String.format(
                Locale.ROOT,
                "coefficient %s is not estimable (singular information matrix, e.g. a constant or "
                    + "collinear covariate); reported as NaN like R's NA",
                names.get(i)));
      }
    }
    boolean[] infinite = new boolean[p];
    if (!nr.converged()) {
      notes.add(
          String.format(Locale.ROOT, "ran out of iterations (%d) and did not converge", maxIter));
    } else if (maxIter > 1) {
      // coxph: |u' V| large relative to the coefficient means the loglik flattened out while the
      // coefficient was still moving, i.e. monotone likelihood.
      double tolerInf = Math.sqrt(eps);
      for (int k = 0; k < p; k++) {
        double s = 0;
        boolean finite = true;
        for (int j = 0; j < p; j++) {
          double uj = nr.u()[j] / scale[j];
          finite &= Double.isFinite(uj);
          double v = invScaled[j * p + k] * scale[j] * scale[k];
          s += uj * v;
        }
        double inf = Math.abs(s);
        double c = aliased[k] ? 0 : Math.abs(coef[k]);
        infinite[k] = !finite || (inf > eps && inf > tolerInf * c);
        if (infinite[k]) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "Loglik converged before variable %s; coefficient may be infinite "
                      + "(monotone likelihood, e.g. no events in one group)",
                  names.get(k)));
        }
      }
    }
    double[][] robust = null;
    int[] robustClusters = clusters;
    if (clusters == null && fractionalWeights()) {
      // coxph's default: non-integer case weights make the variance robust, each row a cluster.
      robustClusters = new int[n];
      Arrays.setAll(robustClusters, i -> i);
      notes.add(
          "non-integer case weights: robust variance with each row as its own cluster, as coxph");
    }
    if (robustClusters != null) {
      robust = robustVariance(engine, data, nr.beta(), invScaled, scale, aliased, robustClusters);
    }
    double[][] useVar = robust != null ? robust : var;
    double zq = ConfidenceBands.z(confLevel);
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double[] se = new double[p];
    double[] z = new double[p];
    double[] pv = new double[p];
    double[] hr = new double[p];
    double[] lo = new double[p];
    double[] hi = new double[p];
    for (int i = 0; i < p; i++) {
      se[i] = Math.sqrt(useVar[i][i]);
      z[i] = coef[i] / se[i];
      pv[i] = 2 * normal.cumulativeProbability(-Math.abs(z[i]));
      hr[i] = Math.exp(coef[i]);
      lo[i] = Math.exp(coef[i] - zq * se[i]);
      hi[i] = Math.exp(coef[i] + zq * se[i]);
    }
    if (nr.halvingAtEnd()) {
      notes.add("converged during step halving");
    }
    return new CoxFit(
        names,
        coef,
        var,
        robust,
        se,
        z,
        pv,
        hr,
        lo,
        hi,
        confLevel,
        nr.loglikInitial(),
        nr.loglikFinal(),
        nr.scoreTest(),
        nr.scoreRank(),
        nr.iterations(),
        nr.converged(),
        aliased,
        infinite,
        ties,
        n,
        events,
        nClusters,
        notes);
  }

  /**
   * Robust variance V (sum over clusters of L_c' L_c) V on the original covariate scale, L_c the
   * weighted score residuals of cluster c.
   */
  private double[][] robustVariance(
      CoxEngine engine,
      CoxData data,
      double[] betaScaled,
      double[] invScaled,
      double[] scale,
      boolean[] aliased,
      int[] clusters) {
    int p = names.size();
    int[] order = data.order();
    int[] clusterRank = Inputs.ranks(clusters);
    int nClusters = Inputs.distinct(clusters).length;
    int[] clusterOfSorted = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      clusterOfSorted[k] = clusterRank[order[k]];
    }
    double[] perCluster = engine.clusterScoreResiduals(betaScaled, clusterOfSorted, nClusters);
    // Meat B = sum_c L_c L_c' on the scaled covariates; robust = V B V, then back to original
    // scale.
    double[] meat = new double[p * p];
    for (int c = 0; c < nClusters; c++) {
      for (int i = 0; i < p; i++) {
        double li = perCluster[c * p + i];
        for (int j = 0; j < p; j++) {
          meat[i * p + j] += li * perCluster[c * p + j];
        }
      }
    }
    double[] vb = multiply(invScaled, meat, p);
    double[] vbv = multiply(vb, invScaled, p);
    double[][] out = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        out[i][j] = aliased[i] || aliased[j] ? Double.NaN : vbv[i * p + j] * scale[i] * scale[j];
      }
    }
    return out;
  }

  private boolean fractionalWeights() {
    if (weights != null) {
      for (double w : weights) {
        if (w != Math.floor(w)) {
          return true;
        }
      }
    }
    return false;
  }

  private static double[] multiply(double[] a, double[] b, int p) {
    double[] c = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < p; k++) {
        double aik = a[i * p + k];
        for (int j = 0; j < p; j++) {
          c[i * p + j] += aik * b[k * p + j];
        }
      }
    }
    return c;
  }

  private static double[] filled(int p, double v) {
    double[] a = new double[p];
    Arrays.fill(a, v);
    return a;
  }
}
