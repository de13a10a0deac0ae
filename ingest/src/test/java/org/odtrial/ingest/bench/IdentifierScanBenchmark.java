package org.odtrial.ingest.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.DirectIdentifiers;

/**
 * Times the direct-identifier check alone over every cell of an upload (a benchmark, not a test):
 * {@code java -cp ... org.odtrial.ingest.bench.IdentifierScanBenchmark DIR [passes]}. Put an older
 * build's classes first on the class path to time its detector on the same cells.
 */
public final class IdentifierScanBenchmark {
  private IdentifierScanBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> cells = new ArrayList<>();
    for (TrialFile f : TrialFile.values()) {
      try (Reader in = Files.newBufferedReader(dir.resolve(f.fileName()), StandardCharsets.UTF_8)) {
        for (CSVRecord r : CSVFormat.RFC4180.parse(in)) {
          for (String v : r) {
            if (!v.isEmpty()) {
              cells.add(v);
            }
          }
        }
      }
    }
    for (int p = 0; p < passes; p++) {
      long hits = 0;
      long t0 = System.nanoTime();
      for (String c : cells) {
        if (DirectIdentifiers.kind(c) != null) {
          hits++;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "pass %d: %,d cells in %.3f s = %.1f ns a cell (%,d flagged)%n",
          p + 1,
          cells.size(),
          s,
          s * 1e9 / cells.size(),
          hits);
    }
  }
}
