package org.odtrial.analysis.simulate;

import java.util.Locale;
import org.odtrial.analysis.plan.AnalysisPlan;

/**
 * Wall-clock and CPU time of a simulation study of the default plan (not a test): bench/simulate.sh
 * runs it.
 *
 * <pre>
 * java -cp ... org.odtrial.analysis.simulate.SimulationBenchmark CLUSTERS PARTICIPANTS REPS SEED JOBS
 * </pre>
 */
public final class SimulationBenchmark {
  private SimulationBenchmark() {}

  public static void main(String[] args) {
    int clusters = Integer.parseInt(args[0]);
    int participants = Integer.parseInt(args[1]);
    int reps = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    int jobs = Integer.parseInt(args[4]);
    Simulation sim =
        Simulation.of(
            AnalysisPlan.defaults(), SimulationOptions.of(clusters, participants, reps, seed));
    long t0 = System.nanoTime();
    long cpu0 = cpu();
    SimulationResult r = sim.run(jobs);
    long t1 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%d reps of %d clusters, %d participants, %d jobs: %.1f s wall, %.1f s CPU (%.1f ms CPU"
            + " a rep), %d rows%n",
        r.repsDone(),
        clusters,
        participants,
        jobs,
        (t1 - t0) / 1e9,
        (cpu() - cpu0) / 1e9,
        (cpu() - cpu0) / 1e6 / r.repsDone(),
        r.rows().size());
  }

  /** CPU time of every thread of this process so far, in nanoseconds. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
