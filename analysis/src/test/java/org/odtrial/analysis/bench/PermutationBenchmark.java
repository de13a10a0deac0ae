package org.odtrial.analysis.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.odtrial.analysis.survival.PermutationLogRank;

/**
 * Benchmark (a main, not a timed test): the restricted permutation log-rank test on a generated
 * 600-participant trial of 5 sites x 5 clusters with 2 OD clusters per site, so exactly C(5, 2)^5 =
 * 100,000 allocations, all enumerated. Deterministic data (seeded); weekly times, so many ties.
 *
 * <p>Usage: {@code PermutationBenchmark [repeats] [folder for participants.csv and clusters.csv,
 * for R]}. Run by bench/permutation.sh with R (bench/permutation.R) as the peer.
 */
public final class PermutationBenchmark {
  private static final int SITES = 5;
  private static final int CLUSTERS_PER_SITE = 5;
  private static final int OD_PER_SITE = 2;
  private static final int PER_CLUSTER = 24;

  private PermutationBenchmark() {}

  public static void main(String[] args) throws IOException {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    SplittableRandom rng = new SplittableRandom(20261124L);
    int nClusters = SITES * CLUSTERS_PER_SITE;
    int[] siteOfCluster = new int[nClusters];
    boolean[] od = new boolean[nClusters];
    double[] frailty = new double[nClusters];
    for (int s = 0; s < SITES; s++) {
      int first = rng.nextInt(CLUSTERS_PER_SITE);
      int second = (first + 1 + rng.nextInt(CLUSTERS_PER_SITE - 1)) % CLUSTERS_PER_SITE;
      for (int k = 0; k < CLUSTERS_PER_SITE; k++) {
        int c = s * CLUSTERS_PER_SITE + k;
        siteOfCluster[c] = s + 1;
        od[c] = k == first || k == second;
        frailty[c] = Math.exp(0.5 * gaussian(rng));
      }
    }
    int n = nClusters * PER_CLUSTER;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] cluster = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i / PER_CLUSTER;
      cluster[i] = c;
      double rate = 0.002 * frailty[c] * (od[c] ? 0.75 : 1.0);
      double ev = -Math.log(1 - rng.nextDouble()) / rate;
      double cens = 180 + 550 * rng.nextDouble();
      time[i] = Math.min(730, Math.max(7, Math.ceil(Math.min(ev, cens) / 7) * 7));
      event[i] = ev <= cens && ev <= 730;
    }
    if (args.length > 1) {
      write(Path.of(args[1]), time, event, cluster, siteOfCluster, od);
    }
    int events = 0;
    for (boolean e : event) {
      events += e ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "participants=%d clusters=%d sites=%d events=%d cores=%d %s %s%n",
        n,
        nClusters,
        SITES,
        events,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PermutationLogRank test = PermutationLogRank.of(time, event, cluster, siteOfCluster, od);
    for (int rep = 1; rep <= repeats; rep++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      PermutationLogRank.Result r = test.test();
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      System.out.printf(
          Locale.ROOT,
          "run %d: wall %.3f s, cpu (this thread) %.3f s; allocations=%d exact=%s statistic=%.15g"
              + " p=%.15g%n",
          rep,
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9,
          r.allocations(),
          r.exact(),
          r.statistic(),
          r.pValue());
    }
  }

  private static void write(
      Path dir, double[] time, boolean[] event, int[] cluster, int[] siteOfCluster, boolean[] od)
      throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("participants.csv"), StandardCharsets.UTF_8)) {
      w.write("cluster_id,time,status\n");
      for (int i = 0; i < time.length; i++) {
        w.write(
            String.format(
                Locale.ROOT, "K%02d,%d,%d%n", cluster[i] + 1, (long) time[i], event[i] ? 1 : 0));
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("clusters.csv"), StandardCharsets.UTF_8)) {
      w.write("cluster_id,site_id,arm\n");
      for (int c = 0; c < od.length; c++) {
        w.write(
            String.format(
                Locale.ROOT, "K%02d,S%d,%s%n", c + 1, siteOfCluster[c], od[c] ? "OD" : "TAU"));
      }
    }
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
