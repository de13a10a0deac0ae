package org.odtrial.analysis.estimate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.simulate.Simulation;
import org.odtrial.analysis.simulate.SimulationOptions;

/**
 * Benchmark (a main, not a timed test): the CPU time of each row group of the default plan on a
 * trial generated in memory (no store), on the calling thread, {@code ROUNDS} times (the first
 * includes the JIT's warm-up), then the whole analysis on one thread and on {@code THREADS}.
 *
 * <p>Usage: {@code RowCosts PARTICIPANTS CLUSTERS [ROUNDS] [SEED]}; env {@code ROW_COSTS_MI=1}
 * times the multiple-imputation rows too, {@code ROW_COSTS_WHOLE=0} skips the whole analysis,
 * {@code ROW_COSTS_ONLY=PREFIX} times only the steps whose name starts with it.
 */
public final class RowCosts {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RowCosts() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int k = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261124L;
    boolean mi = "1".equals(System.getenv("ROW_COSTS_MI"));
    AnalysisPlan plan = AnalysisPlan.defaults();
    AnalysisData d =
        time(
            "generate and derive",
            () -> Simulation.of(plan, SimulationOptions.of(k, n, 1, seed)).data(0));
    for (int r = 1; r <= rounds; r++) {
      System.out.printf(Locale.ROOT, "-- round %d%n", r);
      List<String> w = new ArrayList<>();
      time("relapse", () -> RelapseRows.of(d, plan, w));
      time("clustered relapse", () -> ClusteredRelapseRows.of(d, plan));
      time("intercurrent", () -> IntercurrentEventRows.of(d, plan, w));
      time("subgroups", () -> SubgroupRows.of(d, plan));
      time("counts", () -> CountRows.of(d, w));
      boolean[] compliers = time("compliers", () -> Compliance.compliers(d));
      for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
        String i = e.getKey();
        time("mmrm " + i, () -> MmrmRows.of(d, i, e.getValue()));
        if (mi) {
          time(
              "mi " + i,
              () -> ImputationRows.of(d, i, e.getValue(), plan.multipleImputation(), null));
        }
        for (int m : e.getValue()) {
          time("recovery " + i + " m" + m, () -> RecoveryRows.of(d, i, m));
          time("cace " + i + " m" + m, () -> CaceRows.of(d, compliers, i, m));
        }
      }
      time("meetings", () -> MeetingRows.of(d));
    }
    if (!"0".equals(System.getenv("ROW_COSTS_WHOLE"))) {
      int t = Runtime.getRuntime().availableProcessors();
      for (int threads : new int[] {1, t}) {
        long w0 = System.nanoTime();
        long c0 = processCpu();
        Analysis.of(plan).withThreads(threads).run(d, 1, "0".repeat(64), "bench");
        System.out.printf(
            Locale.ROOT,
            "%-28s %8.2f wall %8.2f cpu%n",
            "whole, " + threads + " thread(s)",
            (System.nanoTime() - w0) / 1e9,
            (processCpu() - c0) / 1e9);
      }
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** {@code ROW_COSTS_ONLY}: a prefix of the steps to time (the others are skipped). */
  private static final String ONLY = System.getenv().getOrDefault("ROW_COSTS_ONLY", "");

  private static <T> T time(String what, Supplier<T> step) {
    if (!what.startsWith(ONLY) && !what.equals("compliers") && !what.startsWith("generate")) {
      return null;
    }
    long c0 = THREADS.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    T out = step.get();
    System.out.printf(
        Locale.ROOT,
        "%-28s %8.3f cpu %8.3f wall%n",
        what,
        (THREADS.getCurrentThreadCpuTime() - c0) / 1e9,
        (System.nanoTime() - w0) / 1e9);
    return out;
  }
}
