package org.odtrial.analysis.survival;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): Cox fit with n rows, 5 covariates, 2,000 clusters, Efron ties, robust
 * variance. Deterministic data (seeded); integer-day times so there are many ties.
 *
 * <p>Usage: {@code CoxBenchmark [n] [csvPathToWriteForR]}. Prints timings of repeated fits.
 */
public final class CoxBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CoxBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int p = 5;
    int nClusters = 2000;
    SplittableRandom rng = new SplittableRandom(20261124L);
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    double[][] x = new double[n][p];
    int[] cluster = new int[n];
    double[] frailty = new double[nClusters];
    for (int c = 0; c < nClusters; c++) {
      frailty[c] = Math.exp(0.3 * gaussian(rng));
    }
    double[] beta = {-0.4, 0.2, 0.1, -0.05, 0.3};
    for (int i = 0; i < n; i++) {
      cluster[i] = rng.nextInt(nClusters);
      x[i][0] = cluster[i] % 2; // arm, randomised by cluster
      x[i][1] = gaussian(rng);
      x[i][2] = rng.nextInt(2);
      x[i][3] = Math.round(20 + 50 * rng.nextDouble());
      x[i][4] = rng.nextInt(6);
      double lp = 0;
      for (int j = 0; j < p; j++) {
        lp += beta[j] * (j == 3 ? (x[i][j] - 45) / 10 : x[i][j]);
      }
      double rate = 0.002 * frailty[cluster[i]] * Math.exp(lp);
      double ev = -Math.log(rng.nextDouble()) / rate;
      double cens = 30 + 700 * rng.nextDouble();
      time[i] = Math.max(1, Math.ceil(Math.min(ev, cens)));
      event[i] = ev <= cens;
    }
    if (args.length > 1) {
      writeCsv(Path.of(args[1]), time, event, x, cluster);
    }
    CoxModel model = CoxModel.of(time, event, x).withClusters(cluster);
    int events = 0;
    for (boolean e : event) {
      events += e ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "n=%d p=%d clusters=%d events=%d cores=%d%n",
        n,
        p,
        nClusters,
        events,
        Runtime.getRuntime().availableProcessors());
    for (int rep = 1; rep <= 3; rep++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      CoxFit fit = model.fit();
      long t1 = System.nanoTime();
      long c1 = THREADS.getCurrentThreadCpuTime();
      System.out.printf(
          Locale.ROOT,
          "fit %d: wall %.3f s, cpu (this thread) %.3f s, iter=%d, converged=%s%n",
          rep,
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9,
          fit.iterations(),
          fit.converged());
      if (rep == 3) {
        for (int j = 0; j < p; j++) {
          System.out.printf(
              Locale.ROOT,
              "  coef[%d]=%.10f model se=%.8f robust se=%.8f%n",
              j,
              fit.coef()[j],
              Math.sqrt(fit.var()[j][j]),
              fit.se()[j]);
        }
        System.out.printf(Locale.ROOT, "  loglik=%.6f%n", fit.loglikFinal());
      }
    }
    // The configurations R can also finish on this data (its Efron score residuals are
    // quadratic in the number of tied deaths), printed at full precision for comparison.
    report("efron, no cluster", CoxModel.of(time, event, x).fit(), false);
    report("breslow, cluster (robust se)", model.withTies(Ties.BRESLOW).fit(), true);
  }

  private static void report(String label, CoxFit fit, boolean robust) {
    StringBuilder coef = new StringBuilder();
    StringBuilder se = new StringBuilder();
    for (int j = 0; j < fit.coef().length; j++) {
      coef.append(String.format(Locale.ROOT, " %.15g", fit.coef()[j]));
      se.append(
          String.format(Locale.ROOT, " %.15g", robust ? fit.se()[j] : Math.sqrt(fit.var()[j][j])));
    }
    System.out.printf(
        Locale.ROOT,
        "%s: iter %d%n  coef %s%n  se   %s%n  loglik %.15g %.15g%n",
        label,
        fit.iterations(),
        coef,
        se,
        fit.loglikInitial(),
        fit.loglikFinal());
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller from the seeded stream keeps the data reproducible across JDKs.
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static void writeCsv(
      Path path, double[] time, boolean[] event, double[][] x, int[] cluster) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("time,status,x1,x2,x3,x4,x5,cluster\n");
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < time.length; i++) {
        sb.setLength(0);
        sb.append((long) time[i]).append(',').append(event[i] ? 1 : 0);
        for (double v : x[i]) {
          sb.append(',').append(Double.toString(v));
        }
        sb.append(',').append(cluster[i]).append('\n');
        w.write(sb.toString());
      }
    }
  }
}
