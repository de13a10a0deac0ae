package org.odtrial.ingest.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;

/**
 * Benchmark (a main, not a test): the read an analysis makes of a load, alone. Reads every record
 * of the five files of the latest load, in key order, as {@code odtrial analyse} does through
 * {@link TrialStore#read}, and prints per file the records, wall and process CPU time, and a digest
 * of the records read, so that two stores holding the same upload (SQLite and PostgreSQL) can be
 * timed and shown to give the same records.
 *
 * <p>Usage: {@code StoreRead STORE [repeats]}, STORE a SQLite file or a {@code postgresql://} URL
 * (password from PGPASSWORD or the password file).
 */
public final class StoreRead {
  private StoreRead() {}

  public static void main(String[] args) throws Exception {
    String location = args[0];
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (TrialStore store = TrialStore.open(location, StoreSettings.DEFAULT)) {
      LoadInfo load = store.latestLoad().orElseThrow();
      for (int r = 1; r <= repeats; r++) {
        long allRecords = 0;
        long cpuAll = os.getProcessCpuTime();
        long wallAll = System.nanoTime();
        for (TrialFile file : TrialFile.values()) {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          long cpu0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          long records =
              store.read(
                  file,
                  load.load(),
                  values -> {
                    for (String v : values) {
                      // a null and an empty text digest differently
                      sha.update(
                          v == null ? new byte[] {1} : ("\0" + v).getBytes(StandardCharsets.UTF_8));
                      sha.update((byte) 2);
                    }
                  });
          allRecords += records;
          System.out.printf(
              Locale.ROOT,
              "run %d  %-22s %,11d records  wall %6.2f s  CPU %6.2f s  sha256 %s%n",
              r,
              file.fileName(),
              records,
              (System.nanoTime() - t0) / 1e9,
              (os.getProcessCpuTime() - cpu0) / 1e9,
              HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        System.out.printf(
            Locale.ROOT,
            "run %d  %-22s %,11d records  wall %6.2f s  CPU %6.2f s%n",
            r,
            "all five",
            allRecords,
            (System.nanoTime() - wallAll) / 1e9,
            (os.getProcessCpuTime() - cpuAll) / 1e9);
      }
    }
  }
}
