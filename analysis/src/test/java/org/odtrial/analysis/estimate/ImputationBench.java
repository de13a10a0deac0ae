package org.odtrial.analysis.estimate;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.simulate.Simulation;
import org.odtrial.analysis.simulate.SimulationOptions;
import org.odtrial.ingest.store.TrialStore;

/**
 * Benchmark (a main, not a timed test) of the multiple-imputation rows alone ({@link
 * ImputationRows#of} per instrument of the default plan), CPU time of this thread after warm-up,
 * and a digest of the rows (the same digest before and after a speed change means the same rows).
 *
 * <pre>
 * ImputationBench sim CLUSTERS PARTICIPANTS REPS SEED [ROUNDS]  # simulated trials, as simulate makes them
 * ImputationBench db DB [ROUNDS]                                # a stored load (load 1)
 * </pre>
 *
 * bench/imputation.sh runs it.
 */
public final class ImputationBench {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ImputationBench() {}

  public static void main(String[] args) throws Exception {
    AnalysisPlan plan = AnalysisPlan.defaults();
    List<AnalysisData> trials = new ArrayList<>();
    int rounds;
    if ("sim".equals(args[0])) {
      int clusters = Integer.parseInt(args[1]);
      int participants = Integer.parseInt(args[2]);
      int reps = Integer.parseInt(args[3]);
      long seed = Long.parseLong(args[4]);
      rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
      Simulation sim =
          Simulation.of(plan, SimulationOptions.of(clusters, participants, reps, seed));
      for (int r = 0; r < reps; r++) {
        trials.add(sim.data(r));
      }
    } else {
      rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
      try (TrialStore store = TrialStore.open(Path.of(args[1]))) {
        Derivation derivation =
            Derivation.of(plan.horizonDays()).withInstruments(plan.recovery().keySet());
        trials.add(derivation.derive(StoredLoad.of(store, Optional.of(1))));
      }
    }
    for (int round = 0; round < rounds; round++) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (AnalysisData d : trials) {
        for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
          Map<Integer, List<Estimate>> rows =
              ImputationRows.of(d, e.getKey(), e.getValue(), plan.multipleImputation(), null);
          md.update(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      double cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
      double wall = (System.nanoTime() - w0) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "round %d: %d trials, %.1f ms CPU (%.2f ms a trial), %.0f ms wall, rows sha256 %s%n",
          round + 1,
          trials.size(),
          cpu,
          cpu / trials.size(),
          wall,
          HexFormat.of().formatHex(md.digest()).substring(0, 16));
    }
  }
}
