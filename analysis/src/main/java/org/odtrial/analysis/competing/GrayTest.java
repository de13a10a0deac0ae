package org.odtrial.analysis.competing;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.odtrial.analysis.competing.internal.Status;

/**
 * Gray's (1988) k-sample test of equal cumulative incidence of one cause across groups, agreeing
 * with the {@code Tests} of {@code cmprsk::cuminc(time, status, group, rho = rho)} (Gray's Fortran
 * routine {@code crstm}, cmprsk 2.2-11; one stratum). Immutable.
 */
public final class GrayTest {

  /**
   * @param groups the distinct group codes, increasing (cuminc's factor level order)
   * @param score the score of each group but the last: observed minus expected weighted events
   * @param variance the estimated covariance of the scores, (groups - 1) square
   * @param statistic score' variance^-1 score; NaN where the variance is singular (cuminc then
   *     reports -1)
   * @param df degrees of freedom, groups - 1
   * @param pValue upper chi-square tail of the statistic on df (NaN with the statistic); computed
   *     as the regularised gamma function, so it stays accurate where R's {@code 1 - pchisq} rounds
   *     to 0
   */
  public record Result(
      int[] groups, double[] score, double[][] variance, double statistic, int df, double pValue) {}

  private final double[] time;
  private final int[] status;
  private final int[] group;
  private final int cause;
  private final double rho;

  private GrayTest(double[] time, int[] status, int[] group, int cause, double rho) {
    this.time = time;
    this.status = status;
    this.group = group;
    this.cause = cause;
    this.rho = rho;
  }

  /**
   * Test for times, status codes (0 censored, a positive code the event's cause) and group codes
   * (any integers, one per group); the cause of interest is 1 unless {@link #forCause} says
   * otherwise, rho = 0 unless {@link #withRho} does.
   */
  public static GrayTest of(double[] time, int[] status, int[] group) {
    Status.check(time, status, 1);
    Status.checkLength("group", group, time.length);
    return new GrayTest(time.clone(), status.clone(), group.clone(), 1, 0);
  }

  /** The cause whose cumulative incidence is compared. */
  public GrayTest forCause(int c) {
    Status.check(time, status, c);
    return new GrayTest(time, status, group, c, rho);
  }

  /** The power of the weight (1 - F(t-))^rho given to each event time (cuminc's {@code rho}). */
  public GrayTest withRho(double r) {
    if (!Double.isFinite(r)) {
      throw new IllegalArgumentException("rho must be a finite number");
    }
    return new GrayTest(time, status, group, cause, r);
  }

  /** Runs the test; with fewer than two groups there is nothing to compare (df 0, NaN). */
  public Result test() {
    int[] codes = Status.distinct(group);
    int ng = codes.length;
    if (ng < 2) {
      return new Result(codes, new double[0], new double[0][0], Double.NaN, 0, Double.NaN);
    }
    int n = time.length;
    int[] g = new int[n];
    int[] rs = new int[ng];
    for (int i = 0; i < n; i++) {
      g[i] = Arrays.binarySearch(codes, group[i]);
      rs[g[i]]++;
    }
    int m = ng - 1;
    double[] f1m = new double[ng];
    double[] f1 = new double[ng];
    double[] skmm = new double[ng];
    double[] skm = new double[ng];
    Arrays.fill(skmm, 1);
    Arrays.fill(skm, 1);
    double[] v3 = new double[ng];
    double[][] v2 = new double[m][ng];
    double[][] c = new double[ng][ng];
    double[][] a = new double[ng][ng];
    double[] s = new double[m];
    double[][] v = new double[m][m];
    int[] d1 = new int[ng];
    int[] d2 = new int[ng];
    double fm = 0;
    int[] order = Status.byTime(time);
    int k = 0;
    while (k < n) {
      double t = time[order[k]];
      int end = k;
      Arrays.fill(d1, 0);
      Arrays.fill(d2, 0);
      int nd1 = 0;
      int nd2 = 0;
      for (; end < n && time[order[end]] == t; end++) {
        int st = status[order[end]];
        if (st == cause) {
          d1[g[order[end]]]++;
          nd1++;
        } else if (st != 0) {
          d2[g[order[end]]]++;
          nd2++;
        }
      }
      if (nd1 > 0 || nd2 > 0) {
        // tr = sum of R_r / S_r(t-), tq = sum of R_r (1 - F_r(t-)) / S_r(t-) over the groups.
        double tr = 0;
        double tq = 0;
        for (int i = 0; i < ng; i++) {
          if (rs[i] <= 0) {
            continue;
          }
          skm[i] = skmm[i] * (rs[i] - d1[i] - d2[i]) / rs[i];
          f1[i] = f1m[i] + skmm[i] * d1[i] / rs[i];
          tr += rs[i] / skmm[i];
          tq += rs[i] * (1 - f1m[i]) / skmm[i];
        }
        double f = fm + nd1 / tr;
        double fb = Math.pow(1 - fm, rho);
        for (double[] row : a) {
          Arrays.fill(row, 0);
        }
        for (int i = 0; i < ng; i++) {
          if (rs[i] <= 0) {
            continue;
          }
          double t1 = rs[i] / skmm[i];
          a[i][i] = fb * t1 * (1 - t1 / tr);
          c[i][i] += a[i][i] * nd1 / (tr * (1 - fm));
          for (int j = i + 1; j < ng; j++) {
            if (rs[j] <= 0) {
              continue;
            }
            a[i][j] = -fb * t1 * rs[j] / (skmm[j] * tr);
            c[i][j] += a[i][j] * nd1 / (tr * (1 - fm));
          }
        }
        for (int i = 1; i < ng; i++) {
          for (int j = 0; j < i; j++) {
            a[i][j] = a[j][i];
            c[i][j] = c[j][i];
          }
        }
        for (int i = 0; i < m; i++) {
          if (rs[i] > 0) {
            s[i] += fb * (d1[i] - nd1 * rs[i] * (1 - f1m[i]) / (skmm[i] * tq));
          }
        }
        if (nd1 > 0) {
          for (int q = 0; q < ng; q++) {
            if (rs[q] <= 0) {
              continue;
            }
            double t4 = skm[q] > 0 ? 1 - (1 - f) / skm[q] : 1;
            double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * skmm[q] - 1) : 1;
            double t3 = t5 * skmm[q] * nd1 / (tr * rs[q]);
            v3[q] += t4 * t4 * t3;
            for (int i = 0; i < m; i++) {
              double t1 = a[i][q] - t4 * c[i][q];
              v2[i][q] += t1 * t4 * t3;
              for (int j = 0; j <= i; j++) {
                v[i][j] += t1 * (a[j][q] - t4 * c[j][q]) * t3;
              }
            }
          }
        }
        if (nd2 > 0) {
          for (int q = 0; q < ng; q++) {
            if (skm[q] <= 0 || d2[q] <= 0) {
              continue;
            }
            double t4 = (1 - f) / skm[q];
            double t5 = d2[q] > 1 ? 1 - (d2[q] - 1.0) / (rs[q] - 1.0) : 1;
            double t6 = rs[q];
            double t3 = t5 * (skmm[q] * skmm[q] * d2[q]) / (t6 * t6);
            v3[q] += t4 * t4 * t3;
            for (int i = 0; i < m; i++) {
              double t1 = t4 * c[i][q];
              v2[i][q] -= t1 * t4 * t3;
              for (int j = 0; j <= i; j++) {
                v[i][j] += t1 * (t4 * c[j][q]) * t3;
              }
            }
          }
        }
        fm = f;
      }
      for (int j = k; j < end; j++) {
        rs[g[order[j]]]--;
      }
      System.arraycopy(f1, 0, f1m, 0, ng);
      System.arraycopy(skm, 0, skmm, 0, ng);
      k = end;
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        for (int q = 0; q < ng; q++) {
          v[i][j] += c[i][q] * c[j][q] * v3[q] + c[i][q] * v2[j][q] + c[j][q] * v2[i][q];
        }
        v[j][i] = v[i][j];
      }
    }
    double stat = quadraticForm(s, v);
    double p =
        Double.isNaN(stat)
            ? Double.NaN
            : stat > 0 ? Gamma.regularizedGammaQ(m / 2.0, stat / 2.0) : 1.0;
    return new Result(codes, s, v, stat, m, p);
  }

  /**
   * s' V^-1 s, or NaN where V is rank deficient by the rule of R's {@code qr} (LINPACK dqrdc2,
   * tolerance 1e-7: a column whose norm, after taking out the columns before it, falls below 1e-7
   * of its own norm is dependent), which is when cuminc reports -1.
   */
  static double quadraticForm(double[] s, double[][] v) {
    int m = s.length;
    double[][] q = new double[m][];
    for (int j = 0; j < m; j++) {
      double[] col = new double[m];
      for (int i = 0; i < m; i++) {
        col[i] = v[i][j];
      }
      double norm0 = norm(col);
      for (int i = 0; i < j; i++) {
        double dot = 0;
        for (int r = 0; r < m; r++) {
          dot += q[i][r] * col[r];
        }
        for (int r = 0; r < m; r++) {
          col[r] -= dot * q[i][r];
        }
      }
      double norm = norm(col);
      if (!(norm0 > 0) || !(norm >= 1e-7 * norm0)) {
        return Double.NaN;
      }
      for (int r = 0; r < m; r++) {
        col[r] /= norm;
      }
      q[j] = col;
    }
    double[] sol =
        new LUDecomposition(new Array2DRowRealMatrix(v, true))
            .getSolver()
            .solve(new ArrayRealVector(s, true))
            .toArray();
    double stat = 0;
    for (int i = 0; i < m; i++) {
      stat += s[i] * sol[i];
    }
    return stat;
  }

  private static double norm(double[] x) {
    double ss = 0;
    for (double e : x) {
      ss += e * e;
    }
    return Math.sqrt(ss);
  }
}
