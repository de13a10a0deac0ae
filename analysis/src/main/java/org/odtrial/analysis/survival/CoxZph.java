package org.odtrial.analysis.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.odtrial.analysis.survival.internal.CoxData;
import org.odtrial.analysis.survival.internal.Inputs;
import org.odtrial.analysis.survival.internal.ZphScore;

/**
 * The Grambsch-Therneau test of proportional hazards, agreeing with {@code cox.zph(coxph(Surv(time,
 * event) ~ x + strata(s), ties = ...), transform = ...)$table} (survival 3.5.3): a score test, at
 * the fitted coefficients, of adding x g(t) to the model, g the centred transform of time. One test
 * per covariate column and a global test of all of them. Like cox.zph, it uses the model-based
 * information, also for a model fitted with a cluster term (clusters do not change the
 * coefficients, so they are not an input here). Aliased covariates are left out, as R does.
 * Immutable.
 */
public final class CoxZph {

  /** The time transform g, as cox.zph's {@code transform}. */
  public enum Transform {
    /** 1 - S(t-), S the Kaplan-Meier curve of all the data (R's default "km"). */
    KM("km"),
    /** t. */
    IDENTITY("identity"),
    /** The rank of t among all observed times (ties averaged). */
    RANK("rank"),
    /** log t. */
    LOG("log");

    private final String rName;

    Transform(String rName) {
      this.rName = rName;
    }

    /** The name R uses, e.g. "km". */
    public String rName() {
      return rName;
    }
  }

  /**
   * @param terms names of the covariates tested (aliased ones left out)
   * @param chisq score statistic per covariate
   * @param df degrees of freedom per covariate (1 each)
   * @param pValue upper tail chi-square probabilities
   * @param globalChisq the joint test of all covariates
   * @param globalDf its degrees of freedom (the number of covariates tested)
   * @param globalP its p-value
   * @param transform the time transform
   * @param notes covariates left out, if any
   */
  public record Result(
      List<String> terms,
      double[] chisq,
      int[] df,
      double[] pValue,
      double globalChisq,
      int globalDf,
      double globalP,
      Transform transform,
      List<String> notes) {
    public Result {
      terms = List.copyOf(terms);
      notes = List.copyOf(notes);
    }

    /** Index of a covariate by name. */
    public int indexOf(String name) {
      int i = terms.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("no tested covariate named " + name);
      }
      return i;
    }
  }

  private final double[] time;
  private final boolean[] event;
  private final double[][] x;
  private final int[] strata;
  private final Ties ties;
  private final List<String> names;
  private final Transform transform;

  private CoxZph(
      double[] time,
      boolean[] event,
      double[][] x,
      int[] strata,
      Ties ties,
      List<String> names,
      Transform transform) {
    this.time = time;
    this.event = event;
    this.x = x;
    this.strata = strata;
    this.ties = ties;
    this.names = names;
    this.transform = transform;
  }

  /**
   * Test for the Cox model of {@code time}, {@code event} on {@code x}: Efron ties, KM transform.
   */
  public static CoxZph of(double[] time, boolean[] event, double[][] x) {
    CoxModel.of(time, event, x); // the same argument checks as the model
    List<String> names = new ArrayList<>();
    for (int j = 0; j < x[0].length; j++) {
      names.add("x" + (j + 1));
    }
    return new CoxZph(time.clone(), event.clone(), x, null, Ties.EFRON, names, Transform.KM);
  }

  /** Separate baseline hazards per stratum code. */
  public CoxZph withStrata(int[] s) {
    Inputs.checkLength("strata", s, time.length);
    return new CoxZph(time, event, x, s.clone(), ties, names, transform);
  }

  /** Tie handling (default {@link Ties#EFRON}). */
  public CoxZph withTies(Ties t) {
    if (t == null) {
      throw new IllegalArgumentException("ties must not be null");
    }
    return new CoxZph(time, event, x, strata, t, names, transform);
  }

  /** Covariate names, one per column of x. */
  public CoxZph withNames(List<String> n) {
    if (n == null || n.size() != names.size()) {
      throw new IllegalArgumentException("need one name per covariate column");
    }
    return new CoxZph(time, event, x, strata, ties, List.copyOf(n), transform);
  }

  /** Time transform (default {@link Transform#KM}). */
  public CoxZph withTransform(Transform t) {
    if (t == null) {
      throw new IllegalArgumentException("transform must not be null");
    }
    return new CoxZph(time, event, x, strata, ties, names, t);
  }

  /**
   * Fits the model and tests.
   *
   * @throws IllegalArgumentException when there are no events or no estimable coefficient
   */
  public Result test() {
    CoxModel model = CoxModel.of(time, event, x).withTies(ties).withNames(names);
    CoxFit fit = (strata == null ? model : model.withStrata(strata)).fit();
    if (fit.events() == 0) {
      throw new IllegalArgumentException("no events: there are no residuals to test");
    }
    List<Integer> keep = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (fit.aliased()[j]) {
        notes.add("covariate " + names.get(j) + " is aliased and not tested");
      } else {
        keep.add(j);
      }
    }
    if (keep.isEmpty()) {
      throw new IllegalArgumentException("no estimable coefficient to test");
    }
    int p = keep.size();
    double[][] xk = new double[time.length][p];
    for (int i = 0; i < time.length; i++) {
      for (int j = 0; j < p; j++) {
        xk[i][j] = x[i][keep.get(j)];
      }
    }
    CoxData data = new CoxData(null, time, event, null, xk, strata, null);
    double[] beta = new double[p];
    for (int j = 0; j < p; j++) {
      beta[j] = fit.coef()[keep.get(j)] / data.scale()[j];
    }
    ZphScore.Sums sums = ZphScore.of(data, beta, centredTransform(), ties == Ties.EFRON);
    int q = 2 * p;
    double[] chisq = new double[p];
    int[] df = new int[p];
    double[] pv = new double[p];
    List<String> terms = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      int[] rows = new int[p + 1];
      for (int i = 0; i < p; i++) {
        rows[i] = i;
      }
      rows[p] = p + j;
      chisq[j] = quadratic(sums, q, rows);
      df[j] = 1;
      pv[j] = LogRank.upperTail(chisq[j], 1);
      terms.add(names.get(keep.get(j)));
    }
    int[] all = new int[q];
    for (int i = 0; i < q; i++) {
      all[i] = i;
    }
    double global = quadratic(sums, q, all);
    return new Result(
        terms, chisq, df, pv, global, p, LogRank.upperTail(global, p), transform, notes);
  }

  /**
   * u' M^-1 u over the rows and columns {@code idx} of the information, with the Cox score part of
   * u set to 0 (cox.zph's {@code c(u0, u[jj + nvar])}).
   */
  private static double quadratic(ZphScore.Sums sums, int q, int[] idx) {
    int m = idx.length;
    int p = q / 2;
    double[][] mat = new double[m][m];
    double[] u = new double[m];
    for (int a = 0; a < m; a++) {
      u[a] = idx[a] < p ? 0 : sums.u()[idx[a]];
      for (int b = 0; b < m; b++) {
        mat[a][b] = sums.imat()[idx[a] * q + idx[b]];
      }
    }
    RealVector sol =
        new LUDecomposition(new Array2DRowRealMatrix(mat, false))
            .getSolver()
            .solve(new ArrayRealVector(u, false));
    double t = 0;
    for (int a = 0; a < m; a++) {
      t += sol.getEntry(a) * u[a];
    }
    return t;
  }

  /** g(t) of each observation minus its mean over the events. */
  private double[] centredTransform() {
    int n = time.length;
    double[] g = new double[n];
    switch (transform) {
      case IDENTITY -> g = time.clone();
      case LOG -> {
        for (int i = 0; i < n; i++) {
          g[i] = Math.log(time[i]);
        }
      }
      case RANK -> g = averageRanks(time);
      case KM -> {
        KaplanMeierFit km = KaplanMeier.of(time, event).fit();
        double[] t = km.time();
        for (int i = 0; i < n; i++) {
          // the curve just before t_i: the last step strictly below it (1 before the first)
          int below = Arrays.binarySearch(t, time[i]);
          below = below >= 0 ? below - 1 : -below - 2;
          g[i] = 1 - (below < 0 ? 1 : km.surv()[below]);
        }
      }
      default -> throw new IllegalStateException("unknown transform " + transform);
    }
    double sum = 0;
    int events = 0;
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        sum += g[i];
        events++;
      }
    }
    double mean = sum / events;
    for (int i = 0; i < n; i++) {
      g[i] -= mean;
    }
    return g;
  }

  /** R's rank(x) with ties.method = "average": 1-based. */
  private static double[] averageRanks(double[] v) {
    int n = v.length;
    int[] order = Inputs.orderAscending(v);
    double[] r = new double[n];
    int k = 0;
    while (k < n) {
      int end = k;
      while (end < n && v[order[end]] == v[order[k]]) {
        end++;
      }
      double avg = (k + 1 + end) / 2.0;
      for (int i = k; i < end; i++) {
        r[order[i]] = avg;
      }
      k = end;
    }
    return r;
  }
}
