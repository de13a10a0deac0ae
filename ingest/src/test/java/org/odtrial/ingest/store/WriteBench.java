package org.odtrial.ingest.store;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Measures a store's write path alone (not a test: run by hand; docs/performance.md, "What the
 * server does for our COPY"): one first load of an upload folder's five CSV files, split on commas
 * (generated uploads have no quoted fields) and streamed into {@link TrialStore#beginLoad} without
 * validation, committed with no warnings. Prints wall time and CPU of the streaming and the commit:
 * the whole JVM's, and, given the PostgreSQL server's postmaster process id, the server's
 * (postmaster, its children and the children it reaped, from /proc: Linux only).
 *
 * <pre>
 * mvn -q -o -pl ingest test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Xmx768m -cp "ingest/target/test-classes:ingest/target/classes:$(cat ingest/cp.txt)" \
 *     org.odtrial.ingest.store.WriteBench postgresql://postgres@127.0.0.1:5432/empty UPLOAD PID
 * </pre>
 */
public final class WriteBench {
  private WriteBench() {}

  public static void main(String[] args) throws IOException {
    String store = args[0];
    Path upload = Path.of(args[1]);
    long postmaster = args.length > 2 ? Long.parseLong(args[2]) : -1;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<TrialFile, String> files = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      files.put(file, "0".repeat(64));
    }
    LoadMetadata meta = new LoadMetadata("1".repeat(64), files, Instant.EPOCH, "bench", "bench", 1);
    try (TrialStore trial = TrialStore.open(store, StoreSettings.DEFAULT)) {
      long c0 = os.getProcessCpuTime();
      long s0 = serverTicks(postmaster);
      long t0 = System.nanoTime();
      long c1;
      long s1;
      long t1;
      try (LoadWriter writer = trial.beginLoad(meta)) {
        for (TrialFile file : TrialFile.values()) {
          try (BufferedReader in = Files.newBufferedReader(upload.resolve(file.fileName()))) {
            in.readLine();
            long line = 1;
            for (String l = in.readLine(); l != null; l = in.readLine()) {
              String[] values = l.split(",", -1);
              for (int i = 0; i < values.length; i++) {
                if (values[i].isEmpty()) {
                  values[i] = null;
                }
              }
              writer.accept(file, ++line, values);
            }
          }
        }
        c1 = os.getProcessCpuTime();
        s1 = serverTicks(postmaster);
        t1 = System.nanoTime();
        writer.commit(List.of());
      }
      long c2 = os.getProcessCpuTime();
      long s2 = serverTicks(postmaster);
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "stream wall %.2f client %.2f server %.2f | commit wall %.2f client %.2f server %.2f |"
              + " total wall %.2f client %.2f server %.2f (s)%n",
          (t1 - t0) / 1e9,
          (c1 - c0) / 1e9,
          (s1 - s0) / 100.0,
          (t2 - t1) / 1e9,
          (c2 - c1) / 1e9,
          (s2 - s1) / 100.0,
          (t2 - t0) / 1e9,
          (c2 - c0) / 1e9,
          (s2 - s0) / 100.0);
    }
  }

  /** Clock ticks (1/100 s) of the postmaster, the children it reaped and its live children. */
  private static long serverTicks(long postmaster) throws IOException {
    if (postmaster < 0) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f;
        try {
          String stat = Files.readString(p.resolve("stat"));
          f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
          continue; // the process ended meanwhile
        }
        long pid = Long.parseLong(name);
        if (pid == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } else if (Long.parseLong(f[1]) == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    }
    return ticks;
  }
}
