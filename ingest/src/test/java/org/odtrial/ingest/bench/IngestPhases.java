package org.odtrial.ingest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.validate.ValidationReport;
import org.odtrial.ingest.validate.Validator;

/**
 * Benchmark (a main, not a test): where the time of an ingest goes. Times, one after the other in
 * one JVM, (1) parse only: hash, strict UTF-8 decode and commons-csv parse of the five files into
 * String[] records, no checks; (2) validate: the validator (parse and check); (3) ingest: the
 * ingestor into a new store (parse, check and write). Checking = (2) - (1), writing = (3) - (2).
 * Reports wall time and process CPU time (all threads) per phase, since on a shared machine CPU
 * time is the steadier figure.
 *
 * <p>Usage: {@code IngestPhases UPLOAD_DIR STORE_FILE [repeats]}; the store file must not exist and
 * is deleted after each ingest so every ingest is a first load. Phase order is repeated, so repeats
 * after the first are warm.
 */
public final class IngestPhases {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).get();

  private IngestPhases() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path db = Path.of(args[1]);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    for (int r = 1; r <= repeats; r++) {
      Timing parse = time(() -> parseOnly(dir));
      Timing validate = time(() -> validate(dir));
      Timing ingest = time(() -> ingest(dir, db));
      Files.deleteIfExists(db);
      System.out.printf(
          Locale.ROOT,
          "run %d: %s (parse), %s (validate), %s (ingest)%n",
          r,
          parse.result,
          validate.result,
          ingest.result);
      row(r, "parse only", parse.wall, parse.cpu);
      row(r, "validate (parse+check)", validate.wall, validate.cpu);
      row(r, "ingest (parse+check+write)", ingest.wall, ingest.cpu);
      row(
          r,
          "=> checking (validate - parse)",
          validate.wall - parse.wall,
          validate.cpu - parse.cpu);
      row(
          r,
          "=> writing (ingest - validate)",
          ingest.wall - validate.wall,
          ingest.cpu - validate.cpu);
    }
  }

  private static void row(int run, String what, double wall, double cpu) {
    System.out.printf(
        Locale.ROOT, "run %d  %-32s wall %7.2f s   process CPU %7.2f s%n", run, what, wall, cpu);
  }

  /**
   * Streams the five files as the validator does (hash, strict UTF-8, RFC 4180), without any check.
   */
  static String parseOnly(Path dir) throws IOException {
    long records = 0;
    long cells = 0;
    for (TrialFile f : TrialFile.values()) {
      MessageDigest sha = sha256();
      try (Reader in =
              new BufferedReader(
                  new InputStreamReader(
                      new DigestInputStream(Files.newInputStream(dir.resolve(f.fileName())), sha),
                      StandardCharsets.UTF_8
                          .newDecoder()
                          .onMalformedInput(CodingErrorAction.REPORT)
                          .onUnmappableCharacter(CodingErrorAction.REPORT)),
                  1 << 16);
          CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
        boolean header = true;
        for (CSVRecord r : parser) {
          if (header) {
            header = false;
            continue;
          }
          // copy into a record array as the validator does, so the comparison is like for like
          String[] values = new String[r.size()];
          for (int i = 0; i < values.length; i++) {
            String v = r.get(i);
            values[i] = v.isEmpty() ? null : v;
          }
          cells += values.length;
          records++;
        }
      }
      HexFormat.of().formatHex(sha.digest());
    }
    return records + " records / " + cells + " cells";
  }

  static String validate(Path dir) {
    ValidationReport report = Validator.of().validate(dir);
    long rows = report.files().values().stream().mapToLong(s -> s.rows()).sum();
    return rows + " records, " + report.errors() + " errors";
  }

  static String ingest(Path dir, Path db) {
    IngestResult result = Ingestor.of("bench").ingest(dir, db);
    return result.outcome().name().toLowerCase(Locale.ROOT);
  }

  private interface Phase {
    String run() throws Exception;
  }

  private record Timing(double wall, double cpu, String result) {}

  private static Timing time(Phase phase) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    String result = phase.run();
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    return new Timing((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, result);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
