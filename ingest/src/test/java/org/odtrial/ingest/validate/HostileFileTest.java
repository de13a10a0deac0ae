package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.Utf8LineReader;

/**
 * Files made to exhaust memory or to hang: each gets a finding naming file and line, in bounded
 * memory (checked in a JVM with a 64 MiB heap), and a pipe or device is never read.
 */
class HostileFileTest {
  @TempDir Path dir;

  private static final String HEADER =
      "episode_id,participant_id,setting,start_date,end_date,detained\n";

  /** Writes the header, a good row, then {@code bytes} of {@code fill} on line 3. */
  private void writeAdmissions(String line3Start, byte fill, long bytes) throws IOException {
    TrialDir.valid(dir);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve("admissions.csv")), 1 << 16)) {
      out.write(
          (HEADER + "E1,P1,inpatient,2020-05-01,2020-05-20,no\n" + line3Start)
              .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 16];
      java.util.Arrays.fill(chunk, fill);
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.write("\nE3,P1,inpatient,2020-07-01,,no\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Validates dir in a JVM with a 64 MiB heap; returns what it printed (one finding a line). */
  private String validateIn64MiB() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                PrintFindings.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** Prints each finding of a validation as "file line rule". */
  public static final class PrintFindings {
    public static void main(String[] args) {
      for (Finding f : Validator.of().validate(Path.of(args[0])).findings()) {
        System.out.println(f.file() + " " + f.line() + " " + f.rule());
      }
    }
  }

  @Test
  void aLineOf80MiBIsReportedNotLoaded() throws Exception {
    writeAdmissions("E2,P1,inpatient,2020-06-01,,", (byte) 'x', 80L << 20);
    assertThat(validateIn64MiB()).isEqualTo("admissions.csv 3 too-long\n");
  }

  @Test
  void aStrayQuoteBeforeTheRestOfALargeFileIsReportedNotLoaded() throws Exception {
    // line 3 opens a quote that is never closed: commons-csv would read the rest as one cell
    writeAdmissions("E2,P1,\"inpatient,2020-06-01,,no\n", (byte) 'y', 80L << 20);
    assertThat(validateIn64MiB()).isEqualTo("admissions.csv 3 too-long\n");
  }

  @Test
  void limitsNameTheLineAndWhatIsTooLong() {
    String longCell = "z".repeat(Utf8LineReader.MAX_CELL + 1);
    List<Finding> f =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-06-01,,\"" + longCell + "\"")
            .validate()
            .findings();
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.line()).isEqualTo(3);
              assertThat(x.rule()).isEqualTo("too-long");
              assertThat(x.message()).contains("a cell longer than 65,536 characters");
            });
    List<Finding> cells =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2," + ",".repeat(Utf8LineReader.MAX_CELLS))
            .validate()
            .findings();
    assertThat(cells)
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("more than 10,000 cells"));
    List<Finding> header =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                "episode_id," + "a".repeat(Utf8LineReader.MAX_CELL + 1) + "\n")
            .validate()
            .findings();
    assertThat(header).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(1));
  }

  @Test
  void recordsJustUnderTheLimitsAreReadAsUsual() {
    String cell = "z".repeat(Utf8LineReader.MAX_CELL - 2); // with its quotes, just at the limit
    List<Finding> f =
        TrialDir.valid(dir)
            .append(
                TrialFile.ADMISSIONS,
                "E2,P1,inpatient,2020-06-01,,\"" + cell + "\"",
                "E3,P1,inpatient,2020-07-01,,\"a\nb\"",
                "E4,P1,inpatient,2020-08-01,,maybe")
            .validate()
            .findings();
    // each record read and checked: the long code and the multi-line code are wrong, and E4 too
    assertThat(f)
        .filteredOn(x -> x.severity() == Severity.ERROR)
        .extracting(Finding::line, Finding::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "code"),
            org.assertj.core.groups.Tuple.tuple(4L, "code"),
            org.assertj.core.groups.Tuple.tuple(6L, "code"));
  }

  @Test
  void aPipeOrADeviceIsReportedWithoutBeingOpened() throws Exception {
    TrialDir.valid(dir);
    Files.delete(dir.resolve("participants.csv"));
    Files.delete(dir.resolve("outcomes.csv"));
    Process mkfifo =
        new ProcessBuilder("mkfifo", dir.resolve("participants.csv").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Files.createSymbolicLink(dir.resolve("outcomes.csv"), Path.of("/dev/zero"));
    ValidationReport report =
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Validator.of().validate(dir));
    assertThat(report.findings())
        .filteredOn(x -> x.rule().equals("unreadable-file"))
        .extracting(Finding::file)
        .containsExactly("participants.csv", "outcomes.csv");
    assertThat(report.findings())
        .filteredOn(x -> x.rule().equals("unreadable-file"))
        .allSatisfy(x -> assertThat(x.message()).contains("not a regular file"));
  }
}
