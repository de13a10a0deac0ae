package org.odtrial.analysis.imputation;

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
 * (how far the start is from the posterior).
 *
 * <pre>
 * java -cp ... org.odtrial.analysis.imputation.MixingCheck REPS ITERATIONS
 * </pre>
 */
public final class MixingCheck {
  private static final int[] LAGS = {1, 2, 5, 10, 20, 25, 50, 100};

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
    System.out.println(head);
    for (int rep = 0; rep < reps; rep++) {
      AnalysisData data = sim.data(rep);
      for (var e : plan.recovery().entrySet()) {
        check(rep, data, e.getKey(), e.getValue(), iterations, burnIn);
      }
    }
  }

  private static void check(
      int rep,
      AnalysisData data,
      String instrument,
      List<Integer> months,
      int iterations,
      int burn) {
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
      for (int lag : LAGS) {
        double s = 0;
        for (int i = burn; i + lag < iterations; i++) {
          s += (e[i] - mean) * (e[i + lag] - mean);
        }
        b.append(String.format(Locale.ROOT, "\t%.3f", s / var));
      }
      System.out.println(b);
    }
  }
}
