package org.odtrial.analysis.imputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.linear.LinearRegression;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.simulate.Simulation;
import org.odtrial.analysis.simulate.SimulationOptions;

/**
 * Mixing of the imputation sampler (not a test; bench/imputation-mixing.sh runs it): for the first
 * REPS trials of the simulation benchmark's design, each instrument of the default plan, one chain
 * of ITERATIONS iterations kept at every iteration (burn-in 0, thinning 1), and per iteration the
 * arm effect of the ANCOVA (least squares, score_M on arm and score_0) in the completed data.
 * Prints its autocorrelation at lags 1 to 100 after the first {@value
 * TwoLevelNormalImputation#BURN_IN} iterations, with the Monte Carlo noise level
 * 2/sqrt(iterations), and the mean of the first 50 iterations next to the mean after the burn-in
 * (how far the start is from the posterior); then the integrated autocorrelation time tau (lags up
 * to 100), the mean of iterations 0-49, 50-99 and 100-199 as a z score against the posterior mean
 * (its Monte Carlo se sd sqrt(tau / length): about N(0, 1) once the chain has forgotten its start),
 * and for thinning 20, 25 and 50 the expected between-imputation variance B of 20 imputations as a
 * share of the posterior variance (1 for independent draws; correlated imputations make Rubin's B
 * too small by this factor).
 *
 * <pre>
 * java -cp ... org.odtrial.analysis.imputation.MixingCheck REPS ITERATIONS
 * </pre>
 */
public final class MixingCheck {
  private static final int[] LAGS = {1, 2, 5, 10, 20, 25, 50, 100};

  /** Spacings whose effect on Rubin's between-imputation variance B is printed. */
  private static final int[] THINS = {20, 25, 50};

  /** Imputations (the default plan's), for the B factor. */
  private static final int M = 20;

  /** Autocorrelations summed for tau and the B factor: beyond this lag they are within noise. */
  private static final int MAX_LAG = 100;

  private MixingCheck() {}

  public static void main(String[] args) {
    int reps = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    AnalysisPlan plan = AnalysisPlan.defaults();
    Simulation sim = Simulation.of(plan, SimulationOptions.of(24, 600, reps, 20261202L));
    int burnIn = TwoLevelNormalImputation.BURN_IN;
    System.out.printf(
        Locale.ROOT,
        "burn-in %d, thinning %d; autocorrelation over iterations %d-%d (noise level +-%.3f)%n",
        burnIn,
        TwoLevelNormalImputation.THIN,
        burnIn,
        iterations - 1,
        2 / Math.sqrt(iterations - burnIn));
    StringBuilder head = new StringBuilder("rep\tinstrument\tmonth\tmean 0-49\tmean\tsd");
    for (int lag : LAGS) {
      head.append("\tlag ").append(lag);
    }
    head.append("\ttau\tz 0-49\tz 50-99\tz 100-199");
    for (int thin : THINS) {
      head.append("\tB thin ").append(thin);
    }
    System.out.println(head);
    List<double[]> all = new ArrayList<>();
    for (int rep = 0; rep < reps; rep++) {
      AnalysisData data = sim.data(rep);
      for (var e : plan.recovery().entrySet()) {
        check(rep, data, e.getKey(), e.getValue(), iterations, burnIn, all);
      }
    }
    // over every chain and month: each column's mean, sd, minimum and maximum
    int columns = all.get(0).length;
    String[] labels = {"mean", "sd", "min", "max"};
    for (int s = 0; s < labels.length; s++) {
      StringBuilder b = new StringBuilder("all (" + all.size() + ")\t\t" + labels[s]);
      for (int c = 0; c < columns; c++) {
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] r : all) {
          mean += r[c] / all.size();
          min = Math.min(min, r[c]);
          max = Math.max(max, r[c]);
        }
        double var = 0;
        for (double[] r : all) {
          var += (r[c] - mean) * (r[c] - mean) / all.size();
        }
        double v = s == 0 ? mean : s == 1 ? Math.sqrt(var) : s == 2 ? min : max;
        b.append(String.format(Locale.ROOT, "\t%.4f", v));
      }
      System.out.println(b);
    }
  }

  private static void check(
      int rep,
      AnalysisData data,
      String instrument,
      List<Integer> months,
      int iterations,
      int burn,
      List<double[]> all) {
    List<Participant> ps = data.participants();
    int n = ps.size();
    int t = 1 + months.size();
    double[][] y = new double[n][t];
    for (int k = 0; k < t; k++) {
      double[] s = data.scores(instrument, k == 0 ? 0 : months.get(k - 1)).orElseThrow();
      for (int i = 0; i < n; i++) {
        y[i][k] = s[i];
      }
    }
    String[] clusters = new String[n];
    boolean[] od = new boolean[n];
    for (int i = 0; i < n; i++) {
      clusters[i] = ps.get(i).clusterId();
      od[i] = ps.get(i).isOd();
    }
    double[][] effect = new double[months.size()][iterations];
    TwoLevelNormalImputation.of(y, clusters, od)
        .impute(
            iterations,
            1,
            instrument,
            0,
            1,
            (it, completed) -> {
              double[][] x = new double[n][];
              for (int i = 0; i < n; i++) {
                x[i] = new double[] {1, od[i] ? 1 : 0, completed[i][0]};
              }
              for (int k = 1; k < t; k++) {
                double[] ym = new double[n];
                for (int i = 0; i < n; i++) {
                  ym[i] = completed[i][k];
                }
                effect[k - 1][it] =
                    LinearRegression.of(ym, x, List.of("a", "arm", "b")).fit().coefficients()[1];
              }
            });
    for (int k = 0; k < months.size(); k++) {
      double[] e = effect[k];
      int m = iterations - burn;
      double mean = 0;
      for (int i = burn; i < iterations; i++) {
        mean += e[i] / m;
      }
      double var = 0;
      for (int i = burn; i < iterations; i++) {
        var += (e[i] - mean) * (e[i] - mean);
      }
      double start = 0;
      for (int i = 0; i < 50; i++) {
        start += e[i] / 50;
      }
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%d\t%s\t%d\t%.3f\t%.3f\t%.3f",
                  rep,
                  instrument,
                  months.get(k),
                  start,
                  mean,
                  Math.sqrt(var / m)));
      double[] rho = new double[MAX_LAG + 1];
      for (int lag = 0; lag <= MAX_LAG; lag++) {
        double s = 0;
        for (int i = burn; i + lag < iterations; i++) {
          s += (e[i] - mean) * (e[i + lag] - mean);
        }
        rho[lag] = s / var;
      }
      for (int lag : LAGS) {
        b.append(String.format(Locale.ROOT, "\t%.3f", rho[lag]));
      }
      // integrated autocorrelation time; a window's mean has variance sd^2 tau / length
      double tau = 1;
      for (int lag = 1; lag <= MAX_LAG; lag++) {
        tau += 2 * rho[lag];
      }
      b.append(String.format(Locale.ROOT, "\t%.2f", tau));
      double sd = Math.sqrt(var / m);
      for (int[] w : new int[][] {{0, 50}, {50, 100}, {100, 200}}) {
        double s = 0;
        for (int i = w[0]; i < w[1]; i++) {
          s += e[i];
        }
        int len = w[1] - w[0];
        b.append(
            String.format(Locale.ROOT, "\t%.2f", (s / len - mean) / (sd * Math.sqrt(tau / len))));
      }
      // E[B] / posterior variance for M draws spaced `thin` apart: 1 - 2/(M(M-1)) sum_j (M - j)
      // rho(j thin), the lags beyond MAX_LAG taken as 0
      for (int thin : THINS) {
        double s = 0;
        for (int j = 1; j < M && j * thin <= MAX_LAG; j++) {
          s += (M - j) * rho[j * thin];
        }
        b.append(String.format(Locale.ROOT, "\t%.4f", 1 - 2 * s / (M * (M - 1.0))));
      }
      System.out.println(b);
      String[] cells = b.toString().split("\t");
      double[] numbers = new double[cells.length - 3];
      for (int c = 3; c < cells.length; c++) {
        numbers[c - 3] = Double.parseDouble(cells[c]);
      }
      all.add(numbers);
    }
  }
}
