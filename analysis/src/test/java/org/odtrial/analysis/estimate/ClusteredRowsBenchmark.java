package org.odtrial.analysis.estimate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;

/**
 * Benchmark (a main, not a timed test): what the cluster-respecting relapse rows cost at scale,
 * next to the version-1 relapse rows, on generated analysis data shaped like {@code odtrial
 * generate}'s (1,000,000 participants, 2,000 clusters, 250 sites of 8 clusters, 4 OD each;
 * exponential times cut at 730 days). Thread CPU time per call, so the figure does not depend on
 * the machine's load.
 *
 * <p>Usage: {@code ClusteredRowsBenchmark [participants] [clusters] [sites] [repeats]}.
 */
public final class ClusteredRowsBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ClusteredRowsBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int g = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int sites = args.length > 2 ? Integer.parseInt(args[2]) : 250;
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SplittableRandom rng = new SplittableRandom(20261124L);
    LocalDate baseline = LocalDate.of(2020, 1, 1);
    List<Cluster> clusters = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      String arm = (c / sites) % 2 == 0 ? "OD" : "TAU";
      clusters.add(new Cluster("C" + c, "S" + (c % sites), arm, null, null, null));
    }
    List<Participant> ps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Cluster k = clusters.get((int) ((long) i * g / n));
      double rate = k.arm().equals("OD") ? 0.0016 : 0.002;
      double t = -Math.log(1 - rng.nextDouble()) / rate;
      ps.add(
          new Participant(
              "P" + i,
              k.clusterId(),
              k.siteId(),
              k.arm(),
              baseline,
              baseline.plusDays(730),
              t <= 730,
              (int) Math.min(730, Math.ceil(t)),
              0,
              0,
              2.0,
              40,
              "female",
              null,
              null,
              0,
              false,
              false,
              0,
              null));
    }
    AnalysisData data = new AnalysisData(730, clusters, ps, List.of(), Map.of());
    AnalysisPlan plan = AnalysisPlan.defaults();
    System.out.printf(
        Locale.ROOT,
        "participants=%d clusters=%d sites=%d cores=%d %s %s%n",
        n,
        g,
        sites,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    for (int rep = 1; rep <= repeats; rep++) {
      double v1 = cpu(() -> RelapseRows.of(data, plan, new ArrayList<>()));
      double v2 = cpu(() -> ClusteredRelapseRows.of(data, plan));
      System.out.printf(
          Locale.ROOT,
          "run %d: version-1 relapse rows %.2f s CPU, cluster-respecting relapse rows %.2f s CPU%n",
          rep,
          v1,
          v2);
    }
  }

  private static double cpu(Supplier<?> work) {
    long c0 = THREADS.getCurrentThreadCpuTime();
    work.get();
    return (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
  }
}
