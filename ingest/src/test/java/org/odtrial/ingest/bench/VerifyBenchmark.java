package org.odtrial.ingest.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.store.Verification;

/**
 * Times {@code TrialStore.verify()} in one JVM, after warm-up passes, so that the JVM's start does
 * not hide the seal's own cost (a benchmark, not a test): {@code java -cp ...
 * org.odtrial.ingest.bench.VerifyBenchmark STORE [passes]}. Put an older build's classes first on
 * the class path to time its verify on a store of its own schema.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {}

  public static void main(String[] args) {
    Path store = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long[] ms = new long[passes];
    try (TrialStore s = TrialStore.open(store)) {
      for (int i = 0; i < 10; i++) {
        s.verify(); // warm-up
      }
      Verification v = null;
      for (int i = 0; i < passes; i++) {
        long t = System.nanoTime();
        v = s.verify();
        ms[i] = (System.nanoTime() - t) / 1_000;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "%s: %d entries, intact %s; verify %.1f ms median (%.1f-%.1f ms, %d passes)%n",
          store.getFileName(),
          v.entries(),
          v.intact(),
          ms[passes / 2] / 1000.0,
          ms[0] / 1000.0,
          ms[passes - 1] / 1000.0,
          passes);
    }
  }
}
