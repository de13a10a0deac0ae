package org.odtrial.analysis.survival;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * Log-rank test of equal survival across groups, optionally stratified, agreeing with {@code
 * survdiff(Surv(time, event) ~ group + strata(s))} (rho = 0). Immutable.
 */
public final class LogRank {

  /**
   * @param groups distinct group codes, increasing; the per-group arrays follow this order
   * @param n observations per group
   * @param observed events per group
   * @param expected expected events per group under the null (summed over strata)
   * @param var the hypergeometric variance-covariance matrix of observed - expected
   * @param chisq the test statistic
   * @param df degrees of freedom: groups with expected > 0, minus 1
   * @param pValue upper tail chi-square probability ({@code NaN} when df = 0)
   * @param strata number of strata
   */
  public record Result(
      int[] groups,
      int[] n,
      double[] observed,
      double[] expected,
      double[][] var,
      double chisq,
      int df,
      double pValue,
      int strata) {}

  private final double[] time;
  private final boolean[] event;
  private final int[] group;
  private final int[] strata;

  private LogRank(double[] time, boolean[] event, int[] group, int[] strata) {
    this.time = time;
    this.event = event;
    this.group = group;
    this.strata = strata;
  }

  /** Test for {@code time}, {@code event} and integer group codes (any values, one per group). */
  public static LogRank of(double[] time, boolean[] event, int[] group) {
    Inputs.checkSurvival(time, event);
    Inputs.checkLength("group", group, time.length);
    return new LogRank(time.clone(), event.clone(), group.clone(), null);
  }

  /** Stratified test: observed, expected and variance are summed over strata. */
  public LogRank withStrata(int[] s) {
    Inputs.checkLength("strata", s, time.length);
    return new LogRank(time, event, group, s.clone());
  }

  /** Runs the test. */
  public Result test() {
    int nObs = time.length;
    int[] codes = Inputs.distinct(group);
    int g = codes.length;
    int[] gi = new int[nObs];
    int[] count = new int[g];
    for (int i = 0; i < nObs; i++) {
      gi[i] = Arrays.binarySearch(codes, group[i]);
      count[gi[i]]++;
    }
    int[] strataCodes = strata == null ? new int[] {0} : Inputs.distinct(strata);
    double[] obs = new double[g];
    double[] exp = new double[g];
    double[][] var = new double[g][g];
    int[] order = Inputs.orderAscending(time);
    for (int sc : strataCodes) {
      int[] members = Arrays.stream(order).filter(i -> strata == null || strata[i] == sc).toArray();
      accumulateStratum(members, gi, g, obs, exp, var);
    }
    // survdiff: keep groups with expected > 0, drop the first of them, solve the rest.
    int[] keep = java.util.stream.IntStream.range(0, g).filter(k -> exp[k] > 0).toArray();
    int df = keep.length - 1;
    double chisq = 0;
    if (keep.length >= 2) {
      int m = keep.length - 1;
      double[][] vv = new double[m][m];
      double[] diff = new double[m];
      for (int a = 0; a < m; a++) {
        diff[a] = obs[keep[a + 1]] - exp[keep[a + 1]];
        for (int b = 0; b < m; b++) {
          vv[a][b] = var[keep[a + 1]][keep[b + 1]];
        }
      }
      RealVector sol =
          new LUDecomposition(new Array2DRowRealMatrix(vv, false))
              .getSolver()
              .solve(new ArrayRealVector(diff, false));
      for (int a = 0; a < m; a++) {
        chisq += sol.getEntry(a) * diff[a];
      }
    }
    double p = df > 0 ? upperTail(chisq, df) : Double.NaN;
    return new Result(codes, count, obs, exp, var, chisq, Math.max(df, 0), p, strataCodes.length);
  }

  static double upperTail(double chisq, int df) {
    if (!(chisq > 0)) {
      return chisq == 0 ? 1.0 : Double.NaN;
    }
    // 1 - cdf loses precision for tiny p; the regularized gamma Q keeps it.
    return org.apache.commons.math3.special.Gamma.regularizedGammaQ(df / 2.0, chisq / 2.0);
  }

  private void accumulateStratum(
      int[] members, int[] gi, int g, double[] obs, double[] exp, double[][] var) {
    int m = members.length;
    int[] atRisk = new int[g];
    for (int i : members) {
      atRisk[gi[i]]++;
    }
    int nRisk = m;
    int[] dg = new int[g];
    int k = 0;
    while (k < m) {
      int end = k;
      Arrays.fill(dg, 0);
      int deaths = 0;
      double t = time[members[k]];
      while (end < m && time[members[end]] == t) {
        int i = members[end];
        if (event[i]) {
          dg[gi[i]]++;
          deaths++;
        }
        end++;
      }
      if (deaths > 0) {
        for (int a = 0; a < g; a++) {
          obs[a] += dg[a];
          exp[a] += deaths * (double) atRisk[a] / nRisk;
        }
        if (nRisk > 1) {
          double kt = deaths * (double) (nRisk - deaths) / ((double) nRisk * (nRisk - 1));
          // Hypergeometric: d (n - d) / (n - 1) * (n_a / n) * (delta_ab - n_b / n).
          for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
              var[a][b] += kt * atRisk[a] * ((a == b ? nRisk : 0) - (double) atRisk[b]) / nRisk;
            }
          }
        }
      }
      for (int j = k; j < end; j++) {
        atRisk[gi[members[j]]]--;
      }
      nRisk -= end - k;
      k = end;
    }
  }
}
