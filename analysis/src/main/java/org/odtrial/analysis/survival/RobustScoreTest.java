package org.odtrial.analysis.survival;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.survival.internal.Cholesky;
import org.odtrial.analysis.survival.internal.CoxData;
import org.odtrial.analysis.survival.internal.CoxEngine;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * The robust score test of a Cox model with clusters, agreeing with {@code summary(coxph(Surv(time,
 * event) ~ x + strata(s), ties = ..., cluster = c))$robscore}: the score U(0) at beta = 0 against
 * the sum over clusters of the outer products of the clusters' score residuals at beta = 0. With a
 * single arm indicator this is the log-rank test made valid for clustered data. Immutable.
 */
public final class RobustScoreTest {

  /** coxph.control's toler.chol, used by coxph.wtest to drop singular directions. */
  private static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);

  /**
   * @param statistic U(0)' (sum_c L_c L_c')^- U(0); NaN when it cannot be computed (see notes)
   * @param df the number of estimable coefficients (summary.coxph's df)
   * @param pValue upper tail chi-square probability on df
   * @param clusters number of clusters
   * @param notes why the statistic is NaN, if it is
   */
  public record Result(double statistic, int df, double pValue, int clusters, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  private final double[] time;
  private final boolean[] event;
  private final double[][] x;
  private final int[] clusters;
  private final int[] strata;
  private final Ties ties;

  private RobustScoreTest(
      double[] time, boolean[] event, double[][] x, int[] clusters, int[] strata, Ties ties) {
    this.time = time;
    this.event = event;
    this.x = x;
    this.clusters = clusters;
    this.strata = strata;
    this.ties = ties;
  }

  /** Test of the covariates {@code x} (n x p) with cluster codes, Efron ties, no strata. */
  public static RobustScoreTest of(double[] time, boolean[] event, double[][] x, int[] clusters) {
    CoxModel.of(time, event, x); // the same argument checks as the model
    Inputs.checkLength("clusters", clusters, time.length);
    return new RobustScoreTest(time.clone(), event.clone(), x, clusters.clone(), null, Ties.EFRON);
  }

  /** Separate baseline hazards per stratum code. */
  public RobustScoreTest withStrata(int[] s) {
    Inputs.checkLength("strata", s, time.length);
    return new RobustScoreTest(time, event, x, clusters, s.clone(), ties);
  }

  /** Tie handling (default {@link Ties#EFRON}). */
  public RobustScoreTest withTies(Ties t) {
    if (t == null) {
      throw new IllegalArgumentException("ties must not be null");
    }
    return new RobustScoreTest(time, event, x, clusters, strata, t);
  }

  /** Runs the test. */
  public Result test() {
    int p = x.length == 0 ? 0 : x[0].length;
    int nClusters = Inputs.distinct(clusters).length;
    CoxModel model = CoxModel.of(time, event, x).withTies(ties);
    CoxFit fit = (strata == null ? model : model.withStrata(strata)).fit();
    int df = 0;
    for (boolean a : fit.aliased()) {
      df += a ? 0 : 1;
    }
    List<String> notes = new ArrayList<>();
    if (fit.events() == 0 || df == 0) {
      // coxph computes no robust score test when every coefficient is NA.
      notes.add("no estimable coefficient: the robust score test is not defined (R gives none)");
      return new Result(Double.NaN, df, Double.NaN, nClusters, notes);
    }
    CoxData data = new CoxData(null, time, event, null, x, strata, null);
    CoxEngine engine = new CoxEngine(data, ties == Ties.EFRON);
    int[] order = data.order();
    int[] rank = Inputs.ranks(clusters);
    int[] clusterOfSorted = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      clusterOfSorted[k] = rank[order[k]];
    }
    double[] perCluster = engine.clusterScoreResiduals(new double[p], clusterOfSorted, nClusters);
    double[] u = new double[p];
    double[] meat = new double[p * p];
    for (int c = 0; c < nClusters; c++) {
      for (int i = 0; i < p; i++) {
        double li = perCluster[c * p + i];
        u[i] += li;
        for (int j = 0; j < p; j++) {
          meat[i * p + j] += li * perCluster[c * p + j];
        }
      }
    }
    boolean empty = true;
    for (int i = 0; i < p; i++) {
      empty &= meat[i * p + i] == 0;
    }
    if (empty) {
      notes.add("every cluster's score residual is 0: the robust score test is not defined");
      return new Result(Double.NaN, df, Double.NaN, nClusters, notes);
    }
    // coxph.wtest: b'V^-1 b with V factored by cholesky2 (singular directions dropped).
    double[] solved = new Cholesky(meat, p, TOLER_CHOL).solve(u);
    double statistic = 0;
    for (int i = 0; i < p; i++) {
      statistic += u[i] * solved[i];
    }
    if (!Double.isFinite(statistic)) {
      notes.add(
          String.format(
              Locale.ROOT, "the robust score statistic is not finite (%s clusters)", nClusters));
    }
    return new Result(statistic, df, LogRank.upperTail(statistic, df), nClusters, notes);
  }
}
