package org.odtrial.analysis.estimate;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.ingest.store.TrialStore;

/**
 * Benchmark (a main, not a timed test): where {@code odtrial analyse} spends its time on a stored
 * load, step by step in one JVM, as {@code AnalysisOptions.run} and {@link Analysis#run} do them:
 * verifying the store, reading and deriving the load, then each group of rows of the default plan,
 * the version-1 rows (those of analysis-results v1) apart from each version-2 group. Wall time and
 * process CPU time (all threads) per step.
 *
 * <p>Usage: {@code AnalysePhases DB [LOAD]}; {@code bench/analyse-scale.sh} runs it.
 */
public final class AnalysePhases {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static double v1Wall;
  private static double v1Cpu;

  private AnalysePhases() {}

  public static void main(String[] args) {
    Path db = Path.of(args[0]);
    Optional<Integer> load =
        args.length > 1 ? Optional.of(Integer.parseInt(args[1])) : Optional.empty();
    AnalysisPlan plan = AnalysisPlan.defaults();
    System.out.printf(
        Locale.ROOT, "%-44s %9s %9s %s%n", "step", "wall_s", "cpu_s", "rows (v1: version 1)");
    AnalysisData data;
    try (TrialStore store = TrialStore.open(db)) {
      StoredLoad source = StoredLoad.of(store, load);
      Derivation derivation =
          Derivation.of(plan.horizonDays()).withInstruments(plan.recovery().keySet());
      if ("1".equals(System.getenv("ANALYSE_PHASES_SEPARATE"))) {
        // as before the fused read: verify, then read the load again
        time("v1 verify the store", true, () -> store.verify().problems().size());
        data = time("v1 read and derive the load", true, () -> derivation.derive(source));
      } else {
        data =
            time(
                "v1 verify the store and derive the load",
                true,
                () ->
                    source.verifiedDerive(
                        derivation,
                        v -> {
                          if (!v.intact()) {
                            throw new IllegalStateException("not intact: " + v.problems());
                          }
                        }));
      }
    }
    if ("1".equals(System.getenv("ANALYSE_PHASES_READ_ONLY"))) {
      return;
    }
    List<String> warnings = new ArrayList<>();
    AnalysisData d = data;
    time(
        "v1 relapse (km, logrank, cox, cox_adjusted, rmst)",
        true,
        () -> RelapseRows.of(d, plan, warnings));
    time("v1+v2 counts (nb with HC0 and .nb.cr2, one fit)", true, () -> CountRows.of(d, warnings));
    for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
      for (int m : e.getValue()) {
        time(
            "v1+v2 recovery." + e.getKey() + ".m" + m + " (ancova, cr2, lmm, lmm_kr)",
            true,
            () -> RecoveryRows.of(d, e.getKey(), m));
      }
    }
    time("v1 meetings", true, () -> MeetingRows.of(d));
    time("v2 clustered relapse rows", false, () -> ClusteredRelapseRows.of(d, plan));
    time("v2 intercurrent-event rows", false, () -> IntercurrentEventRows.of(d, plan, warnings));
    time("v2 subgroup rows", false, () -> SubgroupRows.of(d, plan));
    boolean[] compliers = Compliance.compliers(d);
    for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
      time(
          "v2 recovery." + e.getKey() + " mmrm",
          false,
          () -> MmrmRows.of(d, e.getKey(), e.getValue()));
      if (!"0".equals(System.getenv("ANALYSE_PHASES_MI"))) {
        time(
            "v2 recovery." + e.getKey() + " mi and tipping",
            false,
            () -> ImputationRows.of(d, e.getKey(), e.getValue(), plan.multipleImputation(), null));
      }
      for (int m : e.getValue()) {
        time(
            "v2 recovery." + e.getKey() + ".m" + m + ".cace",
            false,
            () -> CaceRows.of(d, compliers, e.getKey(), m));
      }
    }
    System.out.printf(
        Locale.ROOT, "%-44s %9.2f %9.2f%n", "version-1 path (v1 and v1+v2 steps)", v1Wall, v1Cpu);
    System.out.printf(
        Locale.ROOT,
        "participants %d, clusters %d, heap used %d MiB%n",
        d.participants().size(),
        d.clusters().size(),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  private static <T> T time(String step, boolean v1, Supplier<T> work) {
    long w0 = System.nanoTime();
    long c0 = OS.getProcessCpuTime();
    T out = work.get();
    double wall = (System.nanoTime() - w0) / 1e9;
    double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
    if (v1) {
      v1Wall += wall;
      v1Cpu += cpu;
    }
    int rows =
        out instanceof List<?> l
            ? l.size()
            : out instanceof Map<?, ?> m ? m.size() : out instanceof Estimate ? 1 : -1;
    System.out.printf(Locale.ROOT, "%-44s %9.2f %9.2f %s%n", step, wall, cpu, rows < 0 ? "" : rows);
    return out;
  }
}
