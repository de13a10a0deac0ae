package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReportWriter#warmUp}: writes nothing, and a report written after it has the same bytes.
 */
class WarmUpTest {
  @TempDir Path tmp;

  @Test
  void warmUpWritesNothingAndLeavesEveryReportByteAsItWas() throws Exception {
    List<Path> before = ExampleReport.report();
    Path cwd = Path.of("").toAbsolutePath();
    long filesBefore;
    try (Stream<Path> s = Files.list(cwd)) {
      filesBefore = s.count();
    }
    Thread warm = new Thread(ReportWriter::warmUp);
    warm.start();
    warm.join();
    ReportWriter.warmUp(); // twice, and on the test's own thread too
    try (Stream<Path> s = Files.list(cwd)) {
      assertThat(s.count()).isEqualTo(filesBefore);
    }
    List<Path> after =
        ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp.resolve("after"));
    assertThat(ReportWriterTest.hashes(after)).isEqualTo(ReportWriterTest.hashes(before));
  }
}
