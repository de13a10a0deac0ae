package org.odtrial.ingest.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Measures load and read speed on a synthetic trial (not a test: run by hand). Prints wall time and
 * CPU time: on a shared machine the CPU time of the loading thread (which runs SQLite too) is the
 * figure that carries over.
 *
 * <pre>
 * mvn -q -o -pl ingest test-compile
 * java -Xmx256m -cp "ingest/target/test-classes:ingest/target/classes:$(cat cp.txt)" \
 *     org.odtrial.ingest.store.StoreBenchmark 1000000 /tmp/bench.odtrial
 * </pre>
 */
public final class StoreBenchmark {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private StoreBenchmark() {}

  public static void main(String[] args) throws IOException {
    int participants = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path db =
        args.length > 1 ? Path.of(args[1]) : Files.createTempFile("odtrial-bench", ".odtrial");
    Files.deleteIfExists(db);
    try (TrialStore store = TrialStore.open(db)) {
      load(store, new SyntheticTrial(participants, 0), "first load (direct insert)", "1");
      if (args.length > 2 && args[2].equals("first-only")) {
        return;
      }
      load(store, new SyntheticTrial(participants, 0), "identical second load (staged merge)", "1");
      load(store, new SyntheticTrial(participants, 1), "changed third load (staged merge)", "2");
      long start = start();
      long[] n = new long[1];
      for (TrialFile file : TrialFile.values()) {
        n[0] += store.read(file, 1, values -> {});
      }
      report("read load 1 after load 3", n[0], start);
    }
    System.out.printf(
        Locale.ROOT,
        "db size %.1f MiB, max heap %d MiB, peak RSS %s%n",
        Files.size(db) / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576,
        peakRss());
  }

  private static void load(TrialStore store, SyntheticTrial trial, String what, String seed) {
    long start = start();
    Map<TrialFile, String> files = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      files.put(file, "0".repeat(63) + seed);
    }
    LoadMetadata meta =
        new LoadMetadata("1".repeat(63) + seed, files, Instant.EPOCH, "bench", "bench", 1);
    LoadResult result;
    long streamed;
    long streamedCpu;
    try (LoadWriter writer = store.beginLoad(meta)) {
      trial.stream(writer);
      streamed = System.nanoTime();
      streamedCpu = CPU.getCurrentThreadCpuTime();
      result = writer.commit(List.of());
    }
    System.out.printf(
        Locale.ROOT,
        "  streaming %.1f s (cpu %.1f s), commit %.1f s (cpu %.1f s); %s%n",
        (streamed - start) / 1e9,
        (streamedCpu - cpuStart) / 1e9,
        (System.nanoTime() - streamed) / 1e9,
        (CPU.getCurrentThreadCpuTime() - streamedCpu) / 1e9,
        result.info().files());
    report(what, trial.records(), start);
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static long cpuStart;
  private static long processCpuStart;

  /**
   * Wall time and this thread's CPU time (SQLite runs on it too), since the machine may be shared.
   */
  private static void report(String what, long rows, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double processCpu = (OS.getProcessCpuTime() - processCpuStart) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-40s %,12d rows %7.1f s wall %,10.0f rows/s | %7.1f s cpu %,10.0f rows/cpu-s"
            + " | process cpu (incl. SQLite sorter thread, GC, JIT) %7.1f s%n",
        what,
        rows,
        seconds,
        rows / seconds,
        cpu,
        rows / cpu,
        processCpu);
  }

  private static long start() {
    cpuStart = CPU.getCurrentThreadCpuTime();
    processCpuStart = OS.getProcessCpuTime();
    return System.nanoTime();
  }

  private static String peakRss() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM"))
        .map(l -> l.replaceAll("\\s+", " "))
        .findFirst()
        .orElse("n/a");
  }
}
